"""Settings, all from the environment.

DATABASE_URL   SQLite file by default; PostgreSQL in CI and production.
SECRET_KEY     must be set in production.
DEBUG          "1"/"true" to turn on; off by default.
ALLOWED_HOSTS  comma-separated host names.
AREASEND_ENV   "production" makes the settings refuse unsafe values.
AREASEND_TASKS_BACKEND  where background work goes: the database queue by default.
SECURE_PROXY_SSL_HEADER, CSRF_TRUSTED_ORIGINS, AREASEND_BASE_URL  for running behind a TLS proxy.
HOST, PORT     where the service listens; links in messages point there unless AREASEND_BASE_URL is set.
AREASEND_GOVUK_BRAND  "1" shows the GOV.UK header (services on GOV.UK only).
"""

from pathlib import Path
import datetime as dt
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("AREASEND_VAR_DIR", PROJECT_DIR / "var"))


def _flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


DEFAULT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = _flag("DEBUG")
ENVIRONMENT = os.environ.get("AREASEND_ENV", "development")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()
]

if ENVIRONMENT == "production":
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a long random value in production (AREASEND_ENV=production): "
            "at least 50 characters, not all the same."
        )
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production (AREASEND_ENV=production).")
PRODUCTION = ENVIRONMENT == "production"

# The admin: on for development, off in production unless AREASEND_ADMIN=1 turns it on.
AREASEND_ADMIN = _flag("AREASEND_ADMIN", "0" if PRODUCTION else "1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "areasend.ui",
    "areasend.accounts",
    "areasend.work",
    "areasend.areas",
    "areasend.inspections",
    "areasend.intake",
    "areasend.tracking",
    "areasend.notifications",
    "areasend.programme",
    "areasend.surveys",
    "areasend.national",
    "areasend.retention",
    "areasend.evidence",
    "areasend.selfevaluation",
    "areasend.reports",
    "areasend.followup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "areasend.config.middleware.SecurityHeadersMiddleware",
    "areasend.config.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "areasend.config.middleware.RequestSizeMiddleware",
    "areasend.config.middleware.ControlCharacterMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "areasend.config.middleware.SessionLifetimeMiddleware",
    "areasend.config.middleware.MultiFactorMiddleware",
    "areasend.access.gate.SignInMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "areasend.config.urls"
WSGI_APPLICATION = "areasend.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "areasend.ui.jinja.environment",
            "context_processors": ["areasend.accounts.context.page", "areasend.ui.context.security"],
        },
    },
    {
        # The Django template language is kept for the admin only.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'areasend.sqlite3'}"),
        # ``areasend serve`` keeps each web process's connection for a minute (see server_commands);
        # the development server starts a thread per request, so there every request opens its own.
        # A kept connection is checked before reuse: a database restart costs a reconnect, not an error.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several processes share the file (web workers and the task worker): wait for a lock rather than fail,
    # and let readers read while one writes. The test database is a file too, so a worker started by a
    # test sees the same data (named by process, so two test runs at once keep apart).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20, init_command="PRAGMA journal_mode=WAL;")
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-areasend-{os.getpid()}.sqlite3")}
    VAR_DIR.mkdir(parents=True, exist_ok=True)
elif DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Django's own statements carry their values in their text and are never prepared. The few that send
    # values apart (a survey answer's statement) are prepared by psycopg after this many runs on one
    # connection. Behind a connection pooler in transaction mode, set AREASEND_DB_PREPARE_THRESHOLD=off.
    _threshold = os.environ.get("AREASEND_DB_PREPARE_THRESHOLD", "5").strip().lower()
    if _threshold not in ("off", "none", "") and not _threshold.isdigit():
        raise ImproperlyConfigured(f"AREASEND_DB_PREPARE_THRESHOLD must be a whole number or off, not {_threshold!r}")
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        None if _threshold in ("off", "none", "") else int(_threshold))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# django-axes first: it refuses a locked-out name before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Staff sign in through OpenID Connect (a department's identity provider or GOV.UK One Login) when
# OIDC_RP_CLIENT_ID and the provider's endpoints are set. Only people who already have an account
# (matched by email address) are let in: the provider proves who someone is, the service says what they may do.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email")
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"
LOGIN_REDIRECT_URL_FAILURE = "/account/sign-in/?provider=refused"
OIDC_PROVIDER_NAME = os.environ.get("AREASEND_OIDC_PROVIDER_NAME", "your organisation's account")
AREASEND_OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
if AREASEND_OIDC_ENABLED:
    _missing = [name for name in ("OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT")
                if not globals()[name]]
    if OIDC_RP_SIGN_ALGO.startswith("RS") and not OIDC_OP_JWKS_ENDPOINT:
        _missing.append("OIDC_OP_JWKS_ENDPOINT")
    if _missing:
        raise ImproperlyConfigured(f"OpenID Connect sign-in needs {', '.join(_missing)} as well as OIDC_RP_CLIENT_ID.")
    AUTHENTICATION_BACKENDS.append("areasend.accounts.oidc.AreasendOIDCBackend")
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "work:home"
LOGOUT_REDIRECT_URL = "areas:list"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = PROJECT_DIR / "node_modules"
GOVUK_FRONTEND_DIST = NODE_MODULES / "govuk-frontend" / "dist" / "govuk"
STATICFILES_DIRS = [("govuk", GOVUK_FRONTEND_DIST)] if GOVUK_FRONTEND_DIST.exists() else []
# OpenMoji (CC BY-SA 4.0): the pictures beside the easy-read survey questions.
OPENMOJI_SVG = NODE_MODULES / "openmoji" / "color" / "svg"
if OPENMOJI_SVG.exists():
    STATICFILES_DIRS.append(("openmoji", OPENMOJI_SVG))
