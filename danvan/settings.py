"""danvan settings: one file, configured by environment variables.

Every setting comes from a ``DANVAN_*`` variable; a secret may also be read
from the file named by ``DANVAN_<NAME>_FILE`` (Docker/systemd credentials).
Production is this same file with ``DANVAN_DEBUG=0``, which refuses to start
without a secret key and allowed hosts.
"""

from __future__ import annotations

import base64
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    """Read ``DANVAN_<name>``, or the contents of the file in ``DANVAN_<name>_FILE``."""
    file_path = os.environ.get(f"DANVAN_{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(f"DANVAN_{name}", default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


# Off unless a developer turns it on (`make run` sets DANVAN_DEBUG=1). A test run (pytest, or DANVAN_TESTING=1)
# gets the development secrets below without DEBUG; Django's test runner turns DEBUG off anyway.
DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("TESTING", "pytest" in sys.modules)
DEVELOPMENT_DEFAULTS = DEBUG or (TESTING and env("DEBUG") is None)

SECRET_KEY = env("SECRET_KEY") or ""
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not DEVELOPMENT_DEFAULTS:
    if not SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "DANVAN_SECRET_KEY (>= 32 characters) is required (DANVAN_DEBUG=1 only for development)."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DANVAN_ALLOWED_HOSTS is required (DANVAN_DEBUG=1 only for development).")
else:
    SECRET_KEY = SECRET_KEY or "danvan-development-key-not-for-production-0123456789"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "ninja",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "danvan.core",
    "danvan.accounts",
    "danvan.office",
    "danvan.initiatives",
    "danvan.notifications",
    "danvan.jobs",
    "danvan.cases",
    "danvan.reception",
    "danvan.democracy",
    "danvan.reporting",
    "danvan.feedback",
    "danvan.open311",
    "danvan.portal",
    "danvan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "danvan.core.middleware.SecurityHeadersMiddleware",
    "danvan.core.middleware.RequestContextMiddleware",
    "danvan.core.middleware.RejectNulMiddleware",
    "danvan.core.middleware.NotFoundMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "danvan.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "danvan.office.middleware.UnitChoiceMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "danvan.notifications.context_processors.unread_notifications",
            ],
            "builtins": ["danvan.core.templatetags.vn"],
        },
    }
]

# --- Database -------------------------------------------------------------
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")) or BASE_DIR / "var")
DATABASE_URL = env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'danvan.sqlite3'}"
# Persistent connections are checked at the start of each request (one round trip), so that a database restart
# costs no request a 500 on a dead connection.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=int(env("DB_CONN_MAX_AGE", "60") or 60), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL and a busy timeout let the app server and a worker share the file. A page cache of 64 MiB per
        # connection instead of SQLite's 2 MiB: a statement over a national table no longer reads its index pages
        # again from the OS for each row (the sweep after a day off over 1,000,000 cases 10.2 -> 8.0 s, a
        # province's case statistics 44 -> 39 ms); memory is taken only as pages are read.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Kept between requests like PostgreSQL's (DANVAN_DB_CONN_MAX_AGE): opening the file and its three PRAGMAs on
    # every request cost an Open311 submission 2.8 ms of CPU (12.5 → 9.7 ms; 74 → 101 submissions/s at 2 workers).
