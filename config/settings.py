"""The one settings module. Everything that differs between machines comes from the environment."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VUONLEN_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", True)
# Demo mode creates the demo accounts; never on in production.
DEMO = env_bool("VUONLEN_DEMO", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "treebeard",
    "axes",
    "auditlog",
    "ninja",
    "django_tasks_db",
    "django_fsm",
    # Ours, earliest first: later apps may import earlier ones, never the reverse.
    "core",
    "units",
    "accounts",
    "reports",
    "youth",
    "initiatives",
    "recognition",
    "cycle",
    "audit",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionIdleMiddleware",
    "core.middleware.LanguageMiddleware",
    "core.middleware.NullCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as axes asks: it turns a lockout raised further in into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.nav",
                "cycle.context_processors.notifications",
            ],
        },
    },
]

# SQLite in a git-ignored folder by default; DATABASE_URL=postgres://… for PostgreSQL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'vuonlen.sqlite3'}"),
        # Reuse connections between requests (opening one costs milliseconds on PostgreSQL).
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions, or concurrent writers meet "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Throttling first: it refuses a locked-out username+address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: the session lives SESSION_IDLE_MINUTES after the last request, not after sign-in.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
# Renewed by core.middleware.SessionIdleMiddleware at most once a minute, not written on every request.
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG

# Sign-in throttling keyed on username AND address: a commune office shares one NAT address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)
AXES_VERBOSE = False

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every request when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
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
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = ["map", "jpg", "jpeg", "png", "gif", "webp", "woff", "woff2"]

# Mail: the console in development, real SMTP when SMTP_HOST is set.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Vươn Lên <no-reply@vuonlen.local>")
_smtp_host = env_str("SMTP_HOST", "")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp_host,
                "port": env_int("SMTP_PORT", 587),
                "username": env_str("SMTP_USER", ""),
                "password": env_str("SMTP_PASSWORD", ""),
                "use_tls": env_bool("SMTP_STARTTLS", True),
                "timeout": 20,
            },
        }
        if _smtp_host
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}

# A strict policy: no inline scripts or styles, nothing from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every font and page it lays out.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 30)

# Evidence of initiatives (photos, documents): the largest file and the largest photo accepted.
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
EVIDENCE_MAX_PIXELS = env_int("EVIDENCE_MAX_PIXELS", 40_000_000)

# Background jobs (large exports) through Django's tasks API, queued in the database and run by
# `manage.py db_worker`. TASKS_BACKEND=immediate runs them inside the request instead.
TASKS = {
    "default": (
        {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
        if env_str("TASKS_BACKEND", "database") == "immediate"
        else {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    )
}

# models.W040: SQLite cannot add INCLUDE columns to an index; it builds the index without them,
# which is all SQLite needs. PostgreSQL (production) uses them for index-only counts.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