# The compiled GOV.UK Frontend stylesheet asks for fonts and images under /assets/.
WHITENOISE_ROOT = GOVUK_FRONTEND_DIST if GOVUK_FRONTEND_DIST.exists() else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Files the local area uploads (see AREASEND_UPLOAD_DIR); another backend by setting.
    "uploads": {"BACKEND": os.environ.get("AREASEND_UPLOAD_STORAGE", "areasend.intake.storage.UploadStorage")},
}
# Uploads in an object store, so every host sees them (django-storages' S3 backend, which needs boto3):
# AREASEND_UPLOAD_STORAGE=s3 and AREASEND_S3_BUCKET. Objects are private, encrypted at rest by the store
# (AREASEND_S3_SSE: AES256 by default, or aws:kms with AREASEND_S3_KMS_KEY_ID), and only ever served
# through the service's permission checks.
if STORAGES["uploads"]["BACKEND"] in {"s3", "storages.backends.s3.S3Storage"}:
    _bucket = os.environ.get("AREASEND_S3_BUCKET", "")
    if not _bucket:
        raise ImproperlyConfigured("AREASEND_S3_BUCKET must name the bucket when AREASEND_UPLOAD_STORAGE is s3.")
    _sse = os.environ.get("AREASEND_S3_SSE", "AES256")
    if _sse not in {"AES256", "aws:kms"}:
        raise ImproperlyConfigured("AREASEND_S3_SSE must be AES256 or aws:kms.")
    _object_parameters = {"ServerSideEncryption": _sse}
    if _sse == "aws:kms" and os.environ.get("AREASEND_S3_KMS_KEY_ID"):
        _object_parameters["SSEKMSKeyId"] = os.environ["AREASEND_S3_KMS_KEY_ID"]
    STORAGES["uploads"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "region_name": os.environ.get("AREASEND_S3_REGION") or None,
            "endpoint_url": os.environ.get("AREASEND_S3_ENDPOINT_URL") or None,
            "location": os.environ.get("AREASEND_S3_PREFIX", "uploads"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": _object_parameters,
        },
    }

# Upload checks (areasend.intake.scanning): the virus scanner, and the most a request may carry, refused
# from its Content-Length before any of the body is read.
AREASEND_CLAMD_SOCKET = os.environ.get("AREASEND_CLAMD_SOCKET", "")
AREASEND_CLAMD_HOST = os.environ.get("AREASEND_CLAMD_HOST", "")
AREASEND_CLAMD_PORT = int(os.environ.get("AREASEND_CLAMD_PORT", "3310"))
AREASEND_VIRUS_SCANNER = os.environ.get(
    "AREASEND_VIRUS_SCANNER", "clamd" if (AREASEND_CLAMD_SOCKET or AREASEND_CLAMD_HOST) else "none").strip().lower()
if AREASEND_VIRUS_SCANNER not in {"clamd", "eicar", "none"}:
    raise ImproperlyConfigured("AREASEND_VIRUS_SCANNER must be clamd, eicar or none.")
if AREASEND_VIRUS_SCANNER == "clamd" and not (AREASEND_CLAMD_SOCKET or AREASEND_CLAMD_HOST):
    raise ImproperlyConfigured("AREASEND_VIRUS_SCANNER=clamd needs AREASEND_CLAMD_SOCKET or AREASEND_CLAMD_HOST.")
