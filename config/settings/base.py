"""Settings shared by every environment. Each named threshold here is read from the environment."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-not-for-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "convene.core",
    "convene.home",
    "convene.accounts",
    "convene.directory",
    "convene.programmes",
    "convene.connections",
    "convene.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "convene.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "convene.core.middleware.NoStoreWhenSignedInMiddleware",
    "convene.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "convene.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "convene.core.context_processors.service",
                "convene.notifications.context_processors.unread_notices",
                "convene.directory.context_processors.profiles_looked_after",
            ],
        },
    },
]

# The embedded database and file e-mail live in var/, made on first use.
(BASE_DIR / "var").mkdir(exist_ok=True)

# SQLite by default; DATABASE_URL (postgres://…) switches to PostgreSQL through psycopg 3.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'convene.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL.")
FORM_RENDERER = "convene.core.forms.GovukFormRenderer"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home:home"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "convene.core.views.csrf_failure"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# Identity thresholds (docs/permissions.md explains who may do what).
INVITATION_EXPIRY_DAYS = env_int("INVITATION_EXPIRY_DAYS", 14, minimum=1)
SIGN_IN_LINK_MINUTES = env_int("SIGN_IN_LINK_MINUTES", 15, minimum=1)
# The links `manage.py demo_links` prints when `make demo` starts: long enough to try the
# demo over a day without asking again. Every other link lasts SIGN_IN_LINK_MINUTES.
DEMO_SIGN_IN_LINK_HOURS = env_int("DEMO_SIGN_IN_LINK_HOURS", 24, minimum=1)
SIGN_IN_RATE_WINDOW_MINUTES = env_int("SIGN_IN_RATE_WINDOW_MINUTES", 15, minimum=1)
SIGN_IN_RATE_PER_ADDRESS = env_int("SIGN_IN_RATE_PER_ADDRESS", 5, minimum=1)
SIGN_IN_RATE_PER_CLIENT = env_int("SIGN_IN_RATE_PER_CLIENT", 20, minimum=1)
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_IDLE_WARNING_MINUTES = env_int("SESSION_IDLE_WARNING_MINUTES", 5, minimum=1)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12, minimum=1)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
# A leader's delegate invitations (ADR 21): how many may wait for an answer at once, and
# how many may be sent in any 24 hours.
DELEGATE_INVITATIONS_OPEN_MAX = env_int("DELEGATE_INVITATIONS_OPEN_MAX", 5, minimum=1)
DELEGATE_OFFERS_PER_DAY = env_int("DELEGATE_OFFERS_PER_DAY", 10, minimum=1)
TOTP_ISSUER = env_str("TOTP_ISSUER", "Convene")
TWO_FACTOR_MAX_FAILURES = env_int("TWO_FACTOR_MAX_FAILURES", 5, minimum=1)
TWO_FACTOR_LOCKOUT_MINUTES = env_int("TWO_FACTOR_LOCKOUT_MINUTES", 15, minimum=1)
RECOVERY_CODE_COUNT = env_int("RECOVERY_CODE_COUNT", 10, minimum=1)
# Bulk import of people by staff (docs/decisions/0010-people-import.md).
PEOPLE_IMPORT_MAX_BYTES = env_int("PEOPLE_IMPORT_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
PEOPLE_IMPORT_MAX_ROWS = env_int("PEOPLE_IMPORT_MAX_ROWS", 20_000, minimum=1)
# The XML inside an .xlsx may unpack to far more than the file (a zip bomb); openpyxl holds
# a sheet's shared strings in memory, so the unpacked total is capped too (ADR 19).
PEOPLE_IMPORT_MAX_UNPACKED_BYTES = env_int(
    "PEOPLE_IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024, minimum=1024
)
# Checking and importing people files run on their own task queue, so that a long import
# never delays a sign-in e-mail on the default queue (ADR 19; `make worker` serves both).
PEOPLE_IMPORT_QUEUE = env_str("PEOPLE_IMPORT_QUEUE", "imports")
# Profile photos (ADR 13, 19): the upload's size is checked before it is read, and its
# declared pixels before they are decoded. 12 MP is a good phone photo; Convene keeps 400 px.
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_PIXELS", 12_000_000, minimum=160_000)
# Uploads over this many bytes stream to a temporary file instead of memory (Django's
# setting; the same 2.5 MB as its default, named here so it is not changed by accident).
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440, minimum=64 * 1024)
# How long a search's filter counts are kept (its results are always fresh); 0: never.
DIRECTORY_COUNTS_CACHE_SECONDS = env_int("DIRECTORY_COUNTS_CACHE_SECONDS", 60)
# Introductions (issue 4): how long a request waits for a reply, and how many a leader
# may have waiting at once.
INTRODUCTION_LAPSE_DAYS = env_int("INTRODUCTION_LAPSE_DAYS", 21, minimum=1)
INTRODUCTIONS_OPEN_MAX = env_int("INTRODUCTIONS_OPEN_MAX", 5, minimum=1)
# How long after an introduction both are asked "did you meet?".
INTRODUCTION_FOLLOW_UP_DAYS = env_int("INTRODUCTION_FOLLOW_UP_DAYS", 21, minimum=1)
# Ask the network: an author may post without their name only when the audience holds
# at least this many people sharing their description (job title, sector, region).
ANONYMITY_THRESHOLD = env_int("ANONYMITY_THRESHOLD", 10, minimum=2)
# Peer matching: "auto" uses sentence embeddings when the optional extra is installed,
# TF-IDF otherwise; "tfidf" forces the fallback.
PEER_MATCHER = env_choice("PEER_MATCHER", "auto", {"auto", "tfidf"})
PEER_SUGGESTIONS = env_int("PEER_SUGGESTIONS", 5, minimum=1)
# The most people a member, delegate or facilitator may download from one search (staff
# admins may download everyone): enough for a contact list, too few to copy the directory.
DIRECTORY_EXPORT_MAX_PEOPLE = env_int("DIRECTORY_EXPORT_MAX_PEOPLE", 500, minimum=1)
# The most different people they may download in any 24 hours, across downloads (a person
# downloaded again counts once): a day's real work, not the directory in twenty files.
# Staff admins are not limited; they are told when someone reaches it (ADR 22).
DIRECTORY_EXPORT_PEOPLE_PER_DAY = env_int("DIRECTORY_EXPORT_PEOPLE_PER_DAY", 500, minimum=1)
# How many reverse proxies sit in front of the app; their X-Forwarded-For entries are trusted.
# Production must say it (0 included): behind a proxy, 0 makes every visitor one client.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

SERVICE_NAME = "Convene"
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# E-mail: console (demo), file, smtp, or notify (GOV.UK Notify). Console and file print
# every line whole, so a link can be copied (convene/notifications/local_backends.py).
EMAIL_MODE = env_choice("EMAIL_MODE", "console", {"console", "file", "smtp", "notify"})
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Convene <no-reply@convene.example>")
MAILERS = {
    "default": {
        "console": {"BACKEND": "convene.notifications.local_backends.ConsoleEmailBackend"},
        "file": {
            "BACKEND": "convene.notifications.local_backends.FileEmailBackend",
            "OPTIONS": {"file_path": str(BASE_DIR / "var" / "mail")},
        },
        "smtp": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST", "localhost")
                if EMAIL_MODE != "smtp"
                else env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 30,
            },
        },
        "notify": {
            "BACKEND": "convene.notifications.backends.NotifyEmailBackend",
            "OPTIONS": {
                "api_key": env_str("NOTIFY_API_KEY") if EMAIL_MODE == "notify" else "",
                "template_id": env_str("NOTIFY_TEMPLATE_ID") if EMAIL_MODE == "notify" else "",
            },
        },
    }[EMAIL_MODE]
}

# Background work: in-process (immediate) or the database-backed worker (`manage.py db_worker`).
TASKS_MODE = env_choice("TASKS_MODE", "database", {"immediate", "database"})
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_MODE],
        "QUEUES": list(dict.fromkeys(["default", PEOPLE_IMPORT_QUEUE])),
    }
}

# Content Security Policy: nonces for the one inline script; nothing inline otherwise.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Tasks run in the web process (the demo, development) log two lines each ("RUNNING",
    # "SUCCESSFUL"), which surrounded every e-mail printed on the console: a worker's
    # tasks (TASKS_MODE=database) keep them, where they are the worker's record.
    "loggers": {"django.tasks": {"level": "WARNING"}} if TASKS_MODE == "immediate" else {},
}
