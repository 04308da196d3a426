import pytest
from django.core import mail

from convene.accounts.models import AuditEvent, Delegation, Invitation, Role, User
from convene.accounts.services import invitations, users
from convene.accounts.services.audit import Origin
from convene.directory.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client_for, staff_admin):
    return client_for(staff_admin)


def user_url(user, action=""):
    return f"/staff/users/{user.pk}/" + (f"{action}/" if action else "")


def signed_out(client) -> bool:
    """True once ``client`` has been sent to sign in (via 'signed out', if its session ended)."""
    first = client.get("/account/")
    if first.status_code != 302:
        return False
    return client.get("/account/").url.startswith("/sign-in/")


# The list


def test_it_lists_users_with_role_and_status(staff, member, delegate, staff_admin):
    member.is_active = False
    member.save()
    page = staff.get("/staff/users/").content.decode()
    for user in (member, delegate, staff_admin):
        assert user.email in page
    assert "Deactivated" in page
    assert "Staff admin" in page


def test_it_filters_by_role(staff, member, delegate):
    page = staff.get("/staff/users/", {"role": "delegate"}).content.decode()
    assert delegate.email in page
    assert member.email not in page


def test_it_filters_by_e_mail_or_name(staff, member, other_member):
    by_name = staff.get("/staff/users/", {"q": "rhys"}).content.decode()
    assert other_member.email in by_name
    assert member.email not in by_name
    by_email = staff.get("/staff/users/", {"q": "MEMBER@EXAMPLE"}).content.decode()
    assert member.email in by_email
    assert other_member.email not in by_email


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"role": "emperor"}, "Select a role from the list"),
        ({"q": "x" * 300}, "254 characters"),
        ({"q": "a\x00b"}, "Search text must not contain null characters"),
    ],
)
def test_a_bad_filter_is_named_not_a_crash(staff, member, query, message):
    response = staff.get("/staff/users/", query)
    assert response.status_code == 200
    assert message.encode() in response.content
    assert b"govuk-error-summary" in response.content


def test_it_shows_50_users_a_page_and_keeps_the_filter(staff):
    for number in range(55):
        factories.make_user(f"leader{number:02}@example.gov.uk")
    page = staff.get("/staff/users/", {"role": "member"}).content.decode()
    assert page.count("leader") == 50
    assert "?role=member&amp;page=2" in page
    second = staff.get("/staff/users/", {"role": "member", "page": 2}).content.decode()
    assert second.count("leader") == 5


# The detail page


def test_it_shows_a_user_and_their_delegates(staff, member, delegate):
    page = staff.get(user_url(member)).content.decode()
    assert member.email in page
    assert delegate.email in page
    assert staff.get(user_url(delegate)).content.decode().count(member.email) >= 1


def test_it_shows_the_user_s_recent_audit_events(staff, member, staff_admin):
    users.change_role(member, Role.RESEARCHER, actor=staff_admin, origin=Origin("192.0.2.9"))
    page = staff.get(user_url(member)).content.decode()
    assert "Role changed" in page
    assert "192.0.2.9" in page
    assert "to: researcher" in page


def test_an_unknown_user_is_not_found(staff):
    assert staff.get("/staff/users/999999/").status_code == 404
    assert staff.post("/staff/users/999999/deactivate/").status_code == 404


def test_names_are_shown_as_text_never_as_html(staff):
    user = factories.make_user("x@example.gov.uk", full_name="<img src=x onerror=alert(1)>")
    for url in (user_url(user), "/staff/users/"):
        page = staff.get(url).content
        assert b"<img src=x" not in page
        assert b"&lt;img src=x" in page


def test_your_own_page_offers_no_role_change_or_deactivation(staff, staff_admin):
    page = staff.get(user_url(staff_admin)).content.decode()
    assert "This is your own account" in page
    assert "/deactivate/" not in page


# Changing a role


def test_changing_a_role_writes_an_audit_row(staff, member, staff_admin):
    response = staff.post(user_url(member, "role"), {"role": "facilitator"})
    assert response.url == user_url(member)
    member.refresh_from_db()
    assert member.role == Role.FACILITATOR
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_CHANGED)
    assert (event.actor, event.subject_user) == (staff_admin, member)
    assert event.detail == {"from": "member", "to": "facilitator"}
    assert b"is now a facilitator" in staff.get(user_url(member)).content


