import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from convene.accounts.models import AuditEvent, Delegation, Invitation, Role, User
from convene.accounts.services import delegate_offers, delegates
from convene.accounts.services.audit import Origin
from convene.accounts.services.sign_in import normalise_email
from convene.core.templatetags.addresses import breakable_email
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/account/delegates/"
OFFERS_URL = "/account/delegate-offers/"
ANSWER = "If {email} can act as your delegate, we have e-mailed them an invitation."


@pytest.fixture
def leader(client_for, member):
    return client_for(member)


@pytest.fixture
def rhys(client_for, other_member):
    """A leader for whom the cast's delegate (pa@example.gov.uk) does not yet act."""
    return client_for(other_member)


def remove_url(delegation):
    return f"/account/delegates/{delegation.pk}/remove/"


def accept_url(offer):
    return f"/account/delegate-offers/{offer.pk}/accept/"


def decline_url(offer):
    return f"/account/delegate-offers/{offer.pk}/decline/"


def offer_to(leader_user, email="pa@example.gov.uk") -> Invitation:
    return delegate_offers.offer_delegate(leader_user, email, actor=leader_user, origin=Origin())


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


# One answer, whatever the address


def the_page_after_offering(client, email: str) -> tuple[int, str, str, list[str]]:
    """(status, where it sends, the page it sends to with the address, CSRF token and
    script nonce taken out, the templates that page used), leaving nothing behind."""
    sid = transaction.savepoint_create()
    posted = client.post(URL, {"email": email, "full_name": "Pat Ng"})
    page = client.get(posted.url) if posted.status_code == 302 else posted
    transaction.savepoint_rollback(sid)
    shown = normalise_email(email)
    body = re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]+"', "", page.content.decode())
    return (
        posted.status_code,
        posted.get("Location", ""),
        # Shown whole in the message and, in the list, with its line breaks.
        body.replace(breakable_email(shown), "ADDRESS").replace(shown, "ADDRESS"),
        [template.name for template in page.templates],
    )


def every_kind_of_address(other_member, delegate, staff_admin) -> dict[str, str]:
    gone = factories.make_user("gone.pa@example.gov.uk", Role.DELEGATE)
    gone.is_active = False
    gone.save()
    factories.invitation_token("invited@example.gov.uk")  # open, from staff
    return {
        "new": "new.pa@example.gov.uk",
        "a delegate's account": delegate.email,
        "a member": "member@example.gov.uk",
        "a staff account": staff_admin.email,
        "their own": other_member.email,
        "a deactivated delegate": gone.email,
        "a look-alike in capitals": "PA@Example.GOV.UK",
        "a look-alike in fullwidth letters": "\uff50a@example.gov.uk",
        "already invited by staff": "invited@example.gov.uk",
    }


def test_it_answers_the_same_for_every_address(rhys, other_member, delegate, staff_admin, clock):
    answers = {
        kind: the_page_after_offering(rhys, email)
        for kind, email in every_kind_of_address(other_member, delegate, staff_admin).items()
    }
    status, location, body, templates = answers["new"]
    assert (status, location) == (302, URL)
    assert ANSWER.format(email="ADDRESS") in body
    assert templates[0] == "accounts/delegates/delegates.html"
    for kind, answer in answers.items():
        assert answer == answers["new"], f"the answer for {kind} differs"


