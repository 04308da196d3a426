"""Tests: only what differs from development."""

import os

os.environ.setdefault("TASKS_MODE", "immediate")

from config.settings.base import *  # noqa: F403

DEBUG = False
# Each test's people differ: counts kept from another test would be wrong (one test turns
# the cache on to check it).
DIRECTORY_COUNTS_CACHE_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
