"""Who may use the staff administration and delegates pages: every URL against every role."""

import pytest
from django.urls import reverse

from convene.accounts.models import Invitation, Role
from convene.accounts.services import invitations
from convene.accounts.services.audit import Origin
from tests import factories

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"


def open_invitation(staff_admin) -> Invitation:
    return invitations.invite(
        "someone.new@example.gov.uk",
        role=Role.MEMBER,
        actor=staff_admin,
        origin=Origin(),
        **factories.member_details(),
    )


# url name: (method, its URL's kwargs from the cast of users)
STAFF_PAGES = {
    "accounts:staff_invitations": ("GET", None),
    "accounts:staff_invite_list": ("GET", None),
    "accounts:staff_revoke_invitation": (
        "POST",
        lambda cast: {"invitation_id": open_invitation(cast[Role.STAFF_ADMIN]).pk},
    ),
    "accounts:staff_users": ("GET", None),
    "accounts:staff_user": ("GET", lambda cast: {"user_id": cast[Role.MEMBER].pk}),
    "accounts:staff_change_role": ("POST", lambda cast: {"user_id": cast[Role.MEMBER].pk}),
    "accounts:staff_deactivate_user": ("POST", lambda cast: {"user_id": cast[Role.MEMBER].pk}),
    "accounts:staff_reactivate_user": ("POST", lambda cast: {"user_id": cast[Role.MEMBER].pk}),
    "accounts:staff_audit": ("GET", None),
}
MEMBER_PAGES = {
    "accounts:delegates": ("GET", None),
    "accounts:remove_delegate": (
        "POST",
        lambda cast: {"delegation_id": cast[Role.MEMBER].delegations.get().pk},
    ),
}
PAGES = {
    **{name: (*row, Role.STAFF_ADMIN) for name, row in STAFF_PAGES.items()},
    **{name: (*row, Role.MEMBER) for name, row in MEMBER_PAGES.items()},
}


def request(client, name, cast):
    method, kwargs_for, _ = PAGES[name]
    url = reverse(name, kwargs=kwargs_for(cast) if kwargs_for else None)
    return client.post(url) if method == "POST" else client.get(url)


@pytest.mark.parametrize("name", PAGES)
def test_it_sends_anonymous_visitors_to_sign_in(name, cast, client):
    response = request(client, name, cast)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/")


@pytest.mark.parametrize(
    ("name", "role"),
    [(name, role) for name, (*_, allowed) in PAGES.items() for role in Role if role != allowed],
)
def test_it_refuses_every_other_role(name, role, cast, client_for):
    assert request(client_for(cast[role]), name, cast).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_it_serves_the_role_it_is_for(name, cast, client_for):
    *_, allowed = PAGES[name]
    response = request(client_for(cast[allowed]), name, cast)
    # Pages render; actions redirect back to a page (or re-show it with a refusal).
    assert response.status_code in {200, 302}


@pytest.mark.parametrize("name", [name for name, (method, *_) in PAGES.items() if method == "POST"])
def test_actions_reject_get(name, cast, client_for):
    _, kwargs_for, allowed = PAGES[name]
    client = client_for(cast[allowed])
    assert client.get(reverse(name, kwargs=kwargs_for(cast))).status_code == 405


def test_actions_need_the_csrf_token(cast, client_for):
    client = client_for(cast[Role.STAFF_ADMIN])
    client.handler.enforce_csrf_checks = True
    member = cast[Role.MEMBER]
    response = client.post(reverse("accounts:staff_deactivate_user", kwargs={"user_id": member.pk}))
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.is_active


@pytest.mark.parametrize(
    ("role", "links"),
    [
        (Role.STAFF_ADMIN, [b"/staff/invitations/", b"/staff/users/", b"/staff/audit/"]),
        (Role.MEMBER, [b"/account/delegates/"]),
    ],
)
def test_the_navigation_links_to_the_role_s_pages(role, links, cast, client_for):
    page = client_for(cast[role]).get("/account/").content
    for link in links:
        assert link in page


def test_the_navigation_hides_staff_pages_from_members(cast, client_for):
    page = client_for(cast[Role.MEMBER]).get("/account/").content
    assert b"/staff/" not in page
