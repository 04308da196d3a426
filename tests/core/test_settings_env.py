import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_str


def test_a_bad_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "thirty")
    with pytest.raises(ImproperlyConfigured, match="SESSION_IDLE_MINUTES must be a whole number"):
        env_int("SESSION_IDLE_MINUTES", 30, minimum=1)


def test_a_number_below_its_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("SIGN_IN_LINK_MINUTES", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("SIGN_IN_LINK_MINUTES", 15, minimum=1)


def test_a_bad_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", False)


def test_a_missing_required_value_is_refused(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        env_str("SECRET_KEY")


def test_an_unknown_choice_is_refused(monkeypatch):
    monkeypatch.setenv("EMAIL_MODE", "carrier-pigeon")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_MODE must be one of"):
        env_choice("EMAIL_MODE", "console", {"console", "smtp"})


def import_settings(module: str, env: dict) -> subprocess.CompletedProcess:
    """Import a settings module in a fresh interpreter with only ``env`` set."""
    return subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = import_settings("config.settings.production", {"ALLOWED_HOSTS": "convene.example"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_non_postgres_database_url_is_refused():
    result = import_settings(
        "config.settings.base", {"DATABASE_URL": "mysql://root@localhost/convene"}
    )
    assert "DATABASE_URL must be a sqlite:// or postgres:// URL" in result.stderr


PRODUCTION = {
    "SECRET_KEY": "a-long-random-key-for-the-settings-test-" + "x" * 40,
    "ALLOWED_HOSTS": "convene.example",
    "SITE_URL": "https://convene.example",
    "TRUSTED_PROXY_COUNT": "1",
    "EMAIL_MODE": "console",
}


def test_production_settings_start_with_everything_set():
    result = import_settings("config.settings.production", PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", ["TRUSTED_PROXY_COUNT", "EMAIL_MODE"])
def test_production_settings_refuse_to_start_unless_it_is_said_explicitly(name):
    missing = {key: value for key, value in PRODUCTION.items() if key != name}
    result = import_settings("config.settings.production", missing)
    assert result.returncode != 0
    assert f"The environment variable {name} must be set" in result.stderr
    empty = import_settings("config.settings.production", {**PRODUCTION, name: ""})
    assert f"The environment variable {name} must be set" in empty.stderr


def show_setting(env: dict, name: str) -> str:
    code = f"import config.settings.production as s; print(repr(s.{name}))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_no_proxy_is_allowed_when_said_and_then_no_forwarded_header_is_trusted():
    no_proxy = {**PRODUCTION, "TRUSTED_PROXY_COUNT": "0"}
    assert show_setting(no_proxy, "TRUSTED_PROXY_COUNT") == "0"
    assert show_setting(no_proxy, "SECURE_PROXY_SSL_HEADER") == "None"
    assert show_setting(PRODUCTION, "SECURE_PROXY_SSL_HEADER") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_a_proxy_count_that_is_not_a_number_is_refused_by_name():
    result = import_settings(
        "config.settings.production", {**PRODUCTION, "TRUSTED_PROXY_COUNT": "one"}
    )
    assert "TRUSTED_PROXY_COUNT must be a whole number" in result.stderr


REPO = Path(__file__).resolve().parents[2]
DEMO_DATABASE = REPO / "var" / "demo.sqlite3"


def development_setting(expression: str, env: dict, *, cwd: Path) -> str:
    """``expression`` of the development settings, imported in ``cwd`` with only ``env`` set."""
    code = f"import os; import config.settings.development as s; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


DATABASE_FILE = "os.path.abspath(s.DATABASES['default']['NAME'])"


def test_development_reaches_the_demo_s_database_without_database_url(tmp_path):
    # `manage.py signin_link` run without DATABASE_URL, from anywhere, finds the demo.
    assert development_setting(DATABASE_FILE, {}, cwd=tmp_path) == str(DEMO_DATABASE)


def test_the_readme_s_database_url_names_the_same_file():
    readme_url = {"DATABASE_URL": "sqlite:///var/demo.sqlite3"}
    assert development_setting(DATABASE_FILE, readme_url, cwd=REPO) == str(DEMO_DATABASE)


def test_development_shows_django_s_debug_pages_only_when_asked():
    assert development_setting("s.DEBUG", {}, cwd=REPO) == "False"
    assert development_setting("s.DEBUG", {"DEBUG": "true"}, cwd=REPO) == "True"
