"""Local development and the demo: SQLite, console e-mail, tasks run in-process."""

import os

os.environ.setdefault("TASKS_MODE", "immediate")

from config.env import env_bool
from config.settings.base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
# Django's SecurityMiddleware only sends HSTS over HTTPS; runserver is plain HTTP.
