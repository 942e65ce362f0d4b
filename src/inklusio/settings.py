"""One settings module, driven by environment variables.

Defaults are safe for the embedded run: SQLite under ``var/``, a secret key
generated once and kept under ``var/``, debug off. Production sets
``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``EMAIL_URL`` and friends.
"""

import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("INKLUSIO_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _email_settings(url: str) -> dict:
    """Turn ``smtp://user:pass@host:port?tls=1`` (or ``console://``) into Django settings."""
    parsed = urlparse(url)
    options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": parsed.path or str(VAR_DIR / "mail"),
        }
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.hostname or "127.0.0.1",
        "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parsed.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
        "EMAIL_USE_SSL": parsed.scheme == "smtps",
        "EMAIL_USE_TLS": options.get("tls", "0") in {"1", "true"},
        "EMAIL_TIMEOUT": int(options.get("timeout", "20")),
    }


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Behind a reverse proxy that rewrites the Host header, the origin of SITE_URL is the one browsers send.
_site = urlparse(SITE_URL)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or [f"{_site.scheme}://{_site.netloc}"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "inklusio.core",
    "inklusio.contacts",
    "inklusio.events",
    "inklusio.worldcafe",
    "inklusio.mailings",
    "inklusio.outreach",
    "inklusio.networks",
    "inklusio.participantmail",
    "inklusio.usage",
    "inklusio.surveys",
    "inklusio.finance",
    "inklusio.impact",
    "inklusio.public",
    "inklusio.privacy",
    "inklusio.webhooks",
    "inklusio.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "inklusio.core.middleware.SessionIdleTimeoutMiddleware",
    "inklusio.core.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "inklusio.usage.middleware.UsageCountingMiddleware",
]

ROOT_URLCONF = "inklusio.urls"
WSGI_APPLICATION = "inklusio.wsgi.application"

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
                "inklusio.core.context_processors.navigation",
                "inklusio.core.context_processors.branding",
            ],
        },
    }
]

FORMS_URLFIELD_ASSUME_HTTPS = True
FORM_RENDERER = "inklusio.core.forms.KernFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'inklusio.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the worker read while one of them writes;
    # IMMEDIATE takes the write lock at BEGIN so concurrent writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A report's or dashboard's figures on PostgreSQL: computed in up to this many threads with a connection each
# (core/side_by_side.py); 1 computes them one after another.
FIGURE_THREADS = int(os.environ.get("FIGURE_THREADS", "2"))

# Use of the public pages (usage/): counted in memory per process, written in batches by a thread of that process
# every USAGE_FLUSH_SECONDS (0: never by itself, e.g. in tests) or sooner when USAGE_FLUSH_SIZE pages are waiting.
# A visitor's repeat of one page within USAGE_REPEAT_WINDOW_SECONDS counts once; the salted hashes that tell
# repeats live only in the "usage" cache. With several web processes, point it at a shared cache (Redis or
# Memcached, USAGE_CACHE_BACKEND/USAGE_CACHE_LOCATION) so a repeat that reaches another process counts once too.
USAGE_FLUSH_SECONDS = float(os.environ.get("USAGE_FLUSH_SECONDS", "30"))
USAGE_FLUSH_SIZE = int(os.environ.get("USAGE_FLUSH_SIZE", "500"))
USAGE_REPEAT_WINDOW_SECONDS = int(os.environ.get("USAGE_REPEAT_WINDOW_SECONDS", str(30 * 60)))
_LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
CACHES = {
    "default": {"BACKEND": _LOCMEM, "LOCATION": "inklusio-default"},
    "usage": {
        "BACKEND": os.environ.get("USAGE_CACHE_BACKEND", _LOCMEM),
        "LOCATION": os.environ.get("USAGE_CACHE_LOCATION", "inklusio-usage"),
    },
}
if CACHES["usage"]["BACKEND"] == _LOCMEM:  # room for a busy half hour of distinct visitors and pages
    CACHES["usage"]["OPTIONS"] = {"MAX_ENTRIES": 200_000}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "mail"],
    }
}

# Every worker runs the periodic-job scheduler and records a heartbeat once per tick; `inklusio check` and the
# scheduler take a worker not seen for WORKER_HEARTBEAT_MAX_AGE seconds for dead.
SCHEDULER_TICK_SECONDS = float(os.environ.get("SCHEDULER_TICK_SECONDS", "30"))
WORKER_HEARTBEAT_MAX_AGE = float(os.environ.get("WORKER_HEARTBEAT_MAX_AGE", "120"))

