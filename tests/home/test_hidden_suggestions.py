"""The leaders a member hid from their suggestions are listed on their home page, each to
be shown again; the one just hidden is named with "Undo"."""

import pytest

from convene.accounts.models import AuditEvent
from convene.accounts.services.audit import Origin
from convene.accounts.services.users import deactivate_user
from convene.connections.models import HiddenSuggestion
from convene.connections.services import hidden_suggestions
from tests import factories

pytestmark = pytest.mark.django_db


def hide(member, *people):
    for person in people:
        hidden_suggestions.hide_suggestion(person.profile, actor=member, origin=Origin())


def test_the_home_page_lists_the_leaders_hidden_each_to_be_shown_again(
    client_for, member, other_member
):
    third = factories.make_member("third@example.gov.uk", "Tess", "Third")
    hide(member, other_member, third)
    page = client_for(member).get("/").content.decode()
    assert "Leaders you hid (2)" in page
    # Newest first.
    assert page.index("Tess Third") < page.index("Rhys Evans")
    for person in (other_member, third):
        assert f'action="/suggestions/{person.profile.pk}/restore/"' in page
    assert 'data-testid="just-hidden"' not in page

    shown = client_for(member).post(f"/suggestions/{third.profile.pk}/restore/", follow=True)
    page = shown.content.decode()
    assert "Tess Third can be suggested to you again" in page
    assert "Leaders you hid (1)" in page
    assert [row.profile for row in HiddenSuggestion.objects.all()] == [other_member.profile]


def test_only_the_member_s_own_hidden_leaders_are_named(client_for, member, other_member):
    third = factories.make_member("third@example.gov.uk", "Tess", "Third")
    hide(other_member, third)
    page = client_for(member).get(f"/?hidden={third.profile.pk}").content.decode()
    assert "Tess Third" not in page
    assert "Leaders you hid" not in page
    client_for(member).post(f"/suggestions/{third.profile.pk}/restore/")
    assert HiddenSuggestion.objects.filter(member=other_member).exists()
    assert not AuditEvent.objects.filter(action="suggestion.restored").exists()


@pytest.mark.parametrize("value", ["abc", "1234567890123456789012345", "a\x00b", ""])
def test_a_junk_hidden_value_names_no_one(client_for, member, other_member, value):
    hide(member, other_member)
    response = client_for(member).get("/", {"hidden": value})
    assert response.status_code == 200
    assert 'data-testid="just-hidden"' not in response.content.decode()


def test_a_leader_who_has_left_is_not_listed_nor_shown_again(
    client_for, member, other_member, staff_admin
):
    hide(member, other_member)
    deactivate_user(other_member, actor=staff_admin, origin=Origin())
    page = client_for(member).get(f"/?hidden={other_member.profile.pk}").content.decode()
    assert "Rhys Evans" not in page
    response = client_for(member).post(f"/suggestions/{other_member.profile.pk}/restore/")
    assert response.status_code == 404


@pytest.mark.parametrize("profile_id", ["abc", "1234567890123456789012345", "0"])
def test_showing_again_no_such_leader_is_not_found(client_for, member, profile_id):
    assert client_for(member).post(f"/suggestions/{profile_id}/restore/").status_code == 404
