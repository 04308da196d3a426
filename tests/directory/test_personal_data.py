"""Data rights: download what Convene holds about you; staff erase a member."""

import json

import pytest

from convene.accounts.models import AuditEvent, Delegation, Invitation, SignInLink, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.sign_in import request_sign_in_link
from convene.directory.models import PeopleImport, Profile, ProfileChange
from convene.directory.services import profiles
from convene.directory.services.personal_data import erase
from tests import factories
from tests.directory.imports.people_files import GOOD_ROWS, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def downloaded(client) -> dict:
    response = client.get("/account/your-data/download/")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="convene-your-data-')
    return json.loads(response.content)


def test_a_member_downloads_their_account_profile_history_delegates_and_sign_ins(
    client_for, member, delegate
):
    profiles.update_profile(
        member.profile, {"job_title": "Chief Executive Officer"}, actor=delegate, origin=Origin()
    )
    factories.enrol_totp(member)
    audit.record(AuditEvent.Action.SIGNED_IN, actor=member, origin=Origin("192.0.2.7", "Firefox"))

    held = downloaded(client_for(member))

    assert held["account"]["email"] == member.email
    assert held["profile"]["job_title"] == "Chief Executive Officer"
    assert held["profile"]["organisation"] == "Leeds City Council"
    assert held["profile"]["roles"] == [
        {
            "job_title": "Chief Executive Officer",
            "organisation": "Leeds City Council",
            "started_on": None,
            "ended_on": None,
        }
    ]
    assert held["profile"]["history"][0]["by"] == f"your delegate {delegate.email}"
    assert held["profile"]["history"][0]["changes"]["job_title"][1] == "Chief Executive Officer"
    assert held["delegates"][0]["delegate"] == delegate.email
    assert held["profile"]["photo_jpeg_base64"] is None
    sign_in = next(a for a in held["activity"] if a["what"] == "Signed in")
    assert (sign_in["ip_address"], sign_in["browser"]) == ("192.0.2.7", "Firefox")
    assert held["account"]["two_factor_set_up"] is True


def test_the_download_holds_the_member_s_other_social_media_and_who_may_see_it(client_for, member):
    changes = {"social_links": "https://x.com/amara", "social_links_visibility": "cohort"}
    profiles.update_profile(member.profile, changes, actor=member, origin=Origin())
    held = downloaded(client_for(member))["profile"]
    assert (held["social_links"], held["social_links_visibility"]) == (
        "https://x.com/amara",
        "cohort",
    )
    assert held["history"][0]["changes"]["social_links"] == ["", "https://x.com/amara"]


def test_the_download_holds_no_secret(client_for, member):
    device = factories.enrol_totp(member)
    factories.sign_in_token(member)
    text = client_for(member).get("/account/your-data/download/").content.decode()
    assert device.secret not in text
    assert SignInLink.objects.get(user=member).token_hash not in text


def test_a_delegate_downloads_their_own_data_not_their_leader_s_profile(client_for, delegate):
    held = downloaded(client_for(delegate))
    assert held["profile"] is None
    # As their account page names the leader: never by the leader's sign-in address.
    assert held["acting_for"][0]["leader"] == "Amara Okafor"


def test_every_download_is_recorded(client_for, member):
    client_for(member).get("/account/your-data/download/")
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.PERSONAL_DATA_DOWNLOADED, subject_user=member
    ).exists()


@pytest.fixture
def erased(client_for, staff_admin, member, delegate, other_member):
    """The member, with a history, a delegate, sign-ins and a pending upload, erased."""
    profiles.update_profile(
        member.profile, {"job_title": "Director"}, actor=member, origin=Origin()
    )
    profiles.update_profile(
        other_member.profile, {"job_title": "Director"}, actor=member, origin=Origin()
    )
    audit.record(AuditEvent.Action.SIGNED_IN, actor=member, origin=Origin("192.0.2.7", "Edge"))
    audit.record(
        AuditEvent.Action.DELEGATE_ADDED,
        actor=member,
        origin=Origin(),
        subject=member,
        delegate=delegate.email,
        leader="MEMBER@example.gov.uk",
    )
    Invitation.objects.create(email=member.email, token_hash="x", expires_at="2030-01-01T00:00Z")
    named = [[member.email, *GOOD_ROWS[0][1:]]]
    for content, kind in [(csv_bytes(named), "csv"), (xlsx_bytes(named), "xlsx")]:
        PeopleImport.objects.create(filename=f"f.{kind}", file_format=kind, content=content)
    unrelated = PeopleImport.objects.create(
        filename="g.csv", file_format="csv", content=csv_bytes(GOOD_ROWS)
    )
    response = client_for(staff_admin).post(
        f"/staff/users/{member.pk}/erase/", {"email": " Member@Example.gov.uk "}, follow=True
    )
    assert "The account and everything that named them were erased" in response.content.decode()
    return {"member": member, "unrelated": unrelated, "other": other_member}