# A streaming replica (PostgreSQL hot standby) for report and statistics reads: only the code inside
# ``danvan.core.db_router.reporting_reads()`` reads there; everything else, and every write, uses "default".
# Unset: no "replica" alias, and reporting reads go to "default". Under tests the alias mirrors "default"
# (Django's TEST MIRROR), so the suites run unchanged with or without it; the real standby is exercised by
# tests/processes/test_replica.py through app servers started with both URLs.
REPLICA_URL = env("REPLICA_URL") or ""
if REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        REPLICA_URL, conn_max_age=int(env("DB_CONN_MAX_AGE", "60") or 60), conn_health_checks=True
    )
    if DATABASES["replica"]["ENGINE"].startswith("django.db.backends.postgresql"):
        # A standby that is down must not hang a report: connect fails fast, and reports use the primary.
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# PostgreSQL: parameters bound by the server and statements prepared on their second use on a connection, so the
# server parses and plans a hot statement (a submission's dozen INSERTs and look-ups) once per connection instead of
# on every request. DANVAN_DB_PREPARED=0 turns it off behind a transaction-pooling proxy that cannot keep prepared
# statements (PgBouncer before 1.21). Decision 0031.
DB_PREPARED = env_bool("DB_PREPARED", True)
# PostgreSQL's JIT compiles a query's expressions when its estimated cost is high — a report's aggregate with dozens
# of FILTER counts over a million rows — and each parallel worker compiles again: 150 ms and more for a query of a
# second. Off unless DANVAN_DB_JIT=1 (sent as a connection option; behind PgBouncer, let it pass with
# ``ignore_startup_parameters = options``, or set DANVAN_DB_JIT=1 and ``jit = off`` on the server). Decision 0032.
DB_JIT = env_bool("DB_JIT", False)
# A prepared statement is planned for its values five times, then PostgreSQL may keep one generic plan for any
# values. For the figures (a province's or a commune's counts over dates) the generic plan is far worse: a province's
# recommendations of a year 383 ms with a plan per call, 1,262 ms with the generic one (2,000,000 rows). Reads inside
# ``reporting_reads`` are planned for their values (core.db_router) unless DANVAN_DB_CUSTOM_PLANS=0. Decision 0034.
DB_CUSTOM_PLANS = env_bool("DB_CUSTOM_PLANS", True)
for alias in list(DATABASES):
    if not DATABASES[alias]["ENGINE"].startswith("django.db.backends.postgresql"):
        continue
    options = DATABASES[alias].setdefault("OPTIONS", {})
    if DB_PREPARED:
        options.update(server_side_binding=True, prepare_threshold=2)
    if not DB_JIT:
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DATABASE_ROUTERS = ["danvan.core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# An index's INCLUDE columns are PostgreSQL's (the initiative list's page keys, decision 0040); SQLite builds the
# same index without them, on purpose, so its warning says nothing to act on.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Caches ---------------------------------------------------------------
# The working-day calendar and the deadline clock are kept in Django's cache under versioned keys; the version
# itself lives there too, so a holiday saved on one node is seen by every node on its next request
# (docs/decisions/0016-object-storage-and-caches.md). The cache must therefore be shared by every process: by default a table in the database
# all nodes already share (created by `danvan migrate`); a test run keeps it in memory. DANVAN_CACHE_URL picks
# another: "redis://host:6379/0" (any Redis-compatible server; needs the `redis` package), "file:///path"
# (shared only by the processes of one machine), "locmem://" (one process only: development without a worker).
CACHE_URL = env("CACHE_URL") or ("locmem://" if TESTING else "db://")


def cache_from_url(url: str) -> dict[str, Any]:
    scheme, _, rest = url.partition("://")
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest or "danvan"}
    if scheme in {"db", "database"}:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest or "danvan_cache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    if scheme == "file" and rest:
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": rest}
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    raise ImproperlyConfigured("DANVAN_CACHE_URL: db://, redis://…, file:///path or locmem://")


CACHES = {"default": cache_from_url(CACHE_URL)}

# --- Authentication -------------------------------------------------------
AUTH_USER_MODEL = "accounts.Officer"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "office:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

