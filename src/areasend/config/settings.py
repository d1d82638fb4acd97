"""Settings, all from the environment.

DATABASE_URL   SQLite file by default; PostgreSQL in CI and production.
SECRET_KEY     must be set in production.
DEBUG          "1"/"true" to turn on; off by default.
ALLOWED_HOSTS  comma-separated host names.
AREASEND_ENV   "production" makes the settings refuse unsafe values.
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
    "areasend.ui",
    "areasend.accounts",
    "areasend.work",
    "areasend.areas",
    "areasend.inspections",
    "areasend.intake",
    "areasend.notifications",
    "areasend.programme",
    "areasend.surveys",
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
