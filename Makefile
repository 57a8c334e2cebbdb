# Two commands set everything up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The suite runs on both cores (pytest-xdist); PYTEST_ARGS="-n 0" runs it in one process.
PYTEST_ARGS ?= -n 2 --dist load
STAMP := $(VENV)/.installed-stamp
AXE := build/npm/node_modules/axe-core/axe.min.js

.PHONY: run test install syscheck bench messages lint clean

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
# without npm the axe tests are skipped and say so.
$(AXE):
	@command -v npm >/dev/null 2>&1 || { echo "npm saknas: axe-testerna hoppas över (apt-get install npm)"; exit 0; }; \
		npm install --no-save --silent --no-audit --no-fund --prefix build/npm axe-core@4

# Says which Debian package is missing instead of failing obscurely later.
syscheck: install
	@$(PY) -m finsam.syscheck run

run: syscheck
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: install
	@$(PY) -m finsam.syscheck test
	$(PY) -m ruff check --quiet .
	$(PY) -m pytest $(PYTEST_ARGS)

bench: syscheck
	DEBUG=1 $(PY) manage.py migrate --no-input -v0
	DEBUG=1 $(PY) manage.py bench

messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=tests --ignore=build
	$(PY) manage.py compilemessages

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

clean:
	rm -rf $(VENV) .pytest_cache