# django-axes: lock an account+IP after repeated failures.
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5") or 5)
AXES_COOLOFF_TIME = float(env("LOGIN_COOLOFF_HOURS", "0.25") or 0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_VERBOSE = False
# The client's address as core.middleware.client_ip finds it: behind trusted proxies, the real client.
AXES_CLIENT_IP_CALLABLE = "danvan.core.middleware.client_ip"
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated, e.g.
# "127.0.0.1,10.0.0.0/8"). None by default: the address is REMOTE_ADDR, and a forged header changes nothing.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

OTP_TOTP_ISSUER = "danvan"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(env("HSTS_SECONDS", "0" if DEBUG else "31536000") or 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None

# Content security policy: no inline scripts anywhere; map tiles configurable.
MAP_TILE_URL = env("MAP_TILE_URL", "") or ""
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:"
    + (" " + MAP_TILE_URL.split("/{")[0] if MAP_TILE_URL else "")
    + "; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
)

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Numbers are formatted explicitly (|vn_number), so years and ids never become "2.026".
USE_THOUSAND_SEPARATOR = False

# --- Files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")) or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files (attachments, replaced document templates, exports) go through the "default" storage: the local
# disk under MEDIA_ROOT, or with DANVAN_STORAGE=s3 any S3-compatible object store (docs/decisions/0016-object-storage-and-caches.md). Every
# download is served by the application after its access check, streamed from the store; nothing is public.
STORAGE = (env("STORAGE", "local") or "local").strip().lower()
S3_BUCKET = env("S3_BUCKET", "") or ""
# The S3 backend as configured by DANVAN_S3_* (None without a bucket). Building it opens no connection.
S3_STORAGE: dict[str, Any] | None = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL") or None,
            # Without keys boto3 looks for credentials itself (AWS_* variables, an instance role).
            "access_key": env("S3_ACCESS_KEY_ID") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
            "region_name": env("S3_REGION", "us-east-1") or "us-east-1",
            "location": env("S3_PREFIX", "") or "",
            # Path-style URLs (endpoint/bucket/key) work with every S3-compatible server without DNS per bucket.
            "addressing_style": env("S3_ADDRESSING_STYLE", "path") or "path",
            "signature_version": "s3v4",
            "default_acl": None,
            # Like the local disk: a second file under a taken name gets a new name, nothing is overwritten.
            "file_overwrite": False,
            # Files read or written whole through storage.open() spill to a temporary file past this size.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }
    if S3_BUCKET
    else None
)
if STORAGE == "s3":
    if S3_STORAGE is None:
        raise ImproperlyConfigured("DANVAN_STORAGE=s3 needs DANVAN_S3_BUCKET (and DANVAN_S3_ENDPOINT_URL, keys).")
    STORAGES["default"] = S3_STORAGE
elif STORAGE != "local":
    raise ImproperlyConfigured("DANVAN_STORAGE is 'local' (the default) or 's3'.")
ATTACHMENT_MAX_BYTES = int(env("ATTACHMENT_MAX_MB", "20") or 20) * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Denouncer vault ------------------------------------------------------
# Fernet keys (urlsafe base64, 32 bytes), newest first: the first encrypts, all decrypt; rotate with
# `danvan vault_rotate` after putting a new key first. Required in production; development derives one key
# from SECRET_KEY so `make run` works without setup.
VAULT_KEYS = env_list("VAULT_KEYS")
if not VAULT_KEYS:
    if not DEVELOPMENT_DEFAULTS:
        raise ImproperlyConfigured(
            "DANVAN_VAULT_KEYS (or DANVAN_VAULT_KEYS_FILE) is required (DANVAN_DEBUG=1 only for development)."
        )
    VAULT_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(b"danvan-vault-dev:" + SECRET_KEY.encode()).digest()).decode()
    ]

