import re

import pytest
from django.core import mail

from convene.accounts.models import AuditEvent, Delegation, Invitation, Role, User
from convene.accounts.services import delegates, invitations
from convene.accounts.services.audit import Origin
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/account/delegates/"


@pytest.fixture
def leader(client_for, member):
    return client_for(member)


def remove_url(delegation):
    return f"/account/delegates/{delegation.pk}/remove/"


def test_it_lists_the_member_s_active_delegates(leader, member, delegate):
    former = factories.make_user("former.pa@example.gov.uk", Role.DELEGATE)
    Delegation.objects.create(leader=member, delegate=former, revoked_at="2026-01-01T00:00Z")
    page = leader.get(URL).content.decode()
    assert delegate.email in page
    assert "Sam Patel" in page
    assert former.email not in page
    assert f'action="{remove_url(member.delegations.get(delegate=delegate))}"' in page


def test_it_shows_no_one_else_s_delegates(client_for, other_member, delegate):
    page = client_for(other_member).get(URL).content.decode()
    assert delegate.email not in page
    assert "Nobody acts for you yet" in page


# Inviting a new address


def test_a_new_address_gets_a_delegate_invitation(leader, member):
    response = leader.post(URL, {"email": "New.PA@example.gov.uk", "full_name": "Pat Ng"})
    assert response.url == URL
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.delegate_for) == (
        "new.pa@example.gov.uk",
        Role.DELEGATE,
        member,
    )
    (message,) = mail.outbox
    assert message.to == ["new.pa@example.gov.uk"]
    assert "as their delegate" in message.body
    assert message.alternatives[0][1] == "text/html"
    page = leader.get(URL).content.decode()
    assert "We have sent an invitation to new.pa@example.gov.uk" in page
    assert "Invitations waiting to be accepted" in page


def test_accepting_the_invitation_creates_the_delegation(leader, member, client):
    leader.post(URL, {"email": "new.pa@example.gov.uk", "full_name": "Pat Ng"})
    path = re.search(r"/invitations/[\w-]+/", mail.outbox[0].body).group(0)
    assert member.full_name in client.get(path).content.decode()
    assert client.post(path).status_code == 302
    pa = User.objects.get(email="new.pa@example.gov.uk")
    assert pa.role == Role.DELEGATE
    assert Delegation.objects.filter(leader=member, delegate=pa, revoked_at=None).exists()
    assert member.full_name in client.get("/account/").content.decode()
    assert "new.pa@example.gov.uk" in leader.get(URL).content.decode()


# Adding someone who already has an account


def test_an_existing_delegate_acts_for_the_member_at_once(client_for, other_member, delegate):
    response = client_for(other_member).post(URL, {"email": delegate.email.upper()})
    assert response.status_code == 302
    assert Delegation.objects.filter(
        leader=other_member, delegate=delegate, revoked_at=None
    ).exists()
    assert not Invitation.objects.exists()
    (message,) = mail.outbox
    assert message.to == [delegate.email]
    assert other_member.full_name in message.body
    assert message.alternatives[0][1] == "text/html"
    added = AuditEvent.objects.get(action=AuditEvent.Action.DELEGATE_ADDED)
    assert (added.actor, added.subject_user) == (other_member, other_member)
    assert added.detail == {"delegate": delegate.email}


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("other@example.gov.uk", "belongs to an account that cannot act as a delegate"),
        ("admin@convene.example", "belongs to an account that cannot act as a delegate"),
        ("MEMBER@example.gov.uk", "You cannot be your own delegate"),
        ("pa@example.gov.uk", "pa@example.gov.uk already acts for you"),
        ("not an address", "Enter an e-mail address in the correct format"),
        ("", "Enter your delegate"),
        ("a" * 250 + "@x.gov.uk", "254 characters or fewer"),
    ],
)
def test_it_refuses_clearly_and_changes_nothing(
    leader, delegate, other_member, staff_admin, email, message
):
    response = leader.post(URL, {"email": email})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'href="#id_email"' in page
    assert Delegation.objects.count() == 1
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_over_long_name_is_refused(leader):
    response = leader.post(URL, {"email": "pa2@example.gov.uk", "full_name": "N" * 201})
    assert b"Full name must be 200 characters or fewer" in response.content
    assert not Invitation.objects.exists()