def test_erasing_removes_the_member_their_profile_and_everything_naming_them(erased, delegate):
    member = erased["member"]
    assert not User.objects.filter(pk=member.pk).exists()
    assert not Profile.objects.filter(user_id=member.pk).exists()
    assert not Delegation.objects.filter(leader_id=member.pk).exists()
    assert not Invitation.objects.filter(email=member.email).exists()
    assert list(PeopleImport.objects.all()) == [erased["unrelated"]]
    # The delegate's own account is theirs, and stays.
    assert User.objects.filter(pk=delegate.pk).exists()


def test_erasing_keeps_the_audit_log_s_events_without_who_or_where(erased):
    email = erased["member"].email
    signed_in = AuditEvent.objects.get(action=AuditEvent.Action.SIGNED_IN)
    assert (signed_in.actor, signed_in.ip_address, signed_in.user_agent) == (None, None, "")
    added = AuditEvent.objects.get(action=AuditEvent.Action.DELEGATE_ADDED)
    assert added.subject_email == ""
    assert added.detail["leader"] == "[erased]"
    assert email not in json.dumps(list(AuditEvent.objects.values()), default=str).lower()
    record = AuditEvent.objects.get(action=AuditEvent.Action.MEMBER_ERASED)
    assert record.detail["account"] == erased["member"].pk
    assert record.subject_email == ""


def test_erasing_keeps_other_people_s_profiles_and_their_history(erased):
    change = ProfileChange.objects.get(profile=erased["other"].profile)
    assert change.actor is None
    assert change.changes["job_title"][1] == "Director"


def test_erasing_needs_the_address_typed_and_refuses_staff_and_oneself(
    client_for, staff_admin, member, facilitator
):
    client = client_for(staff_admin)
    wrong = client.post(f"/staff/users/{member.pk}/erase/", {"email": "someone@else.gov.uk"})
    assert "The e-mail address you typed is not theirs" in wrong.content.decode()
    staff = client.post(f"/staff/users/{facilitator.pk}/erase/", {"email": facilitator.email})
    assert "Only members and delegates can be erased" in staff.content.decode()
    itself = client.post(f"/staff/users/{staff_admin.pk}/erase/", {"email": staff_admin.email})
    assert "You cannot erase your own account" in itself.content.decode()
    assert User.objects.filter(pk__in=[member.pk, facilitator.pk, staff_admin.pk]).count() == 3


def test_erasing_a_member_who_took_part_in_the_network_removes_their_part(
    client_for, staff_admin, member, other_member
):
    from convene.connections.models import Edge, Introduction, Question
    from convene.connections.services import introductions, questions
    from convene.notifications.models import Notice

    introductions.accept_introduction(
        introductions.ask_for_introduction(
            other_member, actor=member, origin=Origin(), reason="Why"
        ),
        actor=other_member,
        origin=Origin(),
    )
    asked = questions.ask_question(actor=other_member, origin=Origin(), text="Help?")
    questions.reply_to_question(asked, actor=member, origin=Origin(), text="Here is what we did")
    questions.ask_question(actor=member, origin=Origin(), text="My own question")

    client_for(staff_admin).post(f"/staff/users/{member.pk}/erase/", {"email": member.email})

    assert not Introduction.objects.exists()
    assert not Edge.objects.exists()
    assert list(Question.objects.values_list("text", flat=True)) == ["Help?"]
    assert not asked.replies.exists()
    assert not Notice.objects.filter(user_id=member.pk).exists()