#: The largest upload (20 MB) and a little more for the rest of the form.
AREASEND_MAX_REQUEST_BYTES = int(os.environ.get("AREASEND_MAX_REQUEST_BYTES", str(20 * 1024 * 1024 + 256 * 1024)))

# One cache for every process (web workers and the task worker): rate limits and cached survey dates hold
# across them. The table is made by the programme app's migrations.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "areasend_cache",
    }
}

# Background work (plan solves) through Django's tasks API on a queue kept in the database; the worker is
# ``areasend worker`` (``areasend serve`` starts one). AREASEND_TASKS_BACKEND=immediate runs tasks in the
# process that asks for them (no worker needed; for trying things out only).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = os.environ.get("AREASEND_TASKS_BACKEND", "database").strip().lower()
if _tasks_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured("AREASEND_TASKS_BACKEND must be database or immediate.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_tasks_backend]}}

# Behind a proxy that ends TLS: SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https tells Django which
# header says the request came over HTTPS; CSRF_TRUSTED_ORIGINS lists the https origins forms are posted from.
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_header:
    _parts = [part.strip() for part in _proxy_header.split(",")]
    if len(_parts) != 2 or not all(_parts):
        raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER must be a header and a value, for example HTTP_X_FORWARDED_PROTO,https.")
    SECURE_PROXY_SSL_HEADER = (_parts[0], _parts[1])
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS only in production: plain requests are sent to https, and browsers told to keep to it.
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", "1" if PRODUCTION else "0")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365) if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1")
SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", "1" if PRODUCTION else "0")

# Browser features no page uses are switched off for every page.
AREASEND_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)

# Content Security Policy (django-csp): scripts only from the service itself, and the one inline script
# GOV.UK Frontend's page template writes carries the request's nonce (passed as ``cspNonce``).
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "media-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Sessions: signed out after AREASEND_SESSION_IDLE_MINUTES without a request, and after
# AREASEND_SESSION_ABSOLUTE_HOURS whatever happens. The cookie lasts no longer than the absolute limit.
AREASEND_SESSION_IDLE_MINUTES = int(os.environ.get("AREASEND_SESSION_IDLE_MINUTES", "30"))
AREASEND_SESSION_ABSOLUTE_HOURS = int(os.environ.get("AREASEND_SESSION_ABSOLUTE_HOURS", "10"))
SESSION_COOKIE_AGE = AREASEND_SESSION_ABSOLUTE_HOURS * 60 * 60

