"""In-app notices, and the digest e-mail: chosen, sent once per period, unsubscribed."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from convene.accounts.models import AuditEvent
from convene.accounts.services.audit import Origin
from convene.connections.services import introductions
from convene.notifications.models import DigestChoice
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_introduction_leaves_a_notice_counted_until_marked_read(
    client_for, member, other_member
):
    introductions.ask_for_introduction(
        other_member, actor=member, origin=Origin(), reason="Youth diversion"
    )
    client = client_for(other_member)
    home = client.get("/directory/").content.decode()
    assert "Notices (1 new)" in home
    page = client.get("/notices/").content.decode()
    assert "Amara Okafor would like to meet you" in page
    assert "Notices (1 new)" in client.get("/directory/").content.decode()  # seen, not read
    client.post("/notices/read/")
    assert "Notices (1 new)" not in client.get("/directory/").content.decode()


def run_digests(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", verbosity=0)


def test_the_weekly_digest_goes_on_mondays_once_with_what_is_new(
    member, other_member, clock, django_capture_on_commit_callbacks
):
    clock.move_to("2026-11-26 09:00")  # a Thursday
    introductions.ask_for_introduction(
        member, actor=other_member, origin=Origin(), reason="Youth diversion"
    )
    factories.make_member("new@x.gov.uk", given="Nia", family="Newcomer")
    run_digests(django_capture_on_commit_callbacks)
    assert mail.outbox == []  # weekly digests wait for Monday

    clock.move_to("2026-11-30 07:00")  # Monday
    run_digests(django_capture_on_commit_callbacks)
    run_digests(django_capture_on_commit_callbacks)

    to_member = [m for m in mail.outbox if m.to == [member.email]]
    assert len(to_member) == 1  # a run repeated sends nothing more
    body = to_member[0].body
    assert "would like to meet you" in body
    assert "Nia Newcomer" in body
    assert to_member[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_daily_digest_or_none_as_chosen(
    client_for, member, other_member, clock, django_capture_on_commit_callbacks
):
    client_for(member).post("/account/digest/", {"frequency": "daily"})
    client_for(other_member).post("/account/digest/", {"frequency": "off"})
    clock.move_to("2026-11-26 09:00")
    factories.make_member("new@x.gov.uk", given="Nia", family="Newcomer")
    run_digests(django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[member.email]]
    chosen = AuditEvent.objects.filter(action="digest.chosen").order_by("id")
    assert [(event.actor, event.detail) for event in chosen] == [
        (member, {"frequency": "daily"}),
        (other_member, {"frequency": "off"}),
    ]


def test_nothing_new_means_no_digest(member, clock, django_capture_on_commit_callbacks):
    clock.move_to("2027-01-04 07:00")  # a Monday, long after anyone joined
    run_digests(django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_unsubscribing_takes_one_button_or_the_mail_client_s_one_click_post(
    client, member, other_member, clock, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://testserver"
    clock.move_to("2026-11-30 07:00")
    factories.make_member("new@x.gov.uk", given="Nia", family="Newcomer")
    run_digests(django_capture_on_commit_callbacks)
    message = next(m for m in mail.outbox if m.to == [member.email])
    link = re.search(r"Unsubscribe: http://testserver(\S+)", message.body).group(1)

    assert "Unsubscribe from the digest?" in client.get(link).content.decode()
    assert not DigestChoice.objects.filter(user=member).exists()  # opening is not enough
    mail_client = Client(enforce_csrf_checks=True)  # a mail client's POST has no CSRF token
    assert 'data-testid="unsubscribed"' in mail_client.post(link).content.decode()
    assert DigestChoice.objects.get(user=member).frequency == "off"
    assert AuditEvent.objects.get(action="digest.chosen").actor == member  # the link's
    assert client.get(link[:-4] + "xyz/").status_code == 400


def test_the_digest_lists_new_questions_the_member_could_help_with(
    member, other_member, clock, django_capture_on_commit_callbacks
):
    from convene.connections.services import questions
    from convene.directory.services import profiles

    profiles.update_profile(
        member.profile,
        {"can_help_with": "Diversion schemes for teenagers"},
        actor=member,
        origin=Origin(),
    )
    clock.move_to("2026-11-26 09:00")
    questions.ask_question(
        actor=other_member, origin=Origin(), text="Who runs diversion schemes for teenagers?"
    )
    questions.ask_question(
        actor=other_member, origin=Origin(), text="Any advice on fleet electrification?"
    )
    clock.move_to("2026-11-30 07:00")
    run_digests(django_capture_on_commit_callbacks)
    body = next(m for m in mail.outbox if m.to == [member.email]).body
    assert "Who runs diversion schemes for teenagers?" in body
    assert "fleet electrification" not in body
