"""Production: every secret comes from the environment; HTTPS only."""

import os

from config.env import env_str

# Fail loudly if the deployment forgot its own key or hosts.
os.environ["SECRET_KEY"] = env_str("SECRET_KEY")
os.environ["ALLOWED_HOSTS"] = env_str("ALLOWED_HOSTS")
# Links in e-mails are built from it; a wrong default would send people elsewhere.
os.environ["SITE_URL"] = env_str("SITE_URL")

from config.settings.base import *  # noqa: F403

DEBUG = False
SECURE_SSL_REDIRECT = True
# Convene is HTTPS-only for good; preloading protects the very first visit too.
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
