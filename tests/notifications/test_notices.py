"""Notices name people by reference and are rendered when shown, so a rename or an
erasure reaches every notice; the page shows them without marking them read, and a
"Mark all as read" button (a POST) does."""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from convene.accounts.services.audit import Origin
from convene.connections.models import Introduction
from convene.connections.services import introductions, questions
from convene.directory.services import personal_data, profiles
from convene.notifications import notices
from convene.notifications.models import Notice
from tests import factories
from tests.conftest import CommittingClient

pytestmark = pytest.mark.django_db


# The introduction services, called from here only, so that a change of their names or
# keywords is one edit in this file.
def ask(asker, recipient, reason="Youth diversion"):
    return introductions.ask_for_introduction(recipient, reason, actor=asker, origin=Origin())


def accept(introduction, leader):
    return introductions.accept_introduction(introduction, actor=leader, origin=Origin())


def broker(first, second, facilitator):
    return introductions.broker_introduction(
        first, second, "You both run diversion panels", actor=facilitator, origin=Origin()
    )


def close_unanswered(introduction) -> None:
    """Closed with no reply, as the daily job closes a request when it lapses."""
    Introduction.objects.filter(pk=introduction.pk).update(expires_at=timezone.now())
    introductions.close_expired_introductions(origin=Origin())


def notices_page(client) -> str:
    return client.get("/notices/").content.decode()


def erase(user, staff_admin) -> None:
    personal_data.erase(user, actor=staff_admin, origin=Origin())


# Viewing and marking read


def test_the_page_shows_notices_without_marking_them_read(client_for, member, other_member):
    ask(member, other_member, "Youth diversion")
    client = client_for(other_member)

    assert "Amara Okafor would like to meet you" in notices_page(client)
    assert Notice.objects.get().read_at is None
    assert "Notices (1 new)" in client.get("/directory/").content.decode()


def test_mark_all_as_read_is_a_button_that_clears_the_count(client_for, member, other_member):
    ask(member, other_member, "Youth diversion")
    client = client_for(other_member)
    page = notices_page(client)
    assert "Mark all as read" in page
    assert 'action="/notices/read/"' in page

    response = client.post("/notices/read/", {"up_to": Notice.objects.get().pk})

    assert (response.status_code, response.url) == (302, "/notices/")
    assert Notice.objects.get().read_at is not None
    assert "Notices (1 new)" not in client.get("/directory/").content.decode()
    assert "Mark all as read" not in notices_page(client)  # nothing left to mark


def test_a_notice_that_arrives_after_the_page_was_shown_stays_new(client_for, member, other_member):
    ask(member, other_member, "Youth diversion")
    shown = Notice.objects.get()
    later = factories.make_member("later@x.gov.uk", "Lena", "Later")
    newer = ask(later, other_member, "Fleet electrification")

    client_for(other_member).post("/notices/read/", {"up_to": shown.pk})

    still_new = Notice.objects.get(read_at__isnull=True)
    assert (still_new.pk > shown.pk, still_new.introduction_id) == (True, newer.pk)


def test_marking_read_leaves_other_people_s_notices_new(client_for, member, other_member):
    ask(member, other_member, "Youth diversion")
    ask(other_member, member, "Rural crime")

    client_for(member).post("/notices/read/")

    assert Notice.objects.get(user=member).read_at is not None
    assert Notice.objects.get(user=other_member).read_at is None


def test_marking_read_needs_the_page_s_csrf_token(member, other_member):
    ask(member, other_member, "Youth diversion")
    client = factories.sign_in(CommittingClient(enforce_csrf_checks=True), other_member)

    assert client.post("/notices/read/").status_code == 403
    assert Notice.objects.get().read_at is None


def test_a_bad_mark_up_to_is_refused_naming_it_and_changes_nothing(
    client_for, member, other_member
):
    ask(member, other_member, "Youth diversion")

    response = client_for(other_member).post("/notices/read/", {"up_to": "latest"})

    assert response.status_code == 400
    assert "Reload the page, then mark the notices as read" in response.content.decode()
    assert Notice.objects.get().read_at is None


def test_marking_read_is_refused_on_a_get(client_for, member):
    assert client_for(member).get("/notices/read/").status_code == 405


# Names rendered when shown


def test_a_renamed_leader_is_shown_by_their_new_name(client_for, member, other_member):
    ask(member, other_member, "Youth diversion")
    profiles.update_profile(member.profile, {"given_name": "Ama"}, actor=member, origin=Origin())

    page = notices_page(client_for(other_member))

    assert "Ama Okafor would like to meet you" in page
    assert "Amara" not in page