def test_names_are_shown_as_text_never_as_html(leader):
    leader.post(URL, {"email": "pa2@example.gov.uk", "full_name": "<b onclick=x()>Pat</b>"})
    page = leader.get(URL).content
    assert b"<b onclick" not in page
    assert b"&lt;b onclick=x()&gt;Pat&lt;/b&gt;" in page


def test_it_does_not_replace_an_invitation_sent_by_staff(leader, staff_admin):
    staff_invitation = invitations.invite(
        "chief@example.gov.uk",
        role=Role.MEMBER,
        actor=staff_admin,
        origin=Origin(),
        **factories.member_details(),
    )
    response = leader.post(URL, {"email": "chief@example.gov.uk"})
    assert b"already been invited to Convene" in response.content
    staff_invitation.refresh_from_db()
    assert staff_invitation.revoked_at is None
    assert Invitation.objects.count() == 1


def test_inviting_the_same_address_again_resends_the_invitation(leader):
    leader.post(URL, {"email": "pa2@example.gov.uk"})
    leader.post(URL, {"email": "pa2@example.gov.uk"})
    assert len(mail.outbox) == 2
    assert Invitation.objects.filter(revoked_at=None).count() == 1


def test_a_member_can_have_only_a_few_invitations_waiting(leader, settings):
    settings.DELEGATE_INVITATIONS_OPEN_MAX = 3
    for number in range(3):
        leader.post(URL, {"email": f"pa{number}@example.gov.uk"})
    response = leader.post(URL, {"email": "one.more@example.gov.uk"})
    assert b"invitations waiting to be accepted" in response.content
    assert not Invitation.objects.filter(email="one.more@example.gov.uk").exists()


def test_a_deactivated_delegate_cannot_be_added(client_for, other_member, delegate):
    delegate.is_active = False
    delegate.save()
    response = client_for(other_member).post(URL, {"email": delegate.email})
    assert b"has been deactivated" in response.content
    assert not Delegation.objects.filter(leader=other_member).exists()


# Removing a delegate


def test_removing_a_delegate_ends_the_delegation(leader, member, delegate, client_for):
    delegation = member.delegations.get()
    response = leader.post(remove_url(delegation))
    assert response.url == URL
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None
    assert f"{delegate.email} no longer acts for you" in leader.get(URL).content.decode()
    revoked = AuditEvent.objects.get(action=AuditEvent.Action.DELEGATE_REVOKED)
    assert (revoked.actor, revoked.subject_user, revoked.detail) == (
        member,
        member,
        {"delegate": delegate.email},
    )
    (message,) = mail.outbox
    assert message.to == [delegate.email]
    assert member.full_name not in client_for(delegate).get("/account/").content.decode()


def test_another_member_cannot_remove_someone_else_s_delegate(
    client_for, other_member, member, delegate
):
    delegation = member.delegations.get()
    assert client_for(other_member).post(remove_url(delegation)).status_code == 404
    delegation.refresh_from_db()
    assert delegation.revoked_at is None


def test_removing_twice_or_an_unknown_delegation_is_not_found(leader, member, delegate):
    delegation = member.delegations.get()
    leader.post(remove_url(delegation))
    assert leader.post(remove_url(delegation)).status_code == 404
    assert leader.post("/account/delegates/999999/remove/").status_code == 404
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DELEGATE_REVOKED).count() == 1


def test_a_removed_delegate_can_be_added_again(leader, member, delegate):
    leader.post(remove_url(member.delegations.get()))
    leader.post(URL, {"email": delegate.email})
    assert member.delegations.filter(revoked_at=None).count() == 1


def test_remove_rejects_get(leader, member, delegate):
    assert leader.get(remove_url(member.delegations.get())).status_code == 405


def test_acts_for_holds_only_while_the_delegation_is_active(member, delegate, other_member):
    assert delegates.acts_for(delegate, member)
    assert not delegates.acts_for(delegate, other_member)
    delegates.revoke_delegate(member.delegations.get(), actor=member, origin=Origin())
    assert not delegates.acts_for(delegate, member)
