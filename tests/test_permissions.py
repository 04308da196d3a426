"""The permission table: every URL Convene serves, against every role.

A URL with no row here, or a view with no declared guard, fails the suite: new
URLs must say who may use them. Statuses are what a GET (or, for actions, a POST)
gets: a number, SIGN_IN (redirect to the sign-in page) or ("redirect", path).
"""

import os
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from convene.accounts.models import Role
from convene.accounts.services.audit import Origin
from convene.core.access import rule_of
from tests import factories
from tests.conftest import CommittingClient
from tests.factories import sign_in

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *Role.values]
SIGNED_IN_ROLES = Role.values
SIGN_IN = "sign-in"


def public(status=200):
    return dict.fromkeys(ROLES, status)


def signed_in(status=200, **by_role):
    return {ANONYMOUS: SIGN_IN, **dict.fromkeys(SIGNED_IN_ROLES, status), **by_role}


def only(*roles, status=200, others=403):
    return {
        ANONYMOUS: SIGN_IN,
        **{role: (status if role in roles else others) for role in SIGNED_IN_ROLES},
    }


# url name: (method, kwargs maker, expected status by role)
TABLE = {
    "home:home": (
        "GET",
        None,
        signed_in(200, delegate=("redirect", "/directory/")),
    ),
    "core:accessibility": ("GET", None, public()),
    "core:privacy": ("GET", None, public()),
    "core:cookies": ("GET", None, public()),
    "accounts:sign_in": ("GET", None, public()),
    "accounts:check_email": ("GET", None, public(("redirect", "/sign-in/"))),
    "accounts:sign_in_link": (
        "GET",
        lambda cast: {"token": factories.sign_in_token(cast["member"])},
        public(),
    ),
    "accounts:invitation": ("GET", lambda cast: {"token": factories.invitation_token()}, public()),
    "accounts:sign_out": ("POST", None, signed_in(("redirect", "/signed-out/"))),
    "accounts:signed_out": ("GET", None, public()),
    "accounts:sign_out_everywhere": (
        "POST",
        None,
        signed_in(("redirect", "/signed-out/?reason=everywhere")),
    ),
    "accounts:keep_alive": ("POST", None, signed_in(("redirect", "/"))),
    "accounts:account": ("GET", None, signed_in()),
    "directory:search": ("GET", None, only("member", "delegate", "facilitator", "staff_admin")),
    "directory:export_people": (
        "GET",
        None,
        only("member", "delegate", "facilitator", "staff_admin"),
    ),
    "directory:profile": (
        "GET",
        lambda cast: {"profile_id": cast["member"].profile.pk},
        only("member", "delegate", "facilitator", "staff_admin"),
    ),
    # The member's own profile: they, their delegate and staff admins may edit it.
    "directory:edit_profile": (
        "GET",
        lambda cast: {"profile_id": cast["member"].profile.pk},
        only("member", "delegate", "staff_admin"),
    ),
    "directory:new_role": (
        "GET",
        lambda cast: {"profile_id": cast["member"].profile.pk},
        only("member", "delegate", "staff_admin"),
    ),
    "directory:photo": (
        "GET",
        lambda cast: {"profile_id": with_photo(cast["member"]).pk},
        only("member", "delegate", "facilitator", "staff_admin"),
    ),
    "directory:edit_photo": (
        "GET",
        lambda cast: {"profile_id": cast["member"].profile.pk},
        only("member", "delegate", "staff_admin"),
    ),
    "directory:profile_history": (
        "GET",
        lambda cast: {"profile_id": cast["member"].profile.pk},
        only("member", "delegate", "staff_admin"),
    ),
    "directory:your_data": ("GET", None, signed_in()),
    "directory:download_your_data": ("GET", None, signed_in()),
    "directory:erase_member": (
        "GET",
        lambda cast: {"user_id": cast["member"].pk},
        only("staff_admin"),
    ),
    "directory:lists": ("GET", None, only("staff_admin")),
    "directory:list_entries": ("GET", lambda cast: {"kind": "job-titles"}, only("staff_admin")),
    "directory:edit_list_entry": (
        "GET",
        lambda cast: {"kind": "sectors", "entry_id": 1},
        only("staff_admin"),
    ),
    "directory:import_people": ("GET", None, only("staff_admin")),
    "directory:import_template": ("GET", None, only("staff_admin")),
    "directory:people_import": (
        "GET",
        lambda cast: {"import_id": checked_import().pk},
        only("staff_admin"),
    ),
    # Posted with no organisation chosen: back to the import, which says so.
    "directory:confirm_organisations": (
        "POST",
        lambda cast: {"import_id": checked_import().pk},
        only("staff_admin", status=("redirect", "/staff/people/import/{import_id}/")),
    ),
    "directory:run_people_import": (
        "POST",
        lambda cast: {"import_id": checked_import().pk},
        only("staff_admin", status=("redirect", "/staff/people/import/{import_id}/")),
    ),
    "connections:introductions": ("GET", None, only("member")),
    "connections:broker": ("GET", None, only("facilitator")),
    "connections:ask": (
        "GET",
        lambda cast: {"profile_id": leader("x@y.gov.uk", "X", "Y").profile.pk},
        only("member"),
    ),
    # A request to the member. Other members get "not found" (tests/connections).
    "connections:introduction": (
        "GET",
        lambda cast: {"introduction_id": introduction_for(cast["member"]).pk},
        only("member"),
    ),
    "connections:accept": (
        "POST",
        lambda cast: {"introduction_id": introduction_for(cast["member"]).pk},
        only("member", status=("redirect", "/introductions/{introduction_id}/")),
    ),
    "connections:decline": (
        "POST",
        lambda cast: {"introduction_id": introduction_for(cast["member"]).pk},
        only("member", status=("redirect", "/introductions/{introduction_id}/")),
    ),
    # The signed link in a "did you meet?" e-mail is the permission; a bad one is refused.
    "connections:met": ("GET", lambda cast: {"token": "not-a-real-token"}, public(400)),
    "connections:hide_suggestion": (
        "POST",
        lambda cast: {"profile_id": leader("z@y.gov.uk", "Z", "Y").profile.pk},
        only("member", status=("redirect", "/?hidden={profile_id}")),
    ),
    "connections:restore_suggestion": (
        "POST",
        lambda cast: {"profile_id": hidden_from(cast["member"]).pk},
        only("member", status=("redirect", "/")),
    ),
    "connections:questions": ("GET", None, only("member", "facilitator", "staff_admin")),
    "connections:new_question": ("GET", None, only("member")),
    "connections:question": (
        "GET",
        lambda cast: {"question_id": question_by(cast["member"]).pk},
        only("member", "facilitator", "staff_admin"),
    ),
    # Posted empty: back to the question, which says what is missing.
    **{
        f"connections:{name}": (
            "POST",
            lambda cast: {"question_id": question_by(cast["member"]).pk},
            only(*roles, status=("redirect", "/ask/{question_id}/")),
        )
        for name, roles in [
            ("reply", ["member"]),
            ("faced_too", ["member"]),
            ("take_back_faced_too", ["member"]),
            ("report", ["member"]),
            ("hide_question", ["facilitator", "staff_admin"]),
            ("restore_question", ["facilitator", "staff_admin"]),
        ]
    },
    "connections:moderation": ("GET", None, only("facilitator", "staff_admin")),
    "programmes:cohorts": ("GET", None, only("facilitator", "staff_admin")),
    "programmes:learning_sets": (
        "GET",
        lambda cast: {"cohort_id": cohort_of(cast["member"]).pk},
        only("facilitator", "staff_admin"),
    ),
    # Posted to a cohort too small for sets, or with nothing chosen: back, with the reason.
    **{
        f"programmes:{name}": (
            "POST",
            lambda cast: {"cohort_id": cohort_of(cast["member"]).pk},
            only(
                "facilitator",
                "staff_admin",
                status=("redirect", "/programmes/cohorts/{cohort_id}/learning-sets/"),
            ),
        )
        for name in ("propose_sets", "move", "swap", "confirm_sets", "reopen_sets")
    },
    "programmes:download_sets": (
        "GET",
        lambda cast: {"cohort_id": cohort_of(cast["member"]).pk},
        only("facilitator", "staff_admin"),
    ),
    # The cohorts of the leaders one looks after, and their confirmed sets.
    "programmes:my_cohort": ("GET", None, only("member", "delegate")),
    "notifications:notices": ("GET", None, signed_in()),
    # Posted with nothing chosen: every new notice of one's own is marked read.
    "notifications:mark_read": ("POST", None, signed_in(("redirect", "/notices/"))),
    "notifications:digest": ("GET", None, only("member")),
    # The signed link in a digest is the permission; a bad one is refused.
    "notifications:unsubscribe": ("GET", lambda cast: {"token": "not-a-token"}, public(400)),
    "accounts:delegates": ("GET", None, only("member")),
    "accounts:remove_delegate": (
        "POST",
        lambda cast: {"delegation_id": cast["member"].delegations.get().pk},
        only("member", status=("redirect", "/account/delegates/")),
    ),
    # An offer from another leader to the cast's delegate: only they may answer it
    # (another delegate gets "not found", tests/accounts/test_delegates.py).
    "accounts:delegate_offers": ("GET", None, only("delegate")),
    **{
        f"accounts:{name}": (
            "POST",
            lambda cast: {"offer_id": offer_to_delegate(cast).pk},
            only("delegate", status=("redirect", "/account/delegate-offers/")),
        )
        for name in ("accept_delegate_offer", "decline_delegate_offer")
    },
    "accounts:staff_invitations": ("GET", None, only("staff_admin")),
    "accounts:staff_invite_list": ("GET", None, only("staff_admin")),
    "accounts:staff_revoke_invitation": (
        "POST",
        lambda cast: {"invitation_id": open_invitation().pk},
        only("staff_admin", status=("redirect", "/staff/invitations/")),
    ),
    "accounts:staff_users": ("GET", None, only("staff_admin")),
    "accounts:staff_user": (
        "GET",
        lambda cast: {"user_id": cast["member"].pk},
        only("staff_admin"),
    ),
    # Posted with no role chosen: the form comes back with its error.
    "accounts:staff_change_role": (
        "POST",
        lambda cast: {"user_id": cast["member"].pk},
        only("staff_admin"),
    ),
    "accounts:staff_deactivate_user": (
        "POST",
        lambda cast: {"user_id": cast["member"].pk},
        only("staff_admin", status=("redirect", "/staff/users/{member}/")),
    ),
    # The member is active already: the page says so.
    "accounts:staff_reactivate_user": (
        "POST",
        lambda cast: {"user_id": cast["member"].pk},
        only("staff_admin"),
    ),
    "accounts:staff_audit": ("GET", None, only("staff_admin")),
    "accounts:two_factor_setup": ("GET", None, signed_in()),
    # The codes are shown once, straight after set-up; otherwise back to the account page.
    "accounts:two_factor_recovery_codes": ("GET", None, signed_in(("redirect", "/account/"))),
    # Rows are signed in with two-factor done, so these send them on to the home page.
    "accounts:two_factor_verify": ("GET", None, signed_in(("redirect", "/"))),
    "accounts:two_factor_recovery": ("GET", None, signed_in(("redirect", "/"))),
    "accounts:staff_reset_two_factor": (
        "POST",
        lambda cast: {"user_id": cast["member"].pk},
        only("staff_admin", status=("redirect", "/staff/users/{member}/")),
    ),
}


