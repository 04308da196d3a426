"""Weeks after an introduction, both are asked "did you meet?"; each answer is recorded."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from convene.accounts.models import AuditEvent
from convene.accounts.services.audit import Origin
from convene.connections.models import Edge, Introduction
from convene.connections.services import introductions

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(member, other_member, clock):
    clock.move_to("2026-11-24 09:00")
    introduction = introductions.ask_for_introduction(
        other_member, actor=member, origin=Origin(), reason="Youth diversion"
    )
    return introductions.accept_introduction(introduction, actor=other_member, origin=Origin())


def daily(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("introductions_daily", verbosity=0)


def links_for(address: str) -> dict[str, str]:
    message = next(m for m in mail.outbox if m.to == [address])
    yes, no = re.findall(r"http://\S+/introductions/met/\S+/", message.body)
    return {"yes": yes.split("testserver", 1)[-1], "no": no.split("testserver", 1)[-1]}


def test_both_are_asked_once_after_the_named_delay(
    accepted, member, other_member, clock, settings, django_capture_on_commit_callbacks
):
    settings.INTRODUCTION_FOLLOW_UP_DAYS = 21
    mail.outbox.clear()
    clock.move_to("2026-12-14 09:00")
    daily(django_capture_on_commit_callbacks)
    assert mail.outbox == []  # 20 days: not yet

    clock.move_to("2026-12-15 10:00")
    daily(django_capture_on_commit_callbacks)
    daily(django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, other_member.email])
    assert "Did you meet" in mail.outbox[0].subject


@pytest.fixture
def asked(accepted, clock, settings, django_capture_on_commit_callbacks):
    """Both leaders asked, a month on, with links to this test server."""
    settings.SITE_URL = "http://testserver"
    mail.outbox.clear()
    clock.move_to("2026-12-20 10:00")
    daily(django_capture_on_commit_callbacks)
    return accepted


def test_an_answer_is_shown_then_confirmed_and_a_yes_joins_the_graph(asked, member, client):
    yes = links_for(member.email)["yes"]

    opened = client.get(yes)  # what a mail scanner would do: nothing is recorded
    assert "Your answer: <strong>Yes, we met</strong>" in opened.content.decode()
    assert Introduction.objects.get().requester_met is None

    confirmed = client.post(yes)
    assert 'data-testid="recorded"' in confirmed.content.decode()
    assert Introduction.objects.get().requester_met is True
    assert Edge.objects.filter(kind="met").count() == 1
    # Recorded as the leader's act, naming neither the other leader nor the answer.
    answered = AuditEvent.objects.get(action="introduction.met_answered")
    assert (answered.actor, answered.subject_user) == (member, None)
    assert answered.detail == {"introduction": Introduction.objects.get().pk}


def test_a_no_is_recorded_without_an_edge_and_a_tampered_link_is_refused(
    asked, other_member, client
):
    no = links_for(other_member.email)["no"]

    client.post(no)
    assert Introduction.objects.get().recipient_met is False
    assert not Edge.objects.filter(kind="met").exists()
    tampered = client.get(no[:-5] + "xxxx/")
    assert tampered.status_code == 400
    assert "not complete" in tampered.content.decode()


def test_a_link_expires(asked, member, client, clock):
    yes = links_for(member.email)["yes"]
    clock.move_to("2027-03-01 10:00")
    assert "expired" in client.get(yes).content.decode()
