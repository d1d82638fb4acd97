"""Settings, all from the environment.

DATABASE_URL   SQLite file by default; PostgreSQL in CI and production.
SECRET_KEY     must be set in production.
DEBUG          "1"/"true" to turn on; off by default.
ALLOWED_HOSTS  comma-separated host names.
AREASEND_ENV   "production" makes the settings refuse unsafe values.
AREASEND_TASKS_BACKEND  where background work goes: the database queue by default.
SECURE_PROXY_SSL_HEADER, CSRF_TRUSTED_ORIGINS, AREASEND_BASE_URL  for running behind a TLS proxy.
"""

from pathlib import Path
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
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a long random value in production (AREASEND_ENV=production)."
        )
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production (AREASEND_ENV=production).")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "areasend.ui",
    "areasend.accounts",
    "areasend.work",
    "areasend.areas",
    "areasend.inspections",
    "areasend.intake",
    "areasend.notifications",
    "areasend.programme",
    "areasend.surveys",
    "areasend.evidence",
    "areasend.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "areasend.access.gate.SignInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
            "context_processors": ["areasend.accounts.context.page"],
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
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
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
SESSION_COOKIE_SECURE = ENVIRONMENT == "production"
CSRF_COOKIE_SECURE = ENVIRONMENT == "production"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Shown in the phase banner and on every page while demo data is loaded.
AREASEND_PHASE = os.environ.get("AREASEND_PHASE", "alpha")

# Messages: GOV.UK Notify when an API key is set, Django's email backend otherwise.
AREASEND_NOTIFY_API_KEY = os.environ.get("AREASEND_NOTIFY_API_KEY", "")
AREASEND_NOTIFY_TEMPLATE_ID = os.environ.get("AREASEND_NOTIFY_TEMPLATE_ID", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "areasend@localhost")
# Files the local area uploads: outside the web root, served only through permission checks.
AREASEND_UPLOAD_DIR = Path(os.environ.get("AREASEND_UPLOAD_DIR", VAR_DIR / "uploads"))
# Where links in messages point.
AREASEND_BASE_URL = os.environ.get("AREASEND_BASE_URL", "http://localhost:8000").rstrip("/")
if ENVIRONMENT == "production" and AREASEND_NOTIFY_API_KEY and not AREASEND_NOTIFY_TEMPLATE_ID:
    raise ImproperlyConfigured("AREASEND_NOTIFY_TEMPLATE_ID must name the Notify template when AREASEND_NOTIFY_API_KEY is set.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
