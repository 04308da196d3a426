"""The console and file e-mail of development and the demo print every link whole.

Django's own console backend wraps a long line with quoted-printable `=` breaks, so a
pasted sign-in link was "not valid". These tests read links out of what is printed, as
someone trying the demo would, and follow them.
"""

import re

import pytest
from django.test import TestCase

from config.settings import base
from convene.accounts.models import Role
from convene.accounts.services import invitations
from convene.accounts.services.audit import Origin
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def console(settings, capsys):
    """E-mail goes to stdout as in development and the demo; returns what was printed."""
    assert base.EMAIL_MODE == "console"
    settings.MAILERS = base.MAILERS  # the e-mail settings development and the demo use
    capsys.readouterr()
    return lambda: capsys.readouterr().out


def link_in(printed: str, path: str) -> str:
    """The path of the one link to ``path`` in the printed e-mail, as a reader would copy it."""
    (url,) = set(re.findall(rf"http://127\.0\.0\.1:8000({path}[\w-]+/)", printed))
    return url


def assert_readable(printed: str) -> None:
    """Every part is printed as written: not quoted-printable (links cut) nor base64."""
    encodings = set(re.findall(r"Content-Transfer-Encoding: (\S+)", printed))
    assert encodings
    assert encodings <= {"7bit", "8bit"}


def test_a_sign_in_link_copied_from_the_console_signs_in(client, member, console):
    client.post("/sign-in/", {"email": member.email})
    printed = console()
    assert_readable(printed)
    link = link_in(printed, "/sign-in/link/")
    assert b"Sign in" in client.get(link).content
    client.post(link)
    assert client.get("/directory/").status_code == 200


def test_an_invitation_link_copied_from_the_console_opens_the_invitation(
    client, staff_admin, console
):
    details = factories.member_details(full_name="Nia Jones")
    with TestCase.captureOnCommitCallbacks(execute=True):
        invitations.invite(
            "nia@example.gov.uk", role=Role.MEMBER, actor=staff_admin, origin=Origin(), **details
        )
    printed = console()
    assert_readable(printed)
    assert b"Accept invitation" in client.get(link_in(printed, "/invitations/")).content


def test_an_introduction_link_copied_from_the_console_opens_the_request(client_for, console):
    zoe = factories.make_member("zoe@example.gov.uk", given="Zoë", family="Ångström")
    police = factories.make_organisation(
        "West Yorkshire Police", "E23000010", org_type="police_force", sector_id="policing"
    )
    constable = factories.make_member(
        "cc@wyp.police.uk", given="Jo", family="Byrne", organisation=police
    )
    client_for(zoe).post(
        f"/people/{constable.profile.pk}/introduce/",
        {"reason": "We are both reducing delayed discharges: I would value your experience."},
    )
    printed = console()
    assert_readable(printed)
    assert "Zoë Ångström" in printed  # UTF-8 printed as itself, not encoded
    page = client_for(constable).get(link_in(printed, "/introductions/"))
    assert page.status_code == 200
    assert "delayed discharges" in page.content.decode()


def test_a_delegate_offer_link_copied_from_the_console_opens_the_invitation(
    client_for, client, member, console
):
    client_for(member).post(
        "/account/delegates/", {"email": "new.pa@example.gov.uk", "full_name": "Pat Ng"}
    )
    printed = console()
    assert_readable(printed)
    assert b"Accept invitation" in client.get(link_in(printed, "/invitations/")).content


def test_the_file_backend_writes_links_whole(client, member, settings, tmp_path):
    settings.MAILERS = {
        "default": {
            "BACKEND": "convene.notifications.local_backends.FileEmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    client.post("/sign-in/", {"email": member.email})
    (written,) = tmp_path.iterdir()
    printed = written.read_text()
    assert_readable(printed)
    client.post(link_in(printed, "/sign-in/link/"))
    assert client.get("/directory/").status_code == 200


def test_the_console_shows_the_e_mail_without_task_log_lines_around_it(
    client, member, console, caplog
):
    client.post("/sign-in/", {"email": member.email})
    assert "/sign-in/link/" in console()
    assert [r.getMessage() for r in caplog.records if r.name.startswith("django.tasks")] == []