def leader(email: str, given: str, family: str):
    """The member with this address, made if new: rows may be built more than once in a
    test (tests/test_permissions_attacks.py walks them all)."""
    from convene.accounts.models import User

    return User.objects.filter(email=email).first() or factories.make_member(email, given, family)


def hidden_from(member):
    """A leader the member hid from their suggestions (hidden once, however often asked)."""
    from convene.connections.services import hidden_suggestions

    hidden = leader("hidden@y.gov.uk", "Hidden", "Leader").profile
    hidden_suggestions.hide_suggestion(hidden, actor=member, origin=Origin())
    return hidden


def open_invitation():
    from convene.accounts.models import Invitation

    factories.invitation_token()
    return Invitation.objects.latest("pk")


def offer_to_delegate(cast):
    """An open invitation from another leader to the cast's delegate; the same one if this
    row is built again in a test."""
    from convene.accounts.models import User
    from convene.accounts.services import delegate_offers
    from convene.accounts.services.audit import Origin

    email = "offering@x.gov.uk"
    offering = User.objects.filter(email=email).first() or factories.make_member(
        email, "Offering", "Leader"
    )
    waiting = delegate_offers.open_offers_to(cast["delegate"]).filter(delegate_for=offering)
    return waiting.first() or delegate_offers.offer_delegate(
        offering, cast["delegate"].email, actor=offering, origin=Origin()
    )


