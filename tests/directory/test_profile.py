"""The profile page, and who sees which contact details on it."""

import re

import pytest

from tests import factories
from tests.directory.conftest import CONTACT_VALUES, EMAIL, PA_PHONE, PHONE, SOCIAL

pytestmark = pytest.mark.django_db


def shown(client, profile) -> set[str]:
    content = client.get(f"/people/{profile.pk}/").content.decode()
    return {value for value in CONTACT_VALUES if value in content}


def test_a_member_outside_the_cohort_sees_only_what_all_members_may(client_for, leader, member):
    assert shown(client_for(member), leader) == {EMAIL}


def test_a_member_in_the_cohort_also_sees_cohort_details(client_for, leader, member):
    factories.join_cohort(leader.cohorts.get(), member)
    assert shown(client_for(member), leader) == {EMAIL, PHONE, SOCIAL}


def test_a_delegate_sees_what_their_leader_would(client_for, leader, member, delegate):
    assert shown(client_for(delegate), leader) == {EMAIL}
    factories.join_cohort(leader.cohorts.get(), member)
    assert shown(client_for(delegate), leader) == {EMAIL, PHONE, SOCIAL}


def test_the_leader_and_their_delegate_see_everything(client_for, leader):
    pa = factories.delegate_for(leader.user, email="leaders.pa@example.gov.uk")
    assert shown(client_for(leader.user), leader) == {EMAIL, PHONE, PA_PHONE, SOCIAL}
    assert shown(client_for(pa), leader) == {EMAIL, PHONE, PA_PHONE, SOCIAL}


@pytest.mark.parametrize("role", ["facilitator", "staff_admin"])
def test_staff_see_everything(client_for, cast, leader, role):
    assert shown(client_for(cast[role]), leader) == {EMAIL, PHONE, PA_PHONE, SOCIAL}


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


def social_links_on(client, profile) -> list[tuple[str, str]]:
    """(address, link text) of each link in the profile's other social media."""
    html = client.get(f"/people/{profile.pk}/").content.decode()
    listed = html.split('data-testid="social-links">', 1)[1].split("</ul>", 1)[0]
    assert listed.count('rel="noopener noreferrer"') == listed.count("<a ")
    return re.findall(r'href="([^"]*)" rel="noopener noreferrer">([^<]*)</a>', listed)


def test_other_social_media_is_a_list_of_links_named_by_their_site(client_for, leader):
    leader.social_links = "\n".join(
        [
            "https://x.com/niajones",
            "https://twitter.com/niajones",
            "https://bsky.app/profile/nia-jones.example",
            "https://mastodon.social/@niajones",
            "https://www.niajones.example/blog",
        ]
    )
    leader.save()
    assert social_links_on(client_for(leader.user), leader) == [
        ("https://x.com/niajones", "X"),
        ("https://twitter.com/niajones", "X"),
        ("https://bsky.app/profile/nia-jones.example", "Bluesky"),
        ("https://mastodon.social/@niajones", "mastodon.social"),
        ("https://www.niajones.example/blog", "niajones.example"),
    ]


def test_other_social_media_that_is_not_a_safe_address_never_reaches_the_page(
    client_for, member, leader
):
    # Stored past the form's check (by hand, or before it existed): the page still refuses.
    leader.social_links = "\n".join(
        [
            "javascript:alert(1)",
            "<script>alert(2)</script>",
            'https://x.com/"><script>alert(3)</script>',
            "https://x.com/niajones",
        ]
    )
    leader.social_links_visibility = "members"
    leader.save()
    content = client_for(member).get(f"/people/{leader.pk}/").content.decode()
    assert "javascript:" not in content
    assert "alert(" not in content
    assert social_links_on(client_for(member), leader) == [("https://x.com/niajones", "X")]
