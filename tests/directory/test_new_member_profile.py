"""Every member has a profile from the moment their account exists (ADR 25): invited by
staff, made a member from another role, or imported. Their first page asks them to
complete it, and nothing fails while it is incomplete."""

import json
import re

import pytest
from django.core import mail

from convene.accounts.models import Role, User
from convene.accounts.services import users
from convene.accounts.services.audit import Origin
from convene.connections.models import Introduction
from convene.connections.services import matching
from convene.directory.models import Appointment, Profile, ProfileChange, SearchEntry
from tests import factories

pytestmark = pytest.mark.django_db

INVITATIONS = "/staff/invitations/"


@pytest.fixture(autouse=True)
def _fresh_suggestions():
    # Candidates are kept for minutes between requests: each test starts afresh.
    matching.forget()
    yield
    matching.forget()


@pytest.fixture
def staff(client_for, staff_admin):
    return client_for(staff_admin)


def invite_and_accept(staff, client, role="member", email="nia.jones@example.gov.uk") -> User:
    """Invite through the staff page, then accept as the invitee would, from the e-mail."""
    factories.make_organisation()
    fields = {"email": email, "full_name": "Nia Jones", "role": role}
    if role == "member":
        fields.update(organisation="Leeds City Council", job_title="Director of Public Health")
    response = staff.post(INVITATIONS, fields)
    assert response.status_code == 302, response.content.decode()
    path = re.search(r"/invitations/[\w-]+/", mail.outbox[-1].body).group(0)
    assert client.post(path).status_code == 302
    return User.objects.get(email=email)


def make_member_of(user, staff) -> None:
    response = staff.post(
        f"/staff/users/{user.pk}/role/",
        {
            "role": "member",
            "full_name": "Sam Patel",
            "organisation": "Leeds City Council",
            "job_title": "Chief Operating Officer",
        },
    )
    assert response.status_code == 302, response.content.decode()


def test_a_member_invited_by_staff_has_their_profile_once_they_accept(staff, client, staff_admin):
    nia = invite_and_accept(staff, client)
    profile = nia.profile
    assert (profile.given_name, profile.family_name) == ("Nia", "Jones")
    assert (profile.job_title, profile.organisation.name) == (
        "Director of Public Health",
        "Leeds City Council",
    )
    assert SearchEntry.objects.filter(profile=profile).exists()
    assert Appointment.objects.get(profile=profile).job_title == "Director of Public Health"
    first = ProfileChange.objects.get(profile=profile)
    assert first.actor == staff_admin
    assert first.changes["organisation"] == ["", "Leeds City Council"]


def test_a_new_member_is_found_in_the_directory(staff, client, client_for, other_member):
    invite_and_accept(staff, client)
    page = client_for(other_member).get("/directory/", {"q": "public health"}).content.decode()
    assert "Nia Jones" in page


def pages_a_member_uses(other: Profile) -> list[tuple[str, str, dict]]:
    ask = f"/people/{other.pk}/introduce/"
    return [
        ("get", "/", {}),
        ("get", "/ask/", {}),
        ("get", "/ask/new/", {}),
        ("post", "/ask/new/", {"text": "How do you recruit social workers?"}),
        ("get", ask, {}),
        ("post", ask, {"reason": "We both run services for young people"}),
        ("get", "/introductions/", {}),
        ("get", "/directory/", {}),
        ("get", "/directory/", {"q": "jones"}),
        ("get", f"/people/{other.pk}/", {}),
        ("get", "/account/your-data/", {}),
        ("get", "/account/your-data/download/", {}),
    ]


def assert_every_page_answers(client, other: Profile) -> None:
    client.raise_request_exception = False
    answered = {
        (method, url): getattr(client, method)(url, data).status_code
        for method, url, data in pages_a_member_uses(other)
    }
    assert all(status in (200, 302) for status in answered.values()), answered


def test_no_page_fails_while_an_invited_member_s_profile_is_incomplete(
    staff, client, client_for, other_member
):
    nia = invite_and_accept(staff, client)
    assert_every_page_answers(client_for(nia), other_member.profile)
    assert Introduction.objects.filter(requester=nia).exists()


def test_no_page_fails_for_a_delegate_made_a_member(staff, client_for, delegate, other_member):
    make_member_of(delegate, staff)
    delegate.refresh_from_db()
    assert delegate.profile.organisation.name == "Leeds City Council"
    assert_every_page_answers(client_for(delegate), other_member.profile)


def test_suggestions_with_everyone_s_texts_empty_answer_with_none(
    staff, client, client_for, other_member, settings
):
    settings.PEER_MATCHER = "tfidf"
    matching.embedder.cache_clear()
    try:
        nia = invite_and_accept(staff, client)
        assert matching.suggestions_for(nia) == []
        assert client_for(nia).get("/").status_code == 200
    finally:
        matching.embedder.cache_clear()