# Sign-in lockout (django-axes, kept in the database so every web process sees it): after
# AREASEND_SIGN_IN_FAILURES refused sign-ins for one username, or from one client address (taken as
# AREASEND_CLIENT_IP_HEADER says), further sign-ins for it are refused for AREASEND_SIGN_IN_LOCKOUT_MINUTES.
# Every refusal and every lockout is in the audit trail.
AXES_FAILURE_LIMIT = int(os.environ.get("AREASEND_SIGN_IN_FAILURES", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AREASEND_SIGN_IN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "areasend.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "areasend.access.client.axes_client_address"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = AREASEND_ADMIN

# Multi-factor sign-in: staff who sign in with a local password also give a code from an
# authenticator app (TOTP). On by default in production; AREASEND_REQUIRE_MFA=1 turns it on elsewhere.
AREASEND_REQUIRE_MFA = _flag("AREASEND_REQUIRE_MFA", "1" if PRODUCTION else "0")
OTP_TOTP_ISSUER = "Area SEND inspections"

# The client's address, behind a proxy that ends TLS: AREASEND_CLIENT_IP_HEADER names the header it
# sets (HTTP_X_FORWARDED_FOR) and AREASEND_TRUSTED_PROXY_COUNT how many proxies stand in front.
AREASEND_CLIENT_IP_HEADER = os.environ.get("AREASEND_CLIENT_IP_HEADER", "").strip()
AREASEND_TRUSTED_PROXY_COUNT = int(os.environ.get("AREASEND_TRUSTED_PROXY_COUNT", "1" if AREASEND_CLIENT_IP_HEADER else "0"))

# Shown in the phase banner and on every page while demo data is loaded.
AREASEND_PHASE = os.environ.get("AREASEND_PHASE", "alpha")
# The header: the service's name on a plain bar by default. The GOV.UK header (crown and logotype) is for
# services on GOV.UK only, so a deployment that is one turns it on with AREASEND_GOVUK_BRAND=1.
AREASEND_GOVUK_BRAND = _flag("AREASEND_GOVUK_BRAND")
# `make demo` runs the development server with DEBUG off, so people see the service's own error pages;
# WhiteNoise then serves the static files from the apps and packages instead of var/static.
WHITENOISE_USE_FINDERS = DEBUG or _flag("AREASEND_STATIC_FROM_SOURCE")

# Messages: GOV.UK Notify when an API key is set, Django's email backend otherwise.
AREASEND_NOTIFY_API_KEY = os.environ.get("AREASEND_NOTIFY_API_KEY", "")
AREASEND_NOTIFY_TEMPLATE_ID = os.environ.get("AREASEND_NOTIFY_TEMPLATE_ID", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.locmem.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "areasend@localhost")
# Files the local area uploads: outside the web root, served only through permission checks.
AREASEND_UPLOAD_DIR = Path(os.environ.get("AREASEND_UPLOAD_DIR", VAR_DIR / "uploads"))
# Where links in messages (emails, calendar files) point. By default the address the service listens on,
# from HOST and PORT (as `make demo`, `make serve` and `areasend serve` set them); a host that means every
# interface is written localhost.
_listen_host = os.environ.get("HOST", "").strip()
if _listen_host in {"", "0.0.0.0", "::", "[::]"}:
    _listen_host = "localhost"
elif ":" in _listen_host and not _listen_host.startswith("["):
    _listen_host = f"[{_listen_host}]"
_listen_port = os.environ.get("PORT", "").strip() or "8000"
AREASEND_BASE_URL = (os.environ.get("AREASEND_BASE_URL", "").strip() or f"http://{_listen_host}:{_listen_port}").rstrip("/")
if PRODUCTION and AREASEND_NOTIFY_API_KEY and not AREASEND_NOTIFY_TEMPLATE_ID:
    raise ImproperlyConfigured("AREASEND_NOTIFY_TEMPLATE_ID must name the Notify template when AREASEND_NOTIFY_API_KEY is set.")
# In production messages go through GOV.UK Notify only: without its key, or with an email backend that
# prints or files messages, the service refuses to start, so no message body ends up in a log.
AREASEND_EMAIL_ONLY_THROUGH_NOTIFY = PRODUCTION
if PRODUCTION and not AREASEND_NOTIFY_API_KEY:
    raise ImproperlyConfigured(
        "AREASEND_NOTIFY_API_KEY must be set in production: messages are sent through GOV.UK Notify only."
    )
if PRODUCTION and EMAIL_BACKEND.rsplit(".", 2)[-2] in {"console", "filebased"}:
    raise ImproperlyConfigured("EMAIL_BACKEND cannot print or file messages in production: set AREASEND_NOTIFY_API_KEY.")

# For each area (ONS code), the email domains its nominated officer's address may have, written
# E06000022=bathnes.gov.uk|nhs.net;E09000002=lbbd.gov.uk. An area not listed may use any address (the lead
# inspector confirms every name the local area proposes).
AREASEND_LANO_EMAIL_DOMAINS = os.environ.get("AREASEND_LANO_EMAIL_DOMAINS", "")
# The privacy notice names the controller and how to reach its data-protection officer.
AREASEND_PRIVACY_CONTROLLER = os.environ.get(
    "AREASEND_PRIVACY_CONTROLLER", "The organisation that runs this service for Ofsted and CQC")
AREASEND_PRIVACY_CONTACT = os.environ.get(
    "AREASEND_PRIVACY_CONTACT", "the data protection officer of the organisation that runs this service")
# The retention schedule's periods, as KEY=MONTHS pairs (see areasend.retention.schedule); checked here.
AREASEND_RETENTION_MONTHS = os.environ.get("AREASEND_RETENTION_MONTHS", "")
from areasend.retention.schedule import ScheduleError, schedule_with  # noqa: E402

try:
    schedule_with(AREASEND_RETENTION_MONTHS)
except ScheduleError as _error:
    raise ImproperlyConfigured(f"AREASEND_RETENTION_MONTHS: {_error}") from None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Priority action plan deadlines, in working days from the report's publication. The framework's
# defaults (35 to submit, 70 to publish) are unconfirmed; set these to use others.
AREASEND_PAP_SUBMIT_WORKING_DAYS = int(os.environ["AREASEND_PAP_SUBMIT_WORKING_DAYS"]) if os.environ.get("AREASEND_PAP_SUBMIT_WORKING_DAYS") else None
AREASEND_PAP_PUBLISH_WORKING_DAYS = int(os.environ["AREASEND_PAP_PUBLISH_WORKING_DAYS"]) if os.environ.get("AREASEND_PAP_PUBLISH_WORKING_DAYS") else None
