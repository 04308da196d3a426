"""Nothing a person downloads, is notified, e-mailed or sent in a page fragment carries a
contact detail of another leader that their own view of that leader's profile hides.

One leader (the subject) fills every contact field, each shared with a different
audience. For every kind of viewer, what the subject's profile page shows them is the
reference: every value it leaves out must be absent from every other channel.
"""

import json

import pytest
from django.core import mail
from django.core.management import call_command

from convene.accounts.models import STAFF_ROLES, Role
from convene.accounts.services.audit import Origin
from convene.connections.models import Introduction
from convene.connections.services import introductions
from convene.directory.models import Visibility
from convene.programmes.models import Cohort
from tests import factories

pytestmark = pytest.mark.django_db

SUBJECT_CONTACT = {
    "work_email": ("jo.byrne@work.example", Visibility.MEMBERS),
    "phone": ("0113 496 0200", Visibility.COHORT),
    "pa_name": ("Priya Secretive", Visibility.STAFF),
    "pa_email": ("pa.private@work.example", Visibility.COHORT),
    "pa_phone": ("0113 496 0999", Visibility.STAFF),
    "linkedin_url": ("https://www.linkedin.com/in/jo-hidden", Visibility.COHORT),
    "social_links": ("https://mastodon.social/@jo_staff_only", Visibility.STAFF),
}
SIGN_IN_ADDRESS = "jo.signin@x.gov.uk"

VIEWERS = [
    "member",
    "cohort_member",
    "delegate_of_member",
    "delegate_of_cohort_member",
    "facilitator",
    "staff_admin",
]


@pytest.fixture
def subject(db):
    fields = {name: value for name, (value, _) in SUBJECT_CONTACT.items()}
    fields |= {f"{name}_visibility": level for name, (_, level) in SUBJECT_CONTACT.items()}
    return factories.make_member(
        SIGN_IN_ADDRESS, given="Jo", family="Byrne", working_on="Youth diversion", **fields
    )


@pytest.fixture
def viewers(subject, member, facilitator, staff_admin):
    cohort_member = factories.make_member("cohort@x.gov.uk", given="Cai", family="Hughes")
    cohort = Cohort.objects.create(name="Cohort 7")
    cohort.members.add(subject.profile, cohort_member.profile)
    return {
        "member": member,
        "cohort_member": cohort_member,
        "delegate_of_member": factories.delegate_for(member, "pa1@x.gov.uk"),
        "delegate_of_cohort_member": factories.delegate_for(cohort_member, "pa2@x.gov.uk"),
        "facilitator": facilitator,
        "staff_admin": staff_admin,
    }


def hidden_from(client, subject) -> list[str]:
    """The subject's contact values (and sign-in address) their profile page leaves out."""
    page = client.get(f"/people/{subject.profile.pk}/").content.decode()
    values = [value for value, _ in SUBJECT_CONTACT.values()] + [SIGN_IN_ADDRESS]
    return [value for value in values if value not in page]


def channels(client, user) -> dict[str, str]:
    """Every channel that can carry another leader's details to ``user``."""
    search = "/directory/?q=byrne"
    fragment = client.get(search, HTTP_HX_REQUEST="true")
    found = {
        "search page": client.get(search).content.decode(),
        "search fragment": fragment.content.decode(),
        "export": client.get("/directory/export/?q=byrne&format=csv").content.decode(),
        "home": client.get("/").content.decode(),
        "notices": client.get("/notices/").content.decode(),
        "download": json.dumps(
            json.loads(client.get("/account/your-data/download/").content), ensure_ascii=False
        ),
    }
    for number, message in enumerate(m for m in mail.outbox if user.email in m.to):
        html = "".join(content for content, _ in getattr(message, "alternatives", []))
        found[f"e-mail {number}: {message.subject}"] = message.body + html
    return found


def assert_nothing_hidden_in(client, user, hidden) -> list[str]:
    """The channels checked, after checking them."""
    found = channels(client, user)
    for channel, content in found.items():
        leaked = [value for value in hidden if value in content]
        assert not leaked, f"{channel} shows {leaked} that the profile page hides"
    return list(found)


