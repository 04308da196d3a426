"""A decline looks like no reply to everyone but the one who declined (ADR 27): in pages,
notices, e-mails, the data download and in when anything happens."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from convene.connections.models import Introduction
from convene.notifications import rendering
from convene.notifications.models import Notice
from tests import factories

pytestmark = pytest.mark.django_db

ASKED_AT = "2026-11-24 09:00"
LAPSE_DAYS = 21


@pytest.fixture
def leaders(db):
    asker = factories.make_member("asker@x.gov.uk", given="Asha", family="Patel")
    asked = factories.make_member("asked@x.gov.uk", given="Ben", family="Cole")
    return asker, asked


def run_daily(capture):
    with capture(execute=True):
        call_command("introductions_daily", verbosity=0)


def seen_by(client_for, leader, introduction) -> dict:
    """Everything ``leader`` can see of ``introduction``: its page, the list, their notices,
    their e-mails and their download (but for whom it is with: the two scenarios compared
    have different people of the same names)."""
    client = client_for(leader)
    page = client.get(f"/introductions/{introduction.pk}/").content.decode()
    listing = client.get("/introductions/").content.decode()
    download = json.loads(client.get("/account/your-data/download/").content)
    return {
        "status": page.split('data-testid="status">')[1].split("<")[0],
        "can_answer": "/decline/" in page,
        "listed": listing.count(f'href="/introductions/{introduction.pk}/"'),
        "notices": [
            rendering.text_of(n, leader) for n in Notice.objects.filter(user=leader).order_by("id")
        ],
        "mail": [(m.subject, m.body) for m in mail.outbox if m.to == [leader.email]],
        "download": [
            {key: value for key, value in i.items() if key != "with"}
            for i in download["introductions"]
        ],
        "activity": [event["what"] for event in download["activity"]],
    }


def scenario(client_for, clock, capture, settings, asker, asked, *, declined: bool):
    """Asker asks; the other declines on day 2 or never answers. What the asker sees on
    day 2 and after the request's time is up."""
    settings.INTRODUCTION_LAPSE_DAYS = LAPSE_DAYS
    clock.move_to(ASKED_AT)
    client_for(asker).post(f"/people/{asked.profile.pk}/introduce/", {"reason": "Discharges"})
    introduction = Introduction.objects.get(requester=asker, recipient=asked)
    mail.outbox.clear()
    clock.shift(timedelta(days=1))
    if declined:
        client_for(asked).post(f"/introductions/{introduction.pk}/decline/")
    run_daily(capture)
    during = seen_by(client_for, asker, introduction)
    again = client_for(asker).post(f"/people/{asked.profile.pk}/introduce/", {"reason": "Again"})
    during["asking_again"] = "You have already asked" in again.content.decode()
    clock.move_to(introduction.expires_at + timedelta(hours=1))
    run_daily(capture)
    run_daily(capture)  # told once
    after = seen_by(client_for, asker, introduction)
    return during, after


def test_the_asker_sees_a_decline_exactly_as_a_request_nobody_answered(
    client_for, clock, django_capture_on_commit_callbacks, settings, leaders
):
    asker, asked = leaders
    other_asker = factories.make_member("asker2@x.gov.uk", given="Asha", family="Patel")
    ignorer = factories.make_member("ignorer@x.gov.uk", given="Ben", family="Cole")
    capture = django_capture_on_commit_callbacks

    declined = scenario(client_for, clock, capture, settings, asker, asked, declined=True)
    lapsed = scenario(client_for, clock, capture, settings, other_asker, ignorer, declined=False)

    assert declined == lapsed
    during, after = declined
    assert during["status"] == "Waiting for a reply"
    assert during["mail"] == []
    assert during["notices"] == []
    assert during["asking_again"] is True
    assert after["status"] == "Closed"
    assert len(after["mail"]) == 1
    assert "has closed" in after["mail"][0][0]
    assert after["download"][0]["answered"] is None
    assert "declin" not in json.dumps(after).lower()


def test_the_one_who_declined_sees_it_and_is_never_told_it_closed(
    client_for, clock, django_capture_on_commit_callbacks, settings, leaders
):
    asker, asked = leaders
    scenario(
        client_for, clock, django_capture_on_commit_callbacks, settings, asker, asked,
        declined=True,
    )  # fmt: skip
    introduction = Introduction.objects.get(requester=asker)
    seen = seen_by(client_for, asked, introduction)
    assert seen["status"] == "Declined by you"
    assert seen["mail"] == []
    assert not seen["can_answer"]
    assert seen["download"][0]["status"] == "Declined by you"
    assert seen["download"][0]["answered"] is not None


@pytest.fixture
def brokered(client_for, facilitator, leaders, settings, clock):
    settings.INTRODUCTION_LAPSE_DAYS = LAPSE_DAYS
    clock.move_to(ASKED_AT)
    first, second = leaders
    client_for(facilitator).post(
        "/introductions/broker/",
        {
            "first_name": first.profile.family_name,
            "second_name": second.profile.family_name,
            "first": first.profile.pk,
            "second": second.profile.pk,
            "reason": "Both on discharges",
        },
    )
    mail.outbox.clear()
    return Introduction.objects.get()


def test_in_a_brokered_introduction_the_other_leader_cannot_tell_a_decline(
    client_for, clock, django_capture_on_commit_callbacks, leaders, brokered
):
    first, second = leaders
    client_for(first).post(f"/introductions/{brokered.pk}/decline/")
    run_daily(django_capture_on_commit_callbacks)

    waiting = seen_by(client_for, second, brokered)
    assert (waiting["status"], waiting["can_answer"]) == ("Waiting for your reply", True)
    assert waiting["mail"] == []
    accepted = client_for(second).post(f"/introductions/{brokered.pk}/accept/", follow=True)
    assert "Introduction accepted" in accepted.content.decode()
    assert seen_by(client_for, second, brokered)["status"] == "Waiting for a reply"
    assert Introduction.objects.get().status == "declined"  # not made

    clock.move_to(brokered.expires_at + timedelta(hours=1))
    run_daily(django_capture_on_commit_callbacks)
    closed = seen_by(client_for, second, brokered)
    assert closed["status"] == "Closed"
    assert [subject for subject, _ in closed["mail"]] == ["Your introduction request has closed"]
    decliner = seen_by(client_for, first, brokered)
    assert decliner["status"] == "Declined by you"
    assert decliner["mail"] == []


def test_the_audit_log_says_answered_for_both_answers_and_names_no_one_else(
    client_for, leaders, facilitator
):
    from convene.accounts.models import AuditEvent

    asker, asked = leaders
    client_for(asker).post(f"/people/{asked.profile.pk}/introduce/", {"reason": "Discharges"})
    introduction = Introduction.objects.get()
    client_for(asked).post(f"/introductions/{introduction.pk}/decline/")
    event = AuditEvent.objects.get(actor=asked)
    assert event.get_action_display() == "Introduction answered"
    assert event.subject_user is None
    assert event.detail == {"introduction": introduction.pk}