# The API (docs/api.md): calls per minute per token, and the longest validity of a token in days.
INKLUSIO_API_RATE_LIMIT = int(os.environ.get("INKLUSIO_API_RATE_LIMIT", "120"))
INKLUSIO_API_TOKEN_MAX_DAYS = int(os.environ.get("INKLUSIO_API_TOKEN_MAX_DAYS", "365"))

# Webhooks (docs/webhooks.md): private and loopback receivers only in DEBUG or with WEBHOOK_ALLOW_PRIVATE=1; a
# claimed delivery whose worker died is sent again after WEBHOOK_CLAIM_SECONDS; WEBHOOK_RETRY_DELAYS (seconds,
# comma-separated) replaces the default schedule of about 27 hours.
WEBHOOK_ALLOW_PRIVATE = env_bool("WEBHOOK_ALLOW_PRIVATE")
WEBHOOK_TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT", "5"))
WEBHOOK_CLAIM_SECONDS = float(os.environ.get("WEBHOOK_CLAIM_SECONDS", "60"))
WEBHOOK_POLL_SECONDS = float(os.environ.get("WEBHOOK_POLL_SECONDS", "30"))
WEBHOOK_RETRY_DELAYS = [float(x) for x in env_list("WEBHOOK_RETRY_DELAYS")]
WEBHOOK_LOG_DAYS = int(os.environ.get("WEBHOOK_LOG_DAYS", "30"))

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
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:login"
# Login throttling (core/throttle.py): failures per user name and per client address within the window.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_ADDRESS_LIMIT = int(os.environ.get("LOGIN_FAILURE_ADDRESS_LIMIT", str(4 * LOGIN_FAILURE_LIMIT)))
LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("LOGIN_FAILURE_WINDOW_MINUTES", "15"))
# Reverse proxies (IP addresses or CIDR networks) whose X-Forwarded-For names the client; empty: never trusted.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    ipaddress.ip_network(_proxy, strict=False)  # a typo fails at start, not at the first login
# Two-factor login (TOTP, django-otp): roles that must have a confirmed device; anyone may enrol.
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", "project_lead")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "inklusio")
# Sensitive actions (role changes, exports with support needs, erasure) ask for the password again
# when the last authentication is older than this many seconds.
REAUTH_MAX_AGE = int(os.environ.get("REAUTH_MAX_AGE", str(15 * 60)))

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
TIME_ZONE = "Europe/Berlin"
# Our date formats per language (core/formats/): one English style, 24-hour times.
FORMAT_MODULE_PATH = ["inklusio.core.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
UPLOAD_ROOT = Path(os.environ.get("UPLOAD_ROOT", VAR_DIR / "uploads"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Imports larger than this are refused before they are parsed.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(16 * 1024 * 1024)))
# What one imported table may hold, checked while it is read (docs/security.md, "Import limits").
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "200000"))
IMPORT_MAX_COLUMNS = int(os.environ.get("IMPORT_MAX_COLUMNS", "200"))
IMPORT_MAX_CELL_CHARS = int(os.environ.get("IMPORT_MAX_CELL_CHARS", "10000"))
IMPORT_MAX_CELLS = int(os.environ.get("IMPORT_MAX_CELLS", "2000000"))
IMPORT_MAX_UNZIPPED_BYTES = int(os.environ.get("IMPORT_MAX_UNZIPPED_BYTES", str(100 * 1024 * 1024)))

vars().update(_email_settings(os.environ.get("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "inklusio <noreply@inklusio.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads the token: forms carry it as a hidden field
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "inklusio.core.views_errors.csrf_failure"  # in the site's look, with a way back
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
# Sessions are saved when they change; the idle timeout marks "last seen" at most once a minute
# (core.middleware.SessionIdleTimeoutMiddleware), which also keeps the cookie's expiry sliding.
SESSION_SAVE_EVERY_REQUEST = False
# Seconds without a request after which a staff session ends (the absolute limit is SESSION_COOKIE_AGE).
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(30 * 60)))
X_FRAME_OPTIONS = "DENY"
# The sites that may show inklusio's embeddable lists (/events/embed/ and the like) in a frame, as origins
# ("https://www.verein.de"); every other page, and these for any other site, stay unframeable. See docs/public.md.
EMBED_ALLOWED_PARENTS = env_list("EMBED_ALLOWED_PARENTS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and for path /.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a decision for the owner of the registrable domain (it binds every subdomain, for months,
        # and only works when served at the apex); inklusio usually runs on a subdomain. See docs/security.md.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    if env_bool("TRUST_X_FORWARDED_PROTO", True):
        # Only safe behind a proxy that sets this header itself (docs/security.md has the nginx line).
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: no inline script or style anywhere; every page loads its CSS and JS from /static/.
# data: images are KERN's icons (SVG data URLs in its stylesheet).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
