"""One's own profile is a click away, and its form speaks to whoever is editing it."""

import re

import pytest

from convene.accounts.models import Delegation
from convene.directory.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db

ADDRESSED = ["bio", "working_on", "can_help_with", "want_help_with"]


def navigation(page: str) -> str:
    return page.split('id="navigation"', 1)[1].split("</ul>", 1)[0]


def test_a_member_s_navigation_and_account_page_link_to_their_profile(client_for, member):
    client = client_for(member)
    href = f'href="/people/{member.profile.pk}/"'
    assert f"{href}>Your profile</a>" in navigation(client.get("/").content.decode())
    account = client.get("/account/").content.decode()
    own = account.split('data-testid="own-profile"', 1)[1].split("</div>", 1)[0]
    assert f"{href}>Amara Okafor</a>" in own
    assert f'href="/people/{member.profile.pk}/edit/"' in account
    assert client.get(f"/people/{member.profile.pk}/").status_code == 200


def test_on_their_own_profile_the_link_is_marked_as_the_current_page(client_for, member):
    page = client_for(member).get(f"/people/{member.profile.pk}/").content.decode()
    assert re.search(r'aria-current="page"><strong[^>]*>Your profile</strong>', navigation(page))


def test_a_delegate_sees_a_link_to_each_leader_they_act_for(client_for, member, delegate):
    second = factories.make_member("alex@x.gov.uk", given="Alex", family="Brown")
    Delegation.objects.create(leader=second, delegate=delegate)
    other = factories.make_member("not-mine@x.gov.uk", given="Nia", family="Jones")
    client = client_for(delegate)

    nav = navigation(client.get("/directory/").content.decode())
    assert f'href="/people/{second.profile.pk}/">Alex Brown&#x27;s profile</a>' in nav
    assert f'href="/people/{member.profile.pk}/">Amara Okafor&#x27;s profile</a>' in nav
    assert "Your profile" not in nav
    assert f"/people/{other.profile.pk}/" not in nav

    account = client.get("/account/").content.decode()
    acting = account.split('data-testid="acting-for"', 1)[1].split("</dd>", 1)[0]
    assert re.findall(r'href="(/people/\d+/)">', acting) == [
        f"/people/{second.profile.pk}/",
        f"/people/{member.profile.pk}/",
    ]
    assert f'href="/people/{second.profile.pk}/edit/"' in acting


def test_a_revoked_delegation_is_no_longer_linked(client_for, member, delegate):
    member.delegations.update(revoked_at="2026-01-01T00:00:00Z")
    client = client_for(delegate)
    assert f"/people/{member.profile.pk}/" not in client.get("/account/").content.decode()
    nav = navigation(client.get("/directory/").content.decode())
    assert f"/people/{member.profile.pk}/" not in nav


def test_staff_have_no_profile_link(client_for, staff_admin, member):
    assert "profile</a>" not in navigation(client_for(staff_admin).get("/").content.decode())


def labels(page: str) -> dict[str, str]:
    """Each addressed field's label and hint, as the edit page shows them."""
    found = {}
    for name in ADDRESSED:
        label = re.search(rf'<label[^>]*for="id_{name}"[^>]*>\s*(.*?)\s*</label>', page, re.S)
        hint = re.search(rf'id="id_{name}-hint"[^>]*>\s*(.*?)\s*</div>', page, re.S)
        found[name] = (label.group(1), hint.group(1) if hint else "")
    return found


def test_the_leader_s_form_says_you(client_for, member):
    page = client_for(member).get(f"/people/{member.profile.pk}/edit/").content.decode()
    assert labels(page) == {
        "bio": ("About you (optional)", ""),
        "working_on": (
            "What you are working on",
            "Other leaders facing similar challenges will be suggested to you",
        ),
        "can_help_with": ("What you can help with", ""),
        "want_help_with": ("What you would like help with", ""),
    }


@pytest.mark.parametrize("editor", ["delegate", "staff_admin"])
def test_someone_editing_for_the_leader_sees_their_first_name(request, client_for, member, editor):
    Profile.objects.filter(pk=member.profile.pk).update(given_name="Alex")
    client = client_for(request.getfixturevalue(editor))
    page = client.get(f"/people/{member.profile.pk}/edit/").content.decode()
    assert labels(page) == {
        "bio": ("About Alex (optional)", ""),
        "working_on": (
            "What Alex is working on",
            "Other leaders facing similar challenges will be suggested to Alex",
        ),
        "can_help_with": ("What Alex can help with", ""),
        "want_help_with": ("What Alex would like help with", ""),
    }
    assert "you" not in " ".join(" ".join(pair) for pair in labels(page).values()).lower()


def test_a_delegate_s_form_refused_keeps_its_wording_and_what_was_typed(
    client_for, member, delegate
):
    from tests.directory.test_edit_profile import form_data

    response = client_for(delegate).post(
        f"/people/{member.profile.pk}/edit/",
        form_data(member.profile, given_name="", working_on="Youth diversion panels"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the first name" in page
    assert labels(page)["working_on"][0] == "What Amara is working on"
    assert "Youth diversion panels</textarea>" in page
    member.profile.refresh_from_db()
    assert member.profile.working_on == ""
