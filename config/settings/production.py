"""Production: every secret comes from the environment; HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from config.env import env_str


def _said(name: str, why: str) -> str:
    """A variable production must be given explicitly, where a default would be wrong."""
    try:
        return env_str(name)
    except ImproperlyConfigured as error:
        raise ImproperlyConfigured(f"{error} {why}") from None


# Fail loudly if the deployment forgot its own key or hosts.
os.environ["SECRET_KEY"] = env_str("SECRET_KEY")
os.environ["ALLOWED_HOSTS"] = env_str("ALLOWED_HOSTS")
# Links in e-mails are built from it; a wrong default would send people elsewhere.
os.environ["SITE_URL"] = env_str("SITE_URL")
# Behind a proxy, a count of 0 makes the proxy's address every visitor's: they would all
# share one sign-in rate limit and one address in the audit log (ADR 22).
os.environ["TRUSTED_PROXY_COUNT"] = _said(
    "TRUSTED_PROXY_COUNT",
    "Give the number of reverse proxies in front of Convene (0 if there are none).",
)
# The default, console, would print every sign-in link into the server's log.
os.environ["EMAIL_MODE"] = _said(
    "EMAIL_MODE", "Use smtp or notify (console and file are for demos)."
)

from config.settings.base import *  # noqa: E402, F403
from config.settings.base import TRUSTED_PROXY_COUNT  # noqa: E402

DEBUG = False
SECURE_SSL_REDIRECT = True
# Convene is HTTPS-only for good; preloading protects the very first visit too.
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
# Only a proxy may say the request came over HTTPS; with none, anyone could say it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