def test_an_address_with_other_letters_is_refused_for_what_it_is_not_for_whose_it_is(rhys):
    # A Cyrillic letter in the domain: refused by its spelling alone (ADR 20), which says
    # nothing of whether an account has a look-alike of it.
    response = rhys.post(URL, {"email": "pa@ex\u0430mple.gov.uk"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#id_email"' in page
    assert "using only the letters a to z" in page
    assert not Invitation.objects.exists()


def test_every_address_waits_as_invited_on_the_leader_s_page(rhys, other_member, staff_admin):
    for email in ("new.pa@example.gov.uk", "member@example.gov.uk", staff_admin.email):
        rhys.post(URL, {"email": email})
    page = rhys.get(URL).content.decode()
    waiting = page.split("Waiting for an answer")[1].split("</dl>")[0]
    for email in ("new.pa@example.gov.uk", "member@example.gov.uk", staff_admin.email):
        assert breakable_email(email) in waiting
    assert waiting.count(">Invited<") == 3
    assert "account" not in waiting.lower()


def queries_of(leader_user, email) -> list[tuple[str, str]]:
    """The statements an offer runs in the request, as (verb, table), in order."""
    sid = transaction.savepoint_create()
    with CaptureQueriesContext(connection) as captured:
        offer_to(leader_user, email)
    transaction.savepoint_rollback(sid)
    shapes = []
    for query in captured.captured_queries:
        sql = query["sql"]
        if sql.startswith(("SAVEPOINT", "RELEASE")):
            continue
        table = re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"', sql)
        shapes.append((sql.split()[0], table.group(1) if table else ""))
    return shapes


def test_the_request_runs_the_same_statements_for_every_address(
    other_member, delegate, staff_admin
):
    shapes = {
        kind: queries_of(other_member, email)
        for kind, email in every_kind_of_address(other_member, delegate, staff_admin).items()
    }
    for kind, shape in shapes.items():
        assert shape == shapes["new"], f"the request for {kind} does different work"
    assert ("SELECT", "accounts_user") not in shapes["new"]


def test_the_offer_is_e_mailed_only_after_the_request_commits(
    other_member, delegate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer_to(other_member, delegate.email)
        assert mail.outbox == []
    assert [message.to for message in mail.outbox] == [[delegate.email]]


# A new address


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
    assert "/invitations/" in message.body
    assert message.alternatives[0][1] == "text/html"
    offered = AuditEvent.objects.get(action=AuditEvent.Action.DELEGATE_OFFERED)
    assert (offered.actor, offered.subject_user) == (member, member)
    assert offered.detail == {"delegate": "new.pa@example.gov.uk"}
    page = leader.get(URL).content.decode()
    assert ANSWER.format(email="new.pa@example.gov.uk") in page


def test_accepting_the_invitation_creates_the_delegation(leader, member, client):
    leader.post(URL, {"email": "new.pa@example.gov.uk", "full_name": "Pat Ng"})
    path = re.search(r"/invitations/[\w-]+/", mail.outbox[0].body).group(0)
    assert member.full_name in client.get(path).content.decode()
    assert client.post(path).status_code == 302
    pa = User.objects.get(email="new.pa@example.gov.uk")
    assert pa.role == Role.DELEGATE
    assert Delegation.objects.filter(leader=member, delegate=pa, revoked_at=None).exists()
    assert member.full_name in client.get("/account/").content.decode()
    page = leader.get(URL).content.decode()
    assert "new.pa@example.gov.uk" in page
    assert "Waiting for an answer" not in page


def test_an_invitation_sent_by_staff_is_left_alone(rhys):
    factories.invitation_token("chief@example.gov.uk")
    staff_invitation = Invitation.objects.get()
    rhys.post(URL, {"email": "chief@example.gov.uk"})
    staff_invitation.refresh_from_db()
    assert staff_invitation.revoked_at is None
    assert Invitation.objects.filter(revoked_at=None).count() == 2
    (message,) = mail.outbox
    assert "as their delegate" in message.body


def test_offering_the_same_address_again_replaces_the_offer(leader):
    leader.post(URL, {"email": "pa2@example.gov.uk"})
    leader.post(URL, {"email": "pa2@example.gov.uk"})
    assert len(mail.outbox) == 2
    assert Invitation.objects.filter(revoked_at=None).count() == 1


# Someone who already has an account


def test_an_existing_delegate_is_not_attached_until_they_accept(rhys, other_member, delegate):
    response = rhys.post(URL, {"email": delegate.email.upper()})
    assert response.status_code == 302
    assert not Delegation.objects.filter(leader=other_member).exists()
    assert not delegates.acts_for(delegate, other_member)
    (message,) = mail.outbox
    assert message.to == [delegate.email]
    assert other_member.full_name in message.body
    assert OFFERS_URL in message.body
    assert "/invitations/" not in message.body
    assert message.alternatives[0][1] == "text/html"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DELEGATE_ADDED).exists()


@pytest.mark.parametrize(
    "email", ["other@example.gov.uk", "member@example.gov.uk", "admin@convene.example"]
)
def test_an_account_that_cannot_be_a_delegate_gets_no_delegation_and_no_e_mail(
    rhys, delegate, staff_admin, email
):
    rhys.post(URL, {"email": email})
    assert Delegation.objects.count() == 1
    assert mail.outbox == []


def test_a_deactivated_delegate_is_neither_attached_nor_e_mailed(rhys, other_member, delegate):
    User.objects.filter(pk=delegate.pk).update(is_active=False)
    rhys.post(URL, {"email": delegate.email})
    assert not Delegation.objects.filter(leader=other_member).exists()
    assert mail.outbox == []


def test_the_delegate_sees_the_offer_and_what_accepting_means(
    rhys, other_member, delegate, client_for
):
    rhys.post(URL, {"email": delegate.email})
    offer = Invitation.objects.get(delegate_for=other_member)
    page = client_for(delegate).get(OFFERS_URL).content.decode()
    assert other_member.full_name in page
    assert f'action="{accept_url(offer)}"' in page
    assert f'action="{decline_url(offer)}"' in page
    assert "keep their profile and diary up to date" in page


def test_accepting_the_offer_attaches_the_delegate(rhys, other_member, delegate, client_for):
    rhys.post(URL, {"email": delegate.email})
    offer = Invitation.objects.get(delegate_for=other_member)
    pa = client_for(delegate)
    response = pa.post(accept_url(offer))
    assert response.url == OFFERS_URL
    assert delegates.acts_for(delegate, other_member)
    assert f"You now act for {other_member.full_name}" in pa.get(OFFERS_URL).content.decode()
    added = AuditEvent.objects.get(action=AuditEvent.Action.DELEGATE_ADDED)
    assert (added.actor, added.subject_user, added.detail) == (
        delegate,
        other_member,
        {"delegate": delegate.email},
    )
    page = rhys.get(URL).content.decode()
    assert delegate.email in page.split("People who act for you")[1]
    assert "Waiting for an answer" not in page


def test_accepting_twice_attaches_once_and_says_so(rhys, other_member, delegate, client_for):
    offer = offer_to(other_member, delegate.email)
    pa = client_for(delegate)
    pa.post(accept_url(offer))
    response = pa.post(accept_url(offer))
    assert response.url == OFFERS_URL
    assert "You have already accepted this invitation" in pa.get(OFFERS_URL).content.decode()
    assert Delegation.objects.filter(leader=other_member, delegate=delegate).count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DELEGATE_ADDED).count() == 1


def test_two_offers_from_the_same_leader_attach_once(other_member, delegate):
    first = offer_to(other_member, delegate.email)
    Invitation.objects.filter(pk=first.pk).update(revoked_at=None)
    second = Invitation.objects.create(
        email=delegate.email,
        role=Role.DELEGATE,
        delegate_for=other_member,
        token_hash="x" * 64,
        expires_at=first.expires_at,
    )
    delegate_offers.accept_delegate_offer(first, actor=delegate, origin=Origin())
    with pytest.raises(delegates.DelegateError, match="You already act for"):
        delegate_offers.accept_delegate_offer(second, actor=delegate, origin=Origin())
    assert Delegation.objects.filter(leader=other_member, revoked_at=None).count() == 1


def test_declining_attaches_nothing(rhys, other_member, delegate, client_for):
    offer = offer_to(other_member, delegate.email)
    pa = client_for(delegate)
    response = pa.post(decline_url(offer))
    assert response.url == OFFERS_URL
    page = pa.get(OFFERS_URL).content.decode()
    assert f"You have declined the invitation to act for {other_member.full_name}" in page
    assert f'action="{accept_url(offer)}"' not in page
    pa.post(accept_url(offer))
    assert "You have declined this invitation" in pa.get(OFFERS_URL).content.decode()
    assert not Delegation.objects.filter(leader=other_member).exists()
    declined = AuditEvent.objects.get(action=AuditEvent.Action.DELEGATE_OFFER_DECLINED)
    assert (declined.actor, declined.subject_user) == (delegate, other_member)
    assert "Waiting for an answer" not in rhys.get(URL).content.decode()


def test_an_expired_offer_attaches_nothing(other_member, delegate, client_for, clock, settings):
    offer = offer_to(other_member, delegate.email)
    clock.shift(timedelta(days=settings.INVITATION_EXPIRY_DAYS, seconds=1))
    pa = client_for(delegate)
    assert f'action="{accept_url(offer)}"' not in pa.get(OFFERS_URL).content.decode()
    pa.post(accept_url(offer))
    assert "This invitation has expired" in pa.get(OFFERS_URL).content.decode()
    assert not Delegation.objects.filter(leader=other_member).exists()


def test_a_replaced_offer_cannot_be_accepted(other_member, delegate, client_for):
    first = offer_to(other_member, delegate.email)
    offer_to(other_member, delegate.email)
    pa = client_for(delegate)
    pa.post(accept_url(first))
    assert "withdrawn this invitation" in pa.get(OFFERS_URL).content.decode()
    assert not Delegation.objects.filter(leader=other_member).exists()


def test_nobody_else_can_see_accept_or_decline_the_offer(other_member, delegate, client_for):
    offer = offer_to(other_member, delegate.email)
    someone = client_for(factories.make_user("someone.pa@example.gov.uk", Role.DELEGATE))
    assert other_member.full_name not in someone.get(OFFERS_URL).content.decode()
    assert someone.post(accept_url(offer)).status_code == 404
    assert someone.post(decline_url(offer)).status_code == 404
    assert someone.post("/account/delegate-offers/999999/accept/").status_code == 404
    offer.refresh_from_db()
    assert (offer.accepted_at, offer.revoked_at) == (None, None)
    assert not Delegation.objects.filter(leader=other_member).exists()


def test_accept_and_decline_reject_get(other_member, delegate, client_for):
    offer = offer_to(other_member, delegate.email)
    pa = client_for(delegate)
    assert pa.get(accept_url(offer)).status_code == 405
    assert pa.get(decline_url(offer)).status_code == 405


def test_an_offer_from_a_leader_who_has_left_cannot_be_accepted(
    other_member, delegate, staff_admin
):
    offer = offer_to(other_member, delegate.email)
    from convene.accounts.services import users

    users.deactivate_user(other_member, actor=staff_admin, origin=Origin())
    assert list(delegate_offers.open_offers_to(delegate)) == []
    with pytest.raises(delegates.DelegateError, match="withdrawn"):
        delegate_offers.accept_delegate_offer(offer, actor=delegate, origin=Origin())


def test_a_member_whose_account_later_becomes_a_delegate_can_accept(
    other_member, member, staff_admin
):
    offer = offer_to(other_member, member.email)
    from convene.accounts.services import users

    users.change_role(member, Role.DELEGATE, actor=staff_admin, origin=Origin())
    assert list(delegate_offers.open_offers_to(member)) == [offer]
    delegate_offers.accept_delegate_offer(offer, actor=member, origin=Origin())
    assert delegates.acts_for(member, other_member)


# The rate limit


def test_a_leader_may_make_only_so_many_offers_a_day(rhys, other_member, settings, clock):
    settings.DELEGATE_OFFERS_PER_DAY = 3
    settings.DELEGATE_INVITATIONS_OPEN_MAX = 10
    for number in range(3):
        rhys.post(URL, {"email": f"pa{number}@example.gov.uk"})
    mail.outbox.clear()
    response = rhys.post(URL, {"email": "one.more@example.gov.uk", "full_name": "Kept"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 24 * 3600
    page = response.content.decode()
    assert "You have sent 3 delegate invitations in the last 24 hours" in page
    assert 'href="#id_email"' in page
    assert 'value="one.more@example.gov.uk"' in page
    assert not Invitation.objects.filter(email="one.more@example.gov.uk").exists()
    assert mail.outbox == []
    limited = AuditEvent.objects.get(action=AuditEvent.Action.DELEGATE_OFFER_RATE_LIMITED)
    assert limited.detail == {"delegate": "one.more@example.gov.uk"}
    clock.shift(timedelta(hours=24, seconds=1))
    assert rhys.post(URL, {"email": "one.more@example.gov.uk"}).status_code == 302


def test_beyond_the_rate_limit_nothing_is_looked_up(other_member, delegate, settings):
    settings.DELEGATE_OFFERS_PER_DAY = 1
    offer_to(other_member, "first@example.gov.uk")
    with (
        CaptureQueriesContext(connection) as captured,
        pytest.raises(delegate_offers.TooManyOffers),
    ):
        offer_to(other_member, delegate.email)
    tables = {
        table
        for query in captured.captured_queries
        for table in re.findall(r'(?:FROM|INTO|UPDATE|JOIN) "(\w+)"', query["sql"])
    }
    assert tables == {"accounts_auditevent"}


def test_one_leader_s_offers_do_not_count_against_another(rhys, leader, settings):
    settings.DELEGATE_OFFERS_PER_DAY = 1
    leader.post(URL, {"email": "pa1@example.gov.uk"})
    assert rhys.post(URL, {"email": "pa2@example.gov.uk"}).status_code == 302


def test_a_member_can_have_only_a_few_offers_waiting(leader, settings):
    settings.DELEGATE_INVITATIONS_OPEN_MAX = 3
    for number in range(3):
        leader.post(URL, {"email": f"pa{number}@example.gov.uk"})
    response = leader.post(URL, {"email": "one.more@example.gov.uk"})
    assert b"3 invitations waiting for an answer" in response.content
    assert not Invitation.objects.filter(email="one.more@example.gov.uk").exists()


# Bad input


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("pa@example.gov.uk", "pa@example.gov.uk already acts for you"),
        ("not an address", "Enter an e-mail address in the correct format"),
        ("", "Enter your delegate"),
        ("a" * 250 + "@x.gov.uk", "254 characters or fewer"),
    ],
)
def test_it_refuses_clearly_and_changes_nothing(leader, delegate, email, message):
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


def test_a_removed_delegate_can_be_offered_again(leader, member, delegate, client_for):
    leader.post(remove_url(member.delegations.get()))
    leader.post(URL, {"email": delegate.email})
    assert member.delegations.filter(revoked_at=None).count() == 0
    client_for(delegate).post(accept_url(Invitation.objects.get(delegate_for=member)))
    assert member.delegations.filter(revoked_at=None).count() == 1


def test_remove_rejects_get(leader, member, delegate):
    assert leader.get(remove_url(member.delegations.get())).status_code == 405


def test_acts_for_holds_only_while_the_delegation_is_active(member, delegate, other_member):
    assert delegates.acts_for(delegate, member)
    assert not delegates.acts_for(delegate, other_member)
    delegates.revoke_delegate(member.delegations.get(), actor=member, origin=Origin())
    assert not delegates.acts_for(delegate, member)
