"""Settings for FINSAM Admin, read from the environment (see README.md, "Konfiguration").

Without a SECRET_KEY the project runs in local development mode (DEBUG on, a fixed development key), so that
`make run` works anywhere. A server sets SECRET_KEY, and then DEBUG is off unless DEBUG=1 says otherwise;
DEBUG=0 without a SECRET_KEY is refused.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY_MISSING = (
    "SECRET_KEY måste sättas när DEBUG=0 (se README.md, Konfiguration). Skapa en hemlig nyckel och spara den "
    "där servern startas, t.ex.:\n"
    "  export SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\""
)
SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", not SECRET_KEY)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(SECRET_KEY_MISSING)
    SECRET_KEY = "django-insecure-local-development-only-never-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "finsam.apps.FinsamAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",  # Bootstrap 5's files, from the django-bootstrap-static package (no CDN, nothing vendored)
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",  # lockout after repeated failed logins
    "django_otp",  # second factor (TOTP) for the people who can change an association's money
    "django_otp.plugins.otp_totp",
    "django_tasks",  # background work: renders and e-mail (django-tasks, the backport of django.tasks)
    "django_tasks_db",
    "django_filters",  # list filters (project and application lists)
    "finsam.apps.FinsamConfig",
    "members",
    "projects",
    "budget",
    "followup",
    "finsam.plan.apps.PlanConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML. BREACH needs a secret reflected beside attacker-chosen text in a compressed response;
    # Django masks the CSRF token anew in every response, which defeats it.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "finsam.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "finsam.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "finsam.middleware.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "finsam.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "finsam.middleware.AtomicWritesMiddleware",  # last: wraps the view itself, after every other check
]

ROOT_URLCONF = "finsam.urls"
WSGI_APPLICATION = "finsam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "finsam.context_processors.navigation",
            ],
            "builtins": ["finsam.templatetags.finsam"],
        },
    },
]

# The embedded default keeps `make run` working anywhere; production sets DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # persistent connections halve page times on a server; health-checked so a dropped one is replaced
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
# Requests that write (POST and the like) run in one transaction, by finsam.middleware.AtomicWritesMiddleware;
# pages that only read do not pay for one.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# PostgreSQL's planner assumes by default that fetching a row through an index costs four sequential page reads
# (random_page_cost = 4, made for spinning disks). This product's data, under a million rows at national scale,
# is read from memory; with the default the planner scans a whole national table rather than look up one
# association's rows (the plan page spent 13 ms in the server instead of 4; README, "Benchmark at national
# scale"). Each connection sets the common value for memory and SSD; DB_RANDOM_PAGE_COST="" keeps the server's.
_postgresql = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
_options = DATABASES["default"].setdefault("OPTIONS", {})
_page_cost = env_str("DB_RANDOM_PAGE_COST", "1.1")
if _postgresql and _page_cost:
    _options["options"] = f"{_options.get('options', '')} -c random_page_cost={float(_page_cost)}".strip()
# Prepared statements: a connection keeps the parse and plan of a query from its second run on, and later runs
# send only the parameters (psycopg's threshold is five runs; a connection lives a minute, DB_CONN_MAX_AGE, and
# gunicorn keeps one per thread, so at five most of them were never prepared). That needs server-side parameter
# binding. It halved the server's CPU per page at national scale (plan year 8.2 -> 3.3-3.8 ms, history 10-11 ->
# 5.7-7.2 ms; README, "Benchmark at national scale"), and the whole suite runs with it on PostgreSQL. A pooler in
# transaction mode (PgBouncer) cannot keep a session's statements: DB_PREPARE_THRESHOLD="" turns both off.
_prepare_threshold = env_str("DB_PREPARE_THRESHOLD", "1")
if _postgresql and _prepare_threshold:
    _options["server_side_binding"] = True
    _options["prepare_threshold"] = int(_prepare_threshold)
# Form choices (a ModelChoiceField's queryset.iterator()) would otherwise open a server-side cursor: DECLARE, FETCH
# and CLOSE, three round trips for a list of a few dozen rows. Nothing else here streams rows with iterator(), and
# a pooler in transaction mode cannot keep such cursors either.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = _postgresql
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username or address before the password
    "django.contrib.auth.backends.ModelBackend",
]

# Lockout (django-axes): the tenth failure in a row locks the username, and separately the address, for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = datetime.timedelta(hours=env_int("AXES_COOLOFF_HOURS", 1))
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The address counted: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies what the outermost saw (account.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "finsam.account.client_ip"

# A second factor (TOTP) for office staff and superusers: on in production, off in development by default.
REQUIRE_2FA_FOR_OFFICE = env_bool("REQUIRE_2FA_FOR_OFFICE", not DEBUG)
OTP_TOTP_ISSUER = "FINSAM Admin"

# Sessions end after two hours without activity.
# finsam.middleware.IdleTimeoutMiddleware notes the last activity at most every few minutes, so a page that
# only reads does not write its session each time; the cookie and the stored session outlive the idle limit.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 2 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT * 2

# Content-Security-Policy (django-csp): no inline script, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Background tasks in the database (no other server needed): a worker runs them (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Swedish by default; English can be chosen from the menu (kept in a cookie).
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "finsam@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production hardening: on unless DEBUG; each can be turned off from the environment (e.g. TLS ends at a proxy).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Demo users' password (printed by `manage.py load_demo`).
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "finsam-demo-2026")
