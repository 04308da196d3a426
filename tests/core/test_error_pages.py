"""Unknown addresses and errors show Convene's own pages, in the demo too, never Django's
debug pages (which list every URL the service has)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from convene.core import views

REPO = Path(__file__).resolve().parents[2]

GET_AN_UNKNOWN_PAGE = """
import json, django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="127.0.0.1").get("/no-such-page/")
print(json.dumps({"status": response.status_code, "page": response.content.decode()}))
"""


def test_an_unknown_address_in_development_shows_the_service_s_page_not_found(tmp_path):
    # As `make demo` and `manage.py runserver` run: development settings, nothing else set
    # but a scratch database (the page needs none; the demo's own is left alone).
    result = subprocess.run(
        [sys.executable, "-c", GET_AN_UNKNOWN_PAGE],
        cwd=REPO,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.development",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'scratch.sqlite3'}",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    answer = json.loads(result.stdout.splitlines()[-1])
    assert answer["status"] == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in answer["page"]
    assert (
        "<title>Page not found \N{EN DASH} Convene</title>" in answer["page"]
    )  # the service's layout
    for leak in ("URLconf", "sign-in/link", "DEBUG = True", "<title>Page not found at"):
        assert leak not in answer["page"], leak


@pytest.mark.parametrize(
    ("handler", "status", "heading"),
    [
        (views.bad_request, 400, "Sorry, there is a problem with your request"),
        (views.permission_denied, 403, "You do not have permission to see this page"),
        (views.page_not_found, 404, "Page not found"),
        (views.server_error, 500, "Sorry, there is a problem with the service"),
    ],
)
def test_every_error_page_is_the_service_s_own(handler, status, heading):
    request = RequestFactory().get("/anywhere/")
    request.user = AnonymousUser()
    response = handler(request)
    page = response.content.decode()
    assert response.status_code == status
    assert f"<title>{heading} \N{EN DASH} Convene</title>" in page  # in the service's layout
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page
    assert 'href="/"' in page  # a way back