def with_photo(user):
    from convene.directory.models import ProfilePhoto

    ProfilePhoto.objects.create(profile=user.profile, jpeg=b"\xff\xd8", width=1, height=1)
    return user.profile


def introduction_for(recipient):
    """A request to ``recipient`` from another leader."""
    from convene.connections.services import introductions

    asker = leader("asker@x.gov.uk", "Asker", "Leader")
    waiting = introductions.open_requests(asker).filter(recipient=recipient).first()
    return waiting or introductions.ask_for_introduction(
        recipient, actor=asker, origin=Origin(), reason="To compare notes"
    )


def question_by(author):
    from convene.connections.services import questions

    return questions.ask_question(
        actor=author, origin=Origin(), text="How do you keep teenagers out of court?"
    )


def cohort_of(member):
    from convene.programmes.models import Cohort

    cohort, _ = Cohort.objects.get_or_create(name="Permissions cohort")
    factories.join_cohort(cohort, member)
    return cohort


def checked_import():
    """A file checked and found to have a problem, so that posting to it imports nothing."""
    from convene.directory.models import PeopleImport

    return PeopleImport.objects.create(
        filename="people.csv",
        file_format="csv",
        status=PeopleImport.Status.CHECKED,
        report={"counts": {}, "problems": [[2, "E-mail", "is blank"]], "can_import": False},
    )


