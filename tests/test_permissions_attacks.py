"""The permission table, tried as an attacker would: every URL with every method (and as
htmx asks), on another member's objects, on objects outside the viewer's audience, by a
delegate who does not act for the owner, by staff before two-factor sign-in, and by a
member whose profile is missing. ``test_permissions.py`` holds the table itself."""

import pytest
from django.urls import reverse

from convene.accounts.models import Role
from convene.accounts.services.audit import Origin
from convene.connections.models import Question
from convene.core.access import rule_of
from convene.directory.models import Profile
from tests import factories
from tests.conftest import CommittingClient
from tests.factories import sign_in
from tests.test_permissions import ANONYMOUS, ROLES, SIGN_IN, TABLE, served_urls

pytestmark = pytest.mark.django_db

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
REFUSED = (403, SIGN_IN)

# URLs about one member's own things: anyone else is refused (403) or told there is no
# such thing (404), whatever the method.
OWNER_ONLY = [
    "directory:edit_profile",
    "directory:new_role",
    "directory:edit_photo",
    "directory:profile_history",
    "connections:introduction",
    "connections:accept",
    "connections:decline",
    "accounts:remove_delegate",
]


def send(client, method: str, url: str, *, htmx: bool = False):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return getattr(client, method.lower())(url, **headers)


def client_as(user, *, two_factor_done: bool = True) -> CommittingClient:
    return sign_in(CommittingClient(), user, two_factor_done=two_factor_done)


def url_of(name: str, cast: dict) -> str:
    _, kwargs_for, _ = TABLE[name]
    return reverse(name, kwargs=kwargs_for(cast) if kwargs_for else {})


@pytest.mark.parametrize("name", list(TABLE))
def test_every_method_is_refused_alike_to_those_refused_and_never_fails(name, cast):
    _, _, expected_by_role = TABLE[name]
    url = url_of(name, cast)
    for role in ROLES:
        expected = expected_by_role[role]
        client = CommittingClient() if role == ANONYMOUS else client_as(cast[role])
        for method in METHODS:
            for htmx in (False, True):
                response = send(client, method, url, htmx=htmx)
                where = f"{role} {method}{' (htmx)' if htmx else ''} {url}"
                assert response.status_code < 500, where
                if expected == SIGN_IN:
                    assert response.status_code == 302, where
                    assert response.url.startswith("/sign-in/"), where
                elif expected == 403:
                    assert response.status_code == 403, where
                elif response.status_code == 405:
                    assert response["Allow"], where


@pytest.fixture
def others(db):
    """Another member, with a delegate of their own, and the objects they own."""
    other = factories.make_member("owner@x.gov.uk", given="Olu", family="Owner")
    return {
        "member": other,
        "delegate": factories.delegate_for(other, "their-pa@x.gov.uk"),
    }


@pytest.mark.parametrize("name", OWNER_ONLY)
@pytest.mark.parametrize("intruder", ["member", "delegate"])
def test_another_member_s_things_are_refused_by_every_method(name, intruder, cast, others):
    """The URLs are made for the other member's things (``others`` stands in for the cast's
    member); the cast's member, or their delegate, who does not act for the owner, tries."""
    owner_cast = {**cast, Role.MEMBER: others["member"], Role.DELEGATE: others["delegate"]}
    url = url_of(name, owner_cast)
    client = client_as(cast[intruder])
    before = snapshot(others["member"])
    for method in METHODS:
        response = send(client, method, url)
        assert response.status_code in (403, 404, 405), f"{intruder} {method} {url}"
    assert snapshot(others["member"]) == before, f"{name} changed the owner's things"


def snapshot(user) -> tuple:
    from convene.accounts.models import Delegation
    from convene.connections.models import Introduction

    profile = Profile.objects.get(user=user)
    return (
        [(field.name, getattr(profile, field.attname)) for field in Profile._meta.fields],
        list(profile.appointments.values_list("job_title", "ended_on")),
        list(Delegation.objects.filter(leader=user).values_list("pk", "revoked_at")),
        list(
            Introduction.objects.filter(recipient=user).values_list("status", "recipient_accepted")
        ),
    )


def test_a_question_outside_the_member_s_audience_is_not_found_by_any_route(cast, client_for):
    from convene.connections.services import questions

    police = factories.make_organisation(
        "West Yorkshire Police", "E23000010", org_type="police_force", sector_id="policing"
    )
    author = factories.make_member(
        "cc@x.police.uk", given="Jo", family="Byrne", organisation=police
    )
    question = questions.ask_question(
        actor=author, origin=Origin(), text="Policing only", sectors=["policing"]
    )
    client = client_for(cast[Role.MEMBER])  # local government: outside the audience
    base = f"/ask/{question.pk}/"
    assert client.get(base).status_code == 404
    for action in ("reply", "faced", "faced/take-back", "report"):
        response = client.post(f"{base}{action}/", {"text": "Hello", "reason": "Spam"})
        assert response.status_code == 404, action
    assert not Question.objects.get().replies.exists()
    assert not Question.objects.get().reports.exists()


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.RESEARCHER, Role.STAFF_ADMIN])
def test_staff_before_two_factor_reach_only_public_pages_and_two_factor_itself(role, cast):
    client = client_as(cast[role], two_factor_done=False)
    set_up = reverse("accounts:two_factor_setup")
    verify = reverse("accounts:two_factor_verify")
    for name, view, _ in served_urls():
        if rule_of(view) == "public" or getattr(view, "before_two_factor", False):
            continue
        url = url_of(name, cast)
        for method in ("GET", "POST"):
            response = send(client, method, url)
            assert response.status_code == 302, f"{role} {method} {url}"
            assert response.url in (set_up, verify), f"{role} {method} {url}"


def test_a_member_whose_profile_is_missing_gets_no_error_anywhere(cast):
    """Every member has a profile (ADR 25), but a restore or hand-made row could leave one
    without: no page may fail for them."""
    member = cast[Role.MEMBER]
    urls = {name: url_of(name, cast) for name in TABLE}
    Profile.objects.filter(user=member).delete()
    client = client_as(member)
    for name, url in urls.items():
        for method in ("GET", "POST"):
            response = send(client, method, url)
            assert response.status_code < 500, f"{name}: {method} {url}"
