"""The profile page, and who sees which contact details on it."""

import pytest

from tests import factories
from tests.directory.conftest import EMAIL, PA_PHONE, PHONE

pytestmark = pytest.mark.django_db


def shown(client, profile) -> set[str]:
    content = client.get(f"/people/{profile.pk}/").content.decode()
    return {value for value in (EMAIL, PHONE, PA_PHONE) if value in content}


def test_a_member_outside_the_cohort_sees_only_what_all_members_may(client_for, leader, member):
    assert shown(client_for(member), leader) == {EMAIL}


def test_a_member_in_the_cohort_also_sees_cohort_details(client_for, leader, member):
    member.profile.cohorts.add(leader.cohorts.get())
    assert shown(client_for(member), leader) == {EMAIL, PHONE}


def test_a_delegate_sees_what_their_leader_would(client_for, leader, member, delegate):
    assert shown(client_for(delegate), leader) == {EMAIL}
    member.profile.cohorts.add(leader.cohorts.get())
    assert shown(client_for(delegate), leader) == {EMAIL, PHONE}


def test_the_leader_and_their_delegate_see_everything(client_for, leader):
    pa = factories.delegate_for(leader.user, email="leaders.pa@example.gov.uk")
    assert shown(client_for(leader.user), leader) == {EMAIL, PHONE, PA_PHONE}
    assert shown(client_for(pa), leader) == {EMAIL, PHONE, PA_PHONE}


@pytest.mark.parametrize("role", ["facilitator", "staff_admin"])
def test_staff_see_everything(client_for, cast, leader, role):
    assert shown(client_for(cast[role]), leader) == {EMAIL, PHONE, PA_PHONE}


def test_researchers_cannot_see_profiles(client_for, researcher, leader):
    assert client_for(researcher).get(f"/people/{leader.pk}/").status_code == 403


def test_a_deactivated_leader_is_not_found(client_for, member, leader):
    leader.user.is_active = False
    leader.user.save()
    assert client_for(member).get(f"/people/{leader.pk}/").status_code == 404


def test_an_unknown_profile_is_not_found(client_for, member):
    assert client_for(member).get("/people/999999/").status_code == 404


def test_the_page_links_back_to_the_same_search(client_for, member, leader):
    client = client_for(member)
    back = "/directory/?q=youth&amp;sector=policing"
    page = client.get(f"/people/{leader.pk}/", {"back": "/directory/?q=youth&sector=policing"})
    assert f'href="{back}"'.encode() in page.content
    for elsewhere in ["https://evil.example/", "//evil.example/directory/", "/staff/users/"]:
        page = client.get(f"/people/{leader.pk}/", {"back": elsewhere})
        assert b'href="/directory/" class="govuk-back-link"' in page.content


def test_text_is_escaped_and_unsafe_links_are_not_links(client_for, member, leader):
    leader.bio = "<script>alert(1)</script>"
    leader.linkedin_url = "javascript:alert(1)"
    leader.save()
    content = client_for(member).get(f"/people/{leader.pk}/").content
    assert b"<script>alert(1)</script>" not in content
    assert b"&lt;script&gt;" in content
    assert b'href="javascript:' not in content
