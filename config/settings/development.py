"""Local development and the demo: SQLite, console e-mail, tasks run in-process."""

import os
from pathlib import Path

os.environ.setdefault("TASKS_MODE", "immediate")
# The demo's database (`make demo`), found from the repository rather than the working
# directory, so that `manage.py signin_link` reaches it with or without DATABASE_URL.
os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{Path(__file__).resolve().parents[2] / 'var' / 'demo.sqlite3'}"
)

from config.env import env_bool
from config.settings.base import *  # noqa: F403

# Off unless asked for (DEBUG=true): Django's debug pages list every URL and show settings,
# and the demo should show the service's own error pages (ADR 29). `make demo` serves the
# static files with `runserver --insecure`; errors still print their traceback here.
DEBUG = env_bool("DEBUG", False)
# Django's SecurityMiddleware only sends HSTS over HTTPS; runserver is plain HTTP.