def test_changing_a_role_ends_the_user_s_sessions(staff, member, client_for, other_member):
    theirs, bystander = client_for(member), client_for(other_member)
    staff.post(user_url(member, "role"), {"role": "researcher"})
    assert signed_out(theirs)
    assert bystander.get("/account/").status_code == 200


def test_a_staff_admin_cannot_change_their_own_role(staff, staff_admin):
    response = staff.post(user_url(staff_admin, "role"), {"role": "member"})
    assert response.status_code == 200
    assert b"You cannot change your own role" in response.content
    staff_admin.refresh_from_db()
    assert staff_admin.role == Role.STAFF_ADMIN
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_CHANGED).exists()


@pytest.mark.parametrize(
    ("role", "message"),
    [("emperor", "Select a role from the list"), ("", "Select a role"), ("member", "already")],
)
def test_a_bad_role_is_named_and_nothing_changes(staff, member, role, message, client_for):
    theirs = client_for(member)
    response = staff.post(user_url(member, "role"), {"role": role})
    assert message.encode() in response.content
    assert b'href="#id_role"' in response.content
    member.refresh_from_db()
    assert member.role == Role.MEMBER
    assert theirs.get("/account/").status_code == 200


def test_a_member_who_stops_being_a_member_loses_their_delegates(staff, member, delegate):
    staff.post(user_url(member, "role"), {"role": "facilitator"})
    assert not Delegation.objects.filter(leader=member, revoked_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DELEGATE_REVOKED).count() == 1


# Deactivating and reactivating


def test_deactivating_writes_an_audit_row(staff, member, staff_admin):
    response = staff.post(user_url(member, "deactivate"))
    assert response.url == user_url(member)
    member.refresh_from_db()
    assert not member.is_active
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.USER_DEACTIVATED, actor=staff_admin, subject_user=member
    ).exists()
    assert b"has been deactivated" in staff.get(user_url(member)).content


def test_deactivating_ends_the_user_s_sessions(staff, member, client_for, other_member):
    theirs, bystander = client_for(member), client_for(other_member)
    staff.post(user_url(member, "deactivate"))
    response = theirs.get("/account/")
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")
    assert bystander.get("/account/").status_code == 200


def test_a_deactivated_user_gets_no_sign_in_link(staff, member, client):
    staff.post(user_url(member, "deactivate"))
    client.post("/sign-in/", {"email": member.email})
    assert mail.outbox == []


def test_a_deactivated_leader_s_delegations_and_delegate_invitations_end(
    staff, member, delegate, staff_admin
):
    invitations.invite(
        "new.pa@example.gov.uk",
        role=Role.DELEGATE,
        actor=member,
        origin=Origin(),
        delegate_for=member,
    )
    staff.post(user_url(member, "deactivate"))
    assert not Delegation.objects.filter(revoked_at__isnull=True).exists()
    assert Invitation.objects.get(email="new.pa@example.gov.uk").revoked_at is not None
    revoked = AuditEvent.objects.get(action=AuditEvent.Action.DELEGATE_REVOKED)
    assert revoked.detail == {"delegate": delegate.email, "reason": "account deactivated"}


def test_a_staff_admin_cannot_deactivate_themselves(staff, staff_admin):
    response = staff.post(user_url(staff_admin, "deactivate"))
    assert response.status_code == 200
    assert b"You cannot deactivate your own account" in response.content
    assert b"govuk-error-summary" in response.content
    staff_admin.refresh_from_db()
    assert staff_admin.is_active
    assert staff.get("/staff/users/").status_code == 200


def test_reactivating_lets_the_user_sign_in_again(staff, member, client):
    staff.post(user_url(member, "deactivate"))
    response = staff.post(user_url(member, "reactivate"))
    assert response.url == user_url(member)
    member.refresh_from_db()
    assert member.is_active
    assert AuditEvent.objects.filter(action=AuditEvent.Action.USER_REACTIVATED).exists()
    client.post("/sign-in/", {"email": member.email})
    assert len(mail.outbox) == 1


def test_reactivating_an_active_user_is_refused_clearly(staff, member):
    response = staff.post(user_url(member, "reactivate"))
    assert b"is already active" in response.content
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.USER_REACTIVATED).exists()


def test_an_old_session_stays_ended_after_reactivation(staff, member, client_for):
    theirs = client_for(member)
    staff.post(user_url(member, "deactivate"))
    staff.post(user_url(member, "reactivate"))
    assert signed_out(theirs)