def test_the_whole_journey_from_invitation_to_a_complete_profile(staff, client):
    nia = invite_and_accept(staff, client)
    home = client.get("/").content.decode()
    assert 'data-testid="complete-profile"' in home
    assert "govuk-notification-banner" in home
    assert home.index("complete-profile") < home.index("Welcome, Nia")
    assert (
        "what you are working on, what you can help with and what you would like help with" in home
    )
    edit_url = f"/people/{nia.profile.pk}/edit/"
    assert f'href="{edit_url}"' in home

    assert client.get(edit_url).status_code == 200
    data = {**_editable(nia.profile), "working_on": "Health inequalities in coastal towns"}
    client.post(edit_url, data)
    partly = client.get("/").content.decode()
    assert "Still to say: what you can help with and what you would like help with." in partly

    data.update(can_help_with="Public health campaigns", want_help_with="Housing partnerships")
    assert client.post(edit_url, data).status_code == 302
    done = client.get("/").content.decode()
    assert 'data-testid="complete-profile"' not in done


def _editable(profile: Profile) -> dict:
    from convene.directory.services.profiles import EDITABLE_FIELDS

    return {name: getattr(profile, name) for name in EDITABLE_FIELDS}


def test_text_of_only_spaces_is_still_to_complete(staff, client):
    nia = invite_and_accept(staff, client)
    Profile.objects.filter(user=nia).update(
        working_on="  ", can_help_with="Commissioning", want_help_with="Estates"
    )
    home = client.get("/").content.decode()
    assert "Still to say: what you are working on." in home


@pytest.mark.parametrize("role", ["facilitator", "researcher", "staff_admin", "delegate"])
def test_no_other_role_gets_a_profile(staff, client, role):
    user = invite_and_accept(staff, client, role=role)
    assert user.role == role
    assert not Profile.objects.filter(user=user).exists()


def test_a_member_from_before_with_no_profile_gets_a_page_not_a_failure(client_for):
    # Accepted before invitations named an organisation: staff add their profile by import.
    legacy = factories.make_user("legacy@example.gov.uk", Role.MEMBER, full_name="Lee Gacy")
    response = client_for(legacy).get("/")
    assert response.status_code == 200
    assert b'data-testid="no-profile"' in response.content


# A member who stops being one


def test_a_former_member_keeps_their_profile_but_is_not_listed(
    member, other_member, staff_admin, client_for
):
    profile = member.profile
    users.change_role(member, Role.FACILITATOR, actor=staff_admin, origin=Origin())
    assert Profile.objects.filter(pk=profile.pk).exists()
    viewer = client_for(other_member)
    listed = viewer.get("/directory/", {"q": "okafor"}).content.decode()
    assert "Amara Okafor" not in listed
    everyone = viewer.get("/directory/").content.decode()
    assert "Amara Okafor" not in everyone
    assert viewer.get(f"/people/{profile.pk}/").status_code == 404
    assert all(s.profile.pk != profile.pk for s in matching.suggestions_for(other_member))


def test_a_former_member_made_a_member_again_is_listed_with_the_same_profile(
    member, other_member, staff_admin, client_for
):
    profile = member.profile
    users.change_role(member, Role.RESEARCHER, actor=staff_admin, origin=Origin())
    users.change_role(member, Role.MEMBER, actor=staff_admin, origin=Origin())
    member.refresh_from_db()
    assert member.profile.pk == profile.pk
    assert Profile.objects.filter(user=member).count() == 1
    page = client_for(other_member).get("/directory/", {"q": "okafor"}).content.decode()
    assert "Amara Okafor" in page


def test_a_former_member_s_data_download_still_holds_their_profile(member, staff_admin, client_for):
    users.change_role(member, Role.FACILITATOR, actor=staff_admin, origin=Origin())
    member.refresh_from_db()
    factories.enrol_totp(member)
    response = client_for(member).get("/account/your-data/download/")
    assert response.status_code == 200
    assert json.loads(response.content)["profile"]["family_name"] == "Okafor"


def test_the_people_import_gives_a_member_from_before_their_profile(staff_admin, client_for):
    from convene.directory.imports import applying
    from convene.directory.imports.checking import Checker
    from convene.directory.imports.reading import read_rows
    from tests.directory.imports.people_files import GOOD_ROWS, csv_bytes, places

    places()
    sam = factories.make_user("sam.okoro@leeds.gov.uk", Role.MEMBER, full_name="Sam Okoro")
    plan = Checker().check(read_rows(csv_bytes(GOOD_ROWS), "csv"))
    applying.apply(plan, actor=staff_admin, origin=Origin(), filename="people.csv", invite=False)
    sam.refresh_from_db()
    assert sam.profile.organisation.name == "Leeds City Council"
    assert ProfileChange.objects.get(profile=sam.profile).actor == staff_admin
    home = client_for(sam).get("/").content.decode()
    assert 'data-testid="complete-profile"' in home