def test_the_download_holds_the_member_s_part_in_the_network(client_for, member, other_member):
    from convene.connections.services import introductions, questions

    introductions.ask_for_introduction(
        other_member, actor=member, origin=Origin(), reason="To compare notes"
    )
    questions.ask_question(
        actor=member, origin=Origin(), text="How do you recruit social workers?", anonymous=False
    )
    held = downloaded(client_for(member))
    assert held["introductions"][0]["reason"] == "To compare notes"
    assert held["questions"][0]["text"] == "How do you recruit social workers?"
    assert held["digest"] == "weekly"


def test_the_download_names_other_leaders_as_their_pages_do_never_by_sign_in_address(
    client_for, member, other_member
):
    from convene.connections.services import introductions

    introductions.ask_for_introduction(
        other_member, actor=member, origin=Origin(), reason="To compare notes"
    )
    asker = downloaded(client_for(member))
    asked = downloaded(client_for(other_member))

    assert asker["introductions"][0]["with"] == "Rhys Evans"
    assert asked["introductions"][0]["with"] == "Amara Okafor"
    assert other_member.email not in json.dumps(asker)
    assert member.email not in json.dumps(asked)
    assert (asker["introductions"][0]["status"], asker["introductions"][0]["answered"]) == (
        "Waiting for a reply",
        None,
    )


def test_the_download_holds_where_from_only_for_what_the_person_did_themselves(
    client_for, member, delegate, staff_admin
):
    from convene.accounts.services import two_factor

    audit.record(AuditEvent.Action.SIGNED_IN, actor=member, origin=Origin("192.0.2.7", "Mine"))
    factories.enrol_totp(member)
    two_factor.reset_two_factor(
        member, actor=staff_admin, origin=Origin("198.51.100.9", "StaffBrowser/1.0")
    )
    profiles.update_profile(
        member.profile, {"job_title": "Director"}, actor=delegate, origin=Origin()
    )
    audit.record(
        AuditEvent.Action.PEOPLE_EXPORTED,
        actor=delegate,
        origin=Origin("203.0.113.5", "DelegateBrowser/2.0"),
        subject=member,
    )

    member.refresh_from_db()  # the reset signed them out everywhere
    text = client_for(member).get("/account/your-data/download/").content.decode()
    held = json.loads(text)

    for theirs in ("198.51.100.9", "StaffBrowser", "203.0.113.5", "DelegateBrowser"):
        assert theirs not in text
    reset = next(a for a in held["activity"] if a["what"] == "Authenticator reset")
    assert reset["by"] == "Convene staff"
    exported = next(a for a in held["activity"] if a["what"] == "Directory exported")
    assert exported["by"] == f"your delegate {delegate.email}"
    mine = next(a for a in held["activity"] if a["what"] == "Signed in")
    assert (mine["by"], mine["ip_address"], mine["browser"]) == ("you", "192.0.2.7", "Mine")


# One canonical address (ADR 20)

LOOK_ALIKES_OF_THE_MEMBER = [
    "\uff4dember@example.gov.uk",  # fullwidth m
    "member@example.go\uff56.uk",  # fullwidth v
    " MEMBER@EXAMPLE.GOV.UK ",
]


def test_erasing_finds_the_audit_rows_under_every_look_alike(staff_admin, member):
    for n, spelling in enumerate(LOOK_ALIKES_OF_THE_MEMBER):
        request_sign_in_link(spelling, origin=Origin(f"192.0.2.{n}", "Firefox"))
        audit.record(
            AuditEvent.Action.DELEGATE_ADDED,
            actor=None,
            origin=Origin(),
            subject=member,
            leader=spelling,
        )

    erase(member, actor=staff_admin, origin=Origin())

    requested = AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_REQUESTED)
    assert requested.count() == 3
    assert set(requested.values_list("subject_email", "ip_address", "user_agent")) == {
        ("", None, "")
    }
    added = AuditEvent.objects.filter(action=AuditEvent.Action.DELEGATE_ADDED)
    assert [event.detail["leader"] for event in added] == ["[erased]"] * 3


def test_erasing_removes_invitations_and_uploads_under_a_look_alike(staff_admin, member):
    Invitation.objects.create(email=member.email, token_hash="y", expires_at="2030-01-01T00:00Z")
    named = [[LOOK_ALIKES_OF_THE_MEMBER[0], *GOOD_ROWS[0][1:]]]
    PeopleImport.objects.create(filename="f.csv", file_format="csv", content=csv_bytes(named))

    erase(member, actor=staff_admin, origin=Origin())

    assert not Invitation.objects.exists()
    assert not PeopleImport.objects.exists()