def test_the_service_refuses_self_deactivation(staff_admin):
    with pytest.raises(users.UserAdminError):
        users.deactivate_user(staff_admin, actor=staff_admin, origin=Origin())
    assert User.objects.get(pk=staff_admin.pk).is_active


# Making someone a member gives them a profile; a former member keeps theirs (ADR 25)


def as_member(**fields) -> dict:
    return {
        "role": "member",
        "full_name": "Sam Patel",
        "organisation": "Leeds City Council",
        "job_title": "Chief Operating Officer",
        **fields,
    }


def test_making_a_delegate_a_member_asks_for_their_profile_in_the_same_step(staff, delegate):
    page = staff.get(user_url(delegate)).content.decode()
    for field in ("full_name", "organisation", "job_title"):
        assert f'name="{field}"' in page
    assert 'value="Sam Patel"' in page
    assert 'list="id_organisation-names"' in page


def test_making_a_delegate_a_member_creates_their_profile(staff, delegate, staff_admin):
    factories.make_organisation()
    response = staff.post(user_url(delegate, "role"), as_member())
    assert response.url == user_url(delegate)
    delegate.refresh_from_db()
    assert delegate.role == Role.MEMBER
    profile = delegate.profile
    assert (profile.given_name, profile.family_name) == ("Sam", "Patel")
    assert (profile.organisation.name, profile.job_title) == (
        "Leeds City Council",
        "Chief Operating Officer",
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_CHANGED)
    assert event.detail == {
        "from": "delegate",
        "to": "member",
        "organisation": "Leeds City Council",
        "job_title": "Chief Operating Officer",
    }
    assert not Delegation.objects.filter(delegate=delegate, revoked_at__isnull=True).exists()
    assert (
        "Chief Operating Officer, Leeds City Council"
        in staff.get(user_url(delegate)).content.decode()
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"organisation": ""}, "organisation", "Enter their organisation"),
        ({"job_title": "  "}, "job_title", "Enter their job title"),
        ({"full_name": "Sam"}, "full_name", "Enter their full name: their first and last names"),
        (
            {"organisation": "Leeds Citty Council"},
            "organisation",
            "No organisation in Convene is called “Leeds Citty Council”",
        ),
    ],
)
def test_making_a_delegate_a_member_without_what_a_profile_needs_changes_nothing(
    staff, delegate, fields, field, message, client_for
):
    factories.make_organisation()
    theirs = client_for(delegate)
    response = staff.post(user_url(delegate, "role"), as_member(**fields))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="#id_{field}"' in page
    assert message in page
    delegate.refresh_from_db()
    assert delegate.role == Role.DELEGATE
    assert not Profile.objects.filter(user=delegate).exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_CHANGED).exists()
    assert Delegation.objects.filter(delegate=delegate, revoked_at__isnull=True).exists()
    assert theirs.get("/account/").status_code == 200


def test_the_service_refuses_a_member_with_no_organisation(staff_admin, researcher):
    with pytest.raises(users.UserAdminError) as refused:
        users.change_role(
            researcher,
            Role.MEMBER,
            actor=staff_admin,
            origin=Origin(),
            full_name="Rae Search",
            job_title="Director",
        )
    assert refused.value.field == "organisation"
    researcher.refresh_from_db()
    assert researcher.role == Role.RESEARCHER
    assert not Profile.objects.filter(user=researcher).exists()


def test_other_roles_are_given_no_profile(staff, delegate):
    staff.post(user_url(delegate, "role"), {"role": "researcher", "full_name": "Sam Patel"})
    delegate.refresh_from_db()
    assert delegate.role == Role.RESEARCHER
    assert not Profile.objects.filter(user=delegate).exists()


def test_a_member_s_page_asks_nothing_more_to_change_their_role(staff, member):
    page = staff.get(user_url(member)).content.decode()
    assert 'name="organisation"' not in page
    assert "Chief Executive, Leeds City Council" in page


def test_a_former_member_keeps_their_profile_and_is_made_a_member_again_without_it_asked(
    staff, member
):
    profile = member.profile
    staff.post(user_url(member, "role"), {"role": "facilitator"})
    page = staff.get(user_url(member)).content.decode()
    assert "Kept, but not listed while they are not a member" in page
    assert 'name="organisation"' not in page
    response = staff.post(user_url(member, "role"), {"role": "member"})
    assert response.url == user_url(member)
    member.refresh_from_db()
    assert member.role == Role.MEMBER
    assert member.profile.pk == profile.pk
