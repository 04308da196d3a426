import re

import pytest
from django.core import mail
from django.test import TestCase

from convene.accounts.models import AuditEvent, Invitation, Role, User
from convene.accounts.services import invitations
from convene.accounts.services.audit import Origin
from tests import factories

pytestmark = pytest.mark.django_db


def invite(email="new.leader@example.gov.uk", *, actor, **kwargs):
    details = factories.member_details(**kwargs)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return invitations.invite(email, role=Role.MEMBER, actor=actor, origin=Origin(), **details)


def invitation_path(message) -> str:
    return re.search(r"/invitations/[\w-]+/", message.body).group(0)


def test_accepting_an_invitation_creates_the_user_and_signs_them_in(client, staff_admin):
    invite(actor=staff_admin, full_name="Nia Jones")
    message = mail.outbox[0]
    assert message.to == ["new.leader@example.gov.uk"]
    assert "14 days" in message.body
    path = invitation_path(message)
    page = client.get(path)
    assert b"Accept invitation" in page.content
    assert not User.objects.filter(email="new.leader@example.gov.uk").exists()
    response = client.post(path)
    assert response.status_code == 302
    user = User.objects.get(email="new.leader@example.gov.uk")
    assert user.role == Role.MEMBER
    assert user.full_name == "Nia Jones"
    assert AuditEvent.objects.filter(action=AuditEvent.Action.INVITATION_ACCEPTED).exists()


def test_an_invitation_works_once(client, staff_admin):
    invite(actor=staff_admin)
    path = invitation_path(mail.outbox[0])
    client.post(path)
    response = client.post(path)
    assert response.status_code == 410
    assert b"already been used" in response.content
    assert User.objects.filter(email="new.leader@example.gov.uk").count() == 1


def test_an_invitation_expires_after_the_named_setting(client, staff_admin, clock, settings):
    settings.INVITATION_EXPIRY_DAYS = 3
    invite(actor=staff_admin)
    path = invitation_path(mail.outbox[0])
    clock.shift(3 * 24 * 3600 + 1)
    response = client.post(path)
    assert response.status_code == 410
    assert b"has expired" in response.content
    assert not User.objects.filter(email="new.leader@example.gov.uk").exists()


def test_a_new_invitation_replaces_the_old_one(client, staff_admin):
    invite(actor=staff_admin)
    invite(actor=staff_admin)
    first, second = (invitation_path(message) for message in mail.outbox)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert Invitation.objects.filter(revoked_at__isnull=True).count() == 1


def test_it_refuses_to_invite_an_existing_user(staff_admin, member):
    with pytest.raises(invitations.InvitationError, match="already has an account"):
        invite(member.email.upper(), actor=staff_admin)
    assert mail.outbox == []


def test_a_list_with_a_bad_line_invites_nobody(staff_admin, member):
    result = invitations.invite_many(
        f"good@example.gov.uk, Good Person\nnot an address\n\n{member.email}\ngood@example.gov.uk",
        role=Role.RESEARCHER,
        actor=staff_admin,
        origin=Origin(),
    )
    assert result.invited == []
    assert [(line, reason) for line, _, reason in result.rejected] == [
        (2, "is not an e-mail address, like name@council.gov.uk"),
        (4, "already has an account"),
        (5, "appears more than once in the list"),
    ]
    assert not Invitation.objects.exists()


def test_a_good_list_invites_everyone(staff_admin):
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = invitations.invite_many(
            "a@example.gov.uk, Ann A\nb@example.gov.uk",
            role=Role.FACILITATOR,
            actor=staff_admin,
            origin=Origin(),
        )
    assert result.invited == ["a@example.gov.uk", "b@example.gov.uk"]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.gov.uk", "b@example.gov.uk"]
    assert set(Invitation.objects.values_list("role", flat=True)) == {Role.FACILITATOR}


# One canonical address (ADR 20)


@pytest.mark.parametrize(
    "look_alike",
    [
        "re\u017fearcher@convene.example",
        "\uff52esearcher@convene.example",
        " RESEARCHER@convene.example",
    ],
)
def test_a_look_alike_of_an_existing_account_already_has_an_account(
    staff_admin, researcher, look_alike
):
    with pytest.raises(invitations.InvitationError, match=f"^{researcher.email} already has"):
        invite(look_alike, actor=staff_admin)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_invitation_is_stored_and_sent_under_the_canonical_address(staff_admin):
    invitation = invite("\uff4eia@Example.gov.uk", actor=staff_admin)
    assert invitation.email == "nia@example.gov.uk"
    assert mail.outbox[0].to == ["nia@example.gov.uk"]


def test_a_new_invitation_to_a_look_alike_replaces_the_old_one(staff_admin):
    first = invite("sam@example.gov.uk", actor=staff_admin)
    invite("\u017fam@example.gov.uk", actor=staff_admin)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Invitation.objects.filter(revoked_at__isnull=True).count() == 1


def test_a_local_part_that_is_not_ascii_cannot_be_invited(staff_admin):
    with pytest.raises(invitations.InvitationError, match="before the @"):
        invite("\u0131an@example.gov.uk", actor=staff_admin)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_list_refuses_look_alikes_of_accounts_and_of_its_own_lines(staff_admin, researcher):
    result = invitations.invite_many(
        "\uff52esearcher@convene.example\nsam@example.gov.uk\n\u017fam@example.gov.uk\n"
        "\u0131an@example.gov.uk",
        role=Role.FACILITATOR,
        actor=staff_admin,
        origin=Origin(),
    )
    assert result.invited == []
    assert [(line, reason) for line, _, reason in result.rejected] == [
        (1, "already has an account"),
        (3, "appears more than once in the list"),
        (
            4,
            "has letters before the @ other than a to z (accented letters and letters from "
            "other alphabets cannot be used)",
        ),
    ]
    assert not Invitation.objects.exists()


def test_accepting_creates_the_account_under_the_canonical_address(client, staff_admin):
    invite("\uff4eia@Example.gov.uk", actor=staff_admin)
    client.post(invitation_path(mail.outbox[0]))
    assert User.objects.get(role=Role.MEMBER).email == "nia@example.gov.uk"