def served_urls(resolver=None, namespace="", prefix="/"):
    """(namespaced name, view, route) for every URL pattern Convene serves."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from served_urls(pattern, inner, route)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", pattern.callback, route


def test_every_url_has_a_row_in_the_table():
    served = {name for name, _, _ in served_urls()}
    assert served - set(TABLE) == set(), "URLs with no permission rule in the table"
    assert set(TABLE) - served == set(), "rows for URLs Convene no longer serves"


@pytest.mark.parametrize("name", [name for name, _, _ in served_urls()])
def test_every_view_declares_who_may_use_it(name):
    view = next(view for served, view, _ in served_urls() if served == name)
    assert rule_of(view) is not None, f"{name} has no @public/@signed_in/@roles_required guard"


CASES = [(name, role) for name in TABLE for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_permission_table(name, role, cast):
    method, kwargs_for, expected_by_role = TABLE[name]
    kwargs = kwargs_for(cast) if kwargs_for else {}
    url = reverse(name, kwargs=kwargs)
    client = CommittingClient()
    if role != ANONYMOUS:
        sign_in(client, cast[role])
    response = client.post(url) if method == "POST" else client.get(url)
    expected = expected_by_role[role]
    if expected == SIGN_IN:
        assert response.status_code == 302, f"{role} {method} {url}"
        assert response.url.startswith("/sign-in/"), f"{role} {method} {url}"
    elif isinstance(expected, tuple):
        path = expected[1].format(member=cast["member"].pk, **kwargs)
        assert (response.status_code, response.url) == (302, path), f"{role} {url}"
    else:
        assert response.status_code == expected, f"{role} {method} {url}"


def describe(expected) -> str:
    if expected == SIGN_IN:
        return "sign in"
    if isinstance(expected, tuple):
        return f"→ {expected[1]}"
    return {200: "✓", 403: "403", 404: "404", 405: "405"}.get(expected, str(expected))


def permissions_markdown() -> str:
    header = "| URL | method | " + " | ".join(ROLES) + " |"
    lines = [
        "# Permissions",
        "",
        "Generated from `tests/test_permissions.py` by `make docs`; the suite fails if it",
        "differs. ✓ the page is served; *sign in* redirects to the sign-in page; 403 is",
        "refused; 404 is a clear 'not found' page (links and ids that do not exist); → is",
        "a redirect. Staff roles are shown after two-factor sign-in: before it, every page",
        "but public ones and two-factor set-up sends them to set up or verify.",
        "",
        header,
        "|" + "---|" * (len(ROLES) + 2),
    ]
    routes = {name: route for name, _, route in served_urls()}
    for name, (method, _, expected_by_role) in TABLE.items():
        pattern = re.sub(r"<\w+:", "<", routes[name])
        cells = " | ".join(describe(expected_by_role[role]) for role in ROLES)
        lines.append(f"| `{pattern}` | {method} | {cells} |")
    return "\n".join(lines) + "\n"


def test_the_permissions_doc_matches_the_table():
    doc = Path(__file__).resolve().parent.parent / "docs" / "permissions.md"
    expected = permissions_markdown()
    if os.environ.get("UPDATE_PERMISSIONS_DOC"):
        doc.write_text(expected)
    assert doc.read_text() == expected, "run `make docs` to regenerate docs/permissions.md"