# --- Mail -----------------------------------------------------------------
# Development writes mail to files under var/mail (one file per message) instead of the console.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env("EMAIL_HOST", "localhost") or "localhost"
EMAIL_PORT = int(env("EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "") or ""
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "danvan@localhost")
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30") or 30)
# The e-mail outbox (danvan.notifications): attempts before a row is marked failed (kept for an operator), the
# first wait after a failure (doubled at each attempt, capped), and how long a worker holds a row it is sending
# (longer than EMAIL_TIMEOUT: a worker that died mid-send lets the row go after it).
EMAIL_OUTBOX_MAX_ATTEMPTS = int(env("EMAIL_OUTBOX_MAX_ATTEMPTS", "8") or 8)
EMAIL_OUTBOX_BACKOFF_SECONDS = int(env("EMAIL_OUTBOX_BACKOFF_SECONDS", "60") or 60)
EMAIL_OUTBOX_BACKOFF_MAX_SECONDS = int(env("EMAIL_OUTBOX_BACKOFF_MAX_SECONDS", "21600") or 21600)
EMAIL_OUTBOX_LEASE_SECONDS = int(env("EMAIL_OUTBOX_LEASE_SECONDS", "300") or 300)

# --- Background tasks -----------------------------------------------------
# django-tasks with its database backend: no broker, `danvan db_worker` on any node takes tasks from the shared
# table (docs/decisions/0015-tasks-and-notifications.md). DANVAN_TASKS_BACKEND=immediate runs each task inside
# the request (a machine without a worker; some unit tests).
TASKS_BACKEND = env("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND or "database"]
    }
}
# Exports of more rows than this, imports of more rows than this, run as background jobs with a progress bar;
# smaller ones answer at once (danvan.jobs).
JOBS_EXPORT_THRESHOLD = int(env("JOBS_EXPORT_THRESHOLD", "2000") or 2000)
JOBS_IMPORT_THRESHOLD = int(env("JOBS_IMPORT_THRESHOLD", "500") or 500)
# The hourly deadline sweep and the outbox flush, enqueued by whichever worker finds them due (danvan.jobs.schedule).
SCHEDULE_SWEEP_SECONDS = int(env("SCHEDULE_SWEEP_SECONDS", "3600") or 3600)
SCHEDULE_OUTBOX_SECONDS = int(env("SCHEDULE_OUTBOX_SECONDS", "60") or 60)
# How often the rows the database's triggers add to a month cube are folded into one per key (reporting, decision
# 0033): the figures are exact either way; the fold keeps the cube small.
SCHEDULE_CUBE_MERGE_SECONDS = int(env("SCHEDULE_CUBE_MERGE_SECONDS", "600") or 600)
# A running job whose worker has not written for this long (a killed worker, a lost node) is queued again, at most
# JOBS_MAX_ATTEMPTS runs in all; the check runs every SCHEDULE_RECLAIM_SECONDS. The lease is longer than the
# longest silent step (a PDF conversion: up to 120 s).
JOBS_LEASE_SECONDS = int(env("JOBS_LEASE_SECONDS", "600") or 600)
JOBS_MAX_ATTEMPTS = int(env("JOBS_MAX_ATTEMPTS", "3") or 3)
SCHEDULE_RECLAIM_SECONDS = int(env("SCHEDULE_RECLAIM_SECONDS", "60") or 60)

# --- Logging and error reporting ------------------------------------------
# DANVAN_LOG_FORMAT=json writes one JSON object per line (time, level, logger, message, request_id, exc_info) for
# a log collector; the default is plain text. Every record carries the request id of the request it was written
# in (X-Request-ID, see core.middleware.RequestContextMiddleware).
LOG_FORMAT = (env("LOG_FORMAT", "text") or "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("DANVAN_LOG_FORMAT must be 'text' or 'json'.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "danvan.core.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "danvan.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
# A callable (dotted path) told of every unhandled error in pages, the API and tasks, as
# ``hook(exception, context)``: e.g. a function sending it to Sentry or GlitchTip. A failing hook is logged and
# never breaks the request (danvan.core.error_reporting).
ERROR_HOOK = env("ERROR_HOOK", "") or ""
FORMAT_MODULE_PATH = ["danvan.formats"]
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
NINJA_PAGINATION_CLASS = "danvan.core.pagination.Page"
NINJA_PAGINATION_PER_PAGE = 20
NINJA_PAGINATION_MAX_LIMIT = 100

# --- Citizen feedback channel (danvan.feedback) -----------------------------
# Map tiles of the report form and the public map ("https://tile.example.vn/{z}/{x}/{y}.png"); empty: the map is a
# bare coordinate picker (no tiles, nothing fetched from elsewhere). Defaults to MAP_TILE_URL.
FEEDBACK_TILE_URL = env("FEEDBACK_TILE_URL", "") or MAP_TILE_URL
FEEDBACK_TILE_ATTRIBUTION = env("FEEDBACK_TILE_ATTRIBUTION", "") or ""
if FEEDBACK_TILE_URL and FEEDBACK_TILE_URL != MAP_TILE_URL:
    CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data: blob:", "img-src 'self' data: blob: " + FEEDBACK_TILE_URL.split("/{")[0], 1
    )
# The proof of work a citizen's browser solves before a report is accepted (core.proof_of_work): the largest
# secret number (about 0,3 s on a phone at 50.000).
FEEDBACK_PROOF_OF_WORK = env_bool("FEEDBACK_PROOF_OF_WORK", True)
# Citizen SMS (danvan.feedback.messages): a dotted path to a backend class; the console backend prints them.
FEEDBACK_SMS_BACKEND = env("FEEDBACK_SMS_BACKEND", "") or "danvan.feedback.messages.ConsoleSmsBackend"
PROOF_OF_WORK_MAX_NUMBER = int(env("PROOF_OF_WORK_MAX_NUMBER", "50000") or 50000)
