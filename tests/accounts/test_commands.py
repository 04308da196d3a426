from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from convene.accounts.models import AuditEvent

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