@pytest.mark.parametrize("kind", VIEWERS)
def test_no_channel_shows_more_of_a_leader_than_their_profile_page(
    kind, subject, viewers, client_for, clock, django_capture_on_commit_callbacks
):
    user = viewers[kind]
    client = client_for(user)
    hidden = hidden_from(client, subject)
    if user.role not in STAFF_ROLES:
        assert SIGN_IN_ADDRESS in hidden
        assert "Priya Secretive" in hidden
    leader = user if user.role == Role.MEMBER else None
    with django_capture_on_commit_callbacks(execute=True):
        if leader is not None:  # the subject asks to meet them: notice and e-mail
            introductions.ask_for_introduction(
                leader, "Youth diversion", actor=subject, origin=Origin()
            )
        clock.move_to("2026-12-07 09:00")  # the Monday after: the weekly digest
        call_command("send_digests", verbosity=0)
    client = client_for(user)
    checked = assert_nothing_hidden_in(client, user, hidden)
    if leader is not None:
        assert any("would like to meet you" in channel for channel in checked)
        assert any("digest" in channel.lower() for channel in checked), checked

    if leader is None:
        return
    # Once introduced they see more: the profile page again sets what may be shown.
    with django_capture_on_commit_callbacks(execute=True):
        introductions.accept_introduction(
            Introduction.objects.get(recipient=leader), actor=leader, origin=Origin()
        )
    hidden = hidden_from(client, subject)
    assert "Priya Secretive" in hidden
    assert_nothing_hidden_in(client, user, hidden)


def confirm_a_set_with(subject, cohort_member, facilitator, capture):
    """The subject and the cohort member in one confirmed learning set of Cohort 7."""
    from convene.programmes.services import learning_sets

    cohort = Cohort.objects.get(name="Cohort 7")
    factories.join_cohort(
        cohort, *[factories.make_member(f"set{n}@x.gov.uk", "Set", f"Peer{n}") for n in range(4)]
    )
    learning_sets.propose_sets(cohort, actor=facilitator, origin=Origin())
    with capture(execute=True):
        learning_sets.confirm_sets(cohort, actor=facilitator, origin=Origin())


def learning_set_channels(client, user) -> dict[str, str]:
    """Where a confirmed set reaches a leader: its e-mail and notice, the home page and
    the "My cohort" page (a delegate reads the last, for the leader they act for)."""
    found = {
        "notices": client.get("/notices/").content.decode(),
        "home": client.get("/").content.decode(),
        "my cohort": client.get("/programmes/my-cohort/").content.decode(),
    }
    for message in mail.outbox:
        if user.email in message.to and "learning set" in message.subject:
            html = "".join(content for content, _ in message.alternatives)
            found["e-mail"] = message.body + html
    return found


@pytest.mark.parametrize("channel", ["e-mail", "notices", "home", "my cohort"])
@pytest.mark.parametrize("kind", ["cohort_member", "delegate_of_cohort_member"])
def test_a_confirmed_learning_set_shows_no_more_of_a_member_than_their_profile_page(
    channel, kind, subject, viewers, facilitator, client_for, django_capture_on_commit_callbacks
):
    user = viewers[kind]
    facilitator.full_name = "Priya Shah"
    facilitator.save(update_fields=["full_name"])
    client = client_for(user)
    hidden = hidden_from(client, subject)
    assert SIGN_IN_ADDRESS in hidden
    assert "Priya Secretive" in hidden
    mail.outbox.clear()
    confirm_a_set_with(
        subject, viewers["cohort_member"], facilitator, django_capture_on_commit_callbacks
    )

    found = learning_set_channels(client, user)
    # A delegate is told nothing (as with every notice), and has no home page of their own:
    # they read the set on the leader's "My cohort" page.
    if user.role == Role.DELEGATE and channel != "my cohort":
        assert "Jo Byrne" not in found.get(channel, "")
        return
    content = found[channel]
    assert "Jo Byrne" in content
    assert "Priya Shah" in content
    leaked = [value for value in hidden if value in content]
    assert not leaked, f"{channel} shows {leaked} that the profile page hides"
