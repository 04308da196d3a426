import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from convene.accounts.management.commands.demo_links import FRESH_LINK_COMMAND
from convene.accounts.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def test_signin_link_prints_a_link_that_signs_in(client, member):
    out = StringIO()
    call_command("signin_link", "MEMBER@example.gov.uk", stdout=out)
    path = out.getvalue().strip().split("8000", 1)[1]
    assert client.get(path).status_code == 200
    client.post(path)
    assert client.get("/directory/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_LINK_ISSUED).count() == 1


def test_signin_link_refuses_an_unknown_address(member):
    with pytest.raises(CommandError, match="No active user"):
        call_command("signin_link", "nobody@example.gov.uk")


def test_signin_link_refuses_a_deactivated_user(member):
    member.is_active = False
    member.save()
    with pytest.raises(CommandError, match="No active user"):
        call_command("signin_link", member.email)


def paths_in(printed: str) -> list[str]:
    return re.findall(r"http://127\.0\.0\.1:8000(/sign-in/link/[\w-]+/)", printed)


def test_the_demo_s_start_up_links_last_a_day_and_say_how_to_get_more(client, clock, settings):
    factories.make_member("member@demo.example")
    out, err = StringIO(), StringIO()
    call_command("demo_links", stdout=out, stderr=err)
    printed = out.getvalue()
    assert f"for {settings.DEMO_SIGN_IN_LINK_HOURS} hours" in printed
    assert "police@demo.example: not found" in err.getvalue()
    (path,) = paths_in(printed)
    # After the links, before the server starts: how to get a fresh one, exactly.
    assert printed.rindex(path) < printed.index(FRESH_LINK_COMMAND)
    assert f"it lasts {settings.SIGN_IN_LINK_MINUTES} minutes" in printed

    clock.shift(settings.DEMO_SIGN_IN_LINK_HOURS * 3600 - 60)
    assert client.get(path).status_code == 200
    clock.shift(120)
    assert client.get(path).status_code == 410


def test_a_demo_link_still_signs_in_hours_later(client, clock):
    factories.make_member("member@demo.example")
    out = StringIO()
    call_command("demo_links", stdout=out, stderr=StringIO())
    (path,) = paths_in(out.getvalue())
    clock.shift(8 * 3600)
    client.post(path)
    assert client.get("/directory/").status_code == 200


def test_a_link_from_signin_link_keeps_the_usual_short_life(client, member, clock, settings):
    out = StringIO()
    call_command("signin_link", member.email, stdout=out)
    path = out.getvalue().strip().split("8000", 1)[1]
    clock.shift(settings.SIGN_IN_LINK_MINUTES * 60 + 60)
    assert client.get(path).status_code == 410
    issued = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN_LINK_ISSUED)
    assert issued.detail == {"minutes": settings.SIGN_IN_LINK_MINUTES}