def test_an_erased_leader_is_not_named_in_other_people_s_notices(
    client_for, member, other_member, staff_admin
):
    introduction = ask(other_member, member, "Youth diversion")
    accept(introduction, member)
    asked = questions.ask_question(
        actor=member, origin=Origin(), text="How do you keep teenagers out of court?"
    )
    questions.reply_to_question(
        asked, actor=other_member, origin=Origin(), text="Our diversion panel"
    )

    erase(other_member, staff_admin)
    page = notices_page(client_for(member))

    assert "Rhys" not in page
    assert "Evans" not in page
    assert "A leader who has left Convene would like to meet you" in page
    assert "You and a leader who has left Convene are introduced" in page
    assert "A leader who has left Convene replied to your question" in page
    # What they were about is gone with them: the links lead to the lists instead.
    assert 'href="/introductions/"' in page
    assert f'href="/ask/{asked.pk}/"' in page


def test_an_erased_leader_is_not_named_in_the_digest(
    member, other_member, staff_admin, clock, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://testserver"
    clock.move_to("2026-11-26 09:00")  # a Thursday
    asked = questions.ask_question(
        actor=member, origin=Origin(), text="How do you keep teenagers out of court?"
    )
    questions.reply_to_question(
        asked, actor=other_member, origin=Origin(), text="Our diversion panel"
    )
    close_unanswered(ask(member, other_member, "Rural crime"))
    erase(other_member, staff_admin)

    clock.move_to("2026-11-30 07:00")  # Monday
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", verbosity=0)

    message = next(m for m in mail.outbox if m.to == [member.email])
    for part in (message.body, message.alternatives[0][0]):
        assert "Rhys" not in part
        assert "Evans" not in part
        assert "A leader who has left Convene replied to your question" in part
        assert "Your introduction to a leader who has left Convene has closed" in part
    assert f"http://testserver/ask/{asked.pk}/" in message.body


def test_the_digest_names_leaders_as_they_are_called_now(
    member, other_member, clock, django_capture_on_commit_callbacks
):
    clock.move_to("2026-11-26 09:00")
    asked = questions.ask_question(
        actor=member, origin=Origin(), text="How do you keep teenagers out of court?"
    )
    questions.reply_to_question(
        asked, actor=other_member, origin=Origin(), text="Our diversion panel"
    )
    profiles.update_profile(
        other_member.profile, {"given_name": "Rhodri"}, actor=other_member, origin=Origin()
    )

    clock.move_to("2026-11-30 07:00")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", verbosity=0)

    body = next(m for m in mail.outbox if m.to == [member.email]).body
    assert "Rhodri Evans replied to your question" in body
    assert "Rhys" not in body


def test_the_digest_lists_notices_read_already_no_more(
    client_for, member, other_member, clock, django_capture_on_commit_callbacks
):
    clock.move_to("2026-11-26 09:00")
    asked = questions.ask_question(
        actor=member, origin=Origin(), text="How do you keep teenagers out of court?"
    )
    questions.reply_to_question(
        asked, actor=other_member, origin=Origin(), text="Our diversion panel"
    )
    client_for(member).post("/notices/read/")

    clock.move_to("2026-11-30 07:00")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", verbosity=0)

    # (It may still go, for the new leaders in it.)
    for message in mail.outbox:
        assert "replied to your question" not in message.body
        assert "Your notices" not in message.body


def test_no_notice_row_holds_anyone_s_name(member, other_member, facilitator, staff_admin):
    facilitator.full_name = "Fatima Facilitator"
    facilitator.save(update_fields=["full_name"])
    third = factories.make_member("third@x.gov.uk", "Tomasz", "Third")
    accept(ask(member, other_member, "Why"), other_member)
    close_unanswered(ask(third, member, "Why not"))
    broker(third, other_member, facilitator)
    asked = questions.ask_question(actor=member, origin=Origin(), text="Help?")
    answer = questions.reply_to_question(
        asked, actor=third, origin=Origin(), text="Here is what we did"
    )
    questions.hide_post(
        answer, reason="Names Tomasz Third's patient", actor=staff_admin, origin=Origin()
    )

    rows = json.dumps(list(Notice.objects.values()), default=str)

    assert Notice.objects.values("kind").distinct().count() == 6  # every kind was made
    for name in ["Amara", "Okafor", "Rhys", "Evans", "Tomasz", "Third", "Fatima", "patient"]:
        assert name not in rows


def test_a_notice_missing_what_its_kind_refers_to_is_refused_naming_it(member, other_member):
    with pytest.raises(ValueError, match="kind introduced needs introduction, person"):
        notices.notify(member, Notice.Kind.INTRODUCED)
    question = questions.ask_question(actor=member, origin=Origin(), text="Help?")
    answer = questions.reply_to_question(question, actor=other_member, origin=Origin(), text="This")
    with pytest.raises(ValueError, match="kind post_hidden needs one of question, reply"):
        notices.notify(other_member, Notice.Kind.POST_HIDDEN, question=question, reply=answer)
    assert not Notice.objects.filter(kind=Notice.Kind.POST_HIDDEN).exists()


# Anonymity


@pytest.fixture
def anonymous_question(member, settings):
    settings.ANONYMITY_THRESHOLD = 2
    factories.make_member("twin@x.gov.uk", "Twin", "Leader")  # shares the author's description
    return questions.ask_question(
        actor=member, origin=Origin(), text="How do we stop losing social workers?", anonymous=True
    )


def test_the_anonymous_author_replying_under_their_question_is_never_named(
    client_for, member, other_member, anonymous_question
):
    questions.reply_to_question(
        anonymous_question, actor=other_member, origin=Origin(), text="Pay them more"
    )
    own = questions.reply_to_question(
        anonymous_question, actor=member, origin=Origin(), text="Thank you: we tried that"
    )
    # Nobody is told of the author's own reply today; were anyone told, it would read as
    # the question page does.
    assert not Notice.objects.filter(reply=own).exists()
    notices.notify(
        other_member, Notice.Kind.QUESTION_REPLIED, reply=own, question=anonymous_question
    )

    page = notices_page(client_for(other_member))
    assert "A chief executive in local government" in page
    assert "(who asked) replied to your question" in page
    assert "Amara" not in page
    assert "Okafor" not in page


def test_the_anonymous_author_learns_who_replied_to_them(
    client_for, member, other_member, anonymous_question
):
    questions.reply_to_question(
        anonymous_question, actor=other_member, origin=Origin(), text="Pay them more"
    )
    assert "Rhys Evans replied to your question" in notices_page(client_for(member))


# Other notices


def test_a_notice_of_a_hidden_post_gives_the_moderator_s_reason(
    client_for, member, other_member, staff_admin
):
    answer = questions.reply_to_question(
        questions.ask_question(actor=other_member, origin=Origin(), text="Help?"),
        actor=member,
        origin=Origin(),
        text="Mine",
    )
    questions.hide_post(answer, reason="Identifies a patient", actor=staff_admin, origin=Origin())
    page = notices_page(client_for(member))
    assert "Something you posted was hidden by Convene staff: Identifies a patient" in page


def test_a_brokered_introduction_names_the_facilitator_and_the_other_leader(
    client_for, member, other_member, facilitator
):
    facilitator.full_name = "Fatima Facilitator"
    facilitator.save(update_fields=["full_name"])
    introduction = broker(member, other_member, facilitator)
    page = notices_page(client_for(member))
    assert "Fatima Facilitator suggests you meet Rhys Evans" in page
    assert f'href="/introductions/{introduction.pk}/"' in page


def test_the_download_holds_one_s_notices_as_they_read_now(client_for, member, other_member):
    ask(other_member, member, "Youth diversion")
    profiles.update_profile(
        other_member.profile, {"family_name": "Evans-Jones"}, actor=other_member, origin=Origin()
    )
    held = json.loads(client_for(member).get("/account/your-data/download/").content)
    assert [n["text"] for n in held["notices"]] == ["Rhys Evans-Jones would like to meet you"]


def test_the_page_reads_many_notices_in_as_many_queries_as_one(
    client_for, member, other_member, facilitator
):
    client = client_for(member)
    ask(other_member, member, "Why")
    client.get("/notices/")  # the session settled
    with CaptureQueriesContext(connection) as one:
        client.get("/notices/")
    for n in range(5):
        leader = factories.make_member(f"l{n}@x.gov.uk", "Leader", f"Number{n}")
        broker(member, leader, facilitator)
        accept(ask(leader, member, "Why"), member)
        questions.reply_to_question(
            questions.ask_question(actor=member, origin=Origin(), text=f"Help {n}?"),
            actor=leader,
            origin=Origin(),
            text="This",
        )

    with CaptureQueriesContext(connection) as many:
        client.get("/notices/")

    assert Notice.objects.filter(user=member).values("kind").distinct().count() == 4
    assert len(many) == len(one)
