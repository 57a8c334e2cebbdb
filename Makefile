# Two commands set everything up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The suite runs on both cores (pytest-xdist); PYTEST_ARGS="-n 0" runs it in one process. Work stealing: a worker
# that runs out of tests takes half of the other's queue, so the minute-long tests near the end of the order
# (the form fuzzer, the migrations, the browser) do not leave one worker finishing alone.
PYTEST_ARGS ?= -n 2 --dist worksteal
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000
# `make serve` on plain http at 127.0.0.1 turns the HTTPS-only settings off; HTTPS=1 behind a TLS proxy keeps them.
HTTPS ?= 0
SERVE_ENV := DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost}
ifeq ($(HTTPS),0)
SERVE_ENV += SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0
endif
AXE := build/npm/node_modules/axe-core/axe.min.js

.PHONY: run serve test install sysdeps-run sysdeps-test syscheck bench bench-scale messages lint clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "FINSAM Admin behöver Python 3.11 eller senare (Debian: apt-get install python3)."; exit 1; }
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || \
		{ echo "Python-modulen venv saknas. Installera den: apt-get install python3-venv"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || \
		{ echo "Kunde inte skapa $(VENV). Installera Debian-paketet python3-venv."; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP) $(AXE)

# axe-core, the accessibility checker the browser tests inject, from the npm registry into a gitignored folder;
# without npm the axe tests are skipped and say so (with REQUIRE_BROWSER=1, as in CI, `make test` stops instead).
# The version is pinned so a new release cannot change what the tests check overnight.
$(AXE):
	@command -v npm >/dev/null 2>&1 || { echo "npm saknas: axe-testerna hoppas över (apt-get install npm)"; exit 0; }; \
		npm install --no-save --silent --no-audit --no-fund --prefix build/npm axe-core@4.14.1

# Debian packages (venv, Pango, fonts; for the tests poppler-utils and Chromium): installed when run as root or
# with passwordless sudo, otherwise the one apt-get line to run is printed (finsam/syscheck.py).
sysdeps-run:
	@$(PYTHON) finsam/syscheck.py install run

sysdeps-test:
	@$(PYTHON) finsam/syscheck.py install test

# Says which Debian package is missing instead of failing obscurely later.
syscheck: sysdeps-run install
	@$(PY) -m finsam.syscheck run

# The development server and, beside it, the background worker that renders PDFs and workbooks and sends mail.
run: syscheck
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	@echo "Bakgrundsarbetaren (PDF, arbetsböcker, e-post) körs bredvid servern; Ctrl-C stoppar båda."
	@DEBUG=1 $(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production mode on http://127.0.0.1:$(PORT)/ on the configured database (DATABASE_URL): gunicorn with threads
# (gunicorn.conf.py) and the background worker (`manage.py db_worker`; on a server, run both as services).
serve: syscheck
	@test -n "$$SECRET_KEY" || { \
		echo "FEL: make serve kör med DEBUG=0 och behöver en hemlig nyckel i SECRET_KEY. Skapa och spara en:"; \
		echo "  export SECRET_KEY=\"\$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\""; \
		echo "och kör make serve igen (se README.md, Konfiguration)."; exit 1; }
	DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} $(PY) manage.py check --deploy --fail-level WARNING
	$(SERVE_ENV) $(PY) manage.py migrate --no-input
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input -v0
	@echo "Bakgrundsarbetaren (PDF, arbetsböcker, e-post) körs bredvid gunicorn; Ctrl-C stoppar båda."
	@$(SERVE_ENV) $(PY) manage.py db_worker --queue-name '*' --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(SERVE_ENV) GUNICORN_BIND=127.0.0.1:$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py

test: sysdeps-test install
	@$(PY) -m finsam.syscheck test
	$(PY) -m ruff check --quiet .
	$(PY) -m pytest $(PYTEST_ARGS)

bench: syscheck
	DEBUG=1 $(PY) manage.py migrate --no-input -v0
	DEBUG=1 $(PY) manage.py bench

# National scale on PostgreSQL (BENCH_DATABASE_URL): generates the data once, serves it with gunicorn and the
# worker, and prints p50/p95 per main page at 1 and 8 connections beside the targets (a benchmark, not a test).
ASSOCIATIONS ?= 80
YEARS ?= 20
bench-scale: syscheck
	$(PY) manage.py bench_scale --associations $(ASSOCIATIONS) --years $(YEARS)

messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=tests --ignore=build
	$(PY) manage.py compilemessages

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache
