"""The member's home page starts with what is waiting for them, each with its button."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from convene.accounts.services.audit import Origin
from convene.connections.models import Introduction
from convene.connections.services import introductions, questions
from convene.home import waiting
from convene.notifications.notices import mark_notices_read
from tests import factories

pytestmark = pytest.mark.django_db

NOTHING = "Nothing is waiting for you"


def home(client_for, user) -> str:
    return client_for(user).get("/").content.decode()


def section(page: str, key: str) -> str:
    """The part of the home page listing one kind of thing waiting ('' if absent)."""
    marker = f'data-testid="waiting-{key}"'
    if marker not in page:
        return ""
    rest = page.split(marker, 1)[1]
    return re.split(r'data-testid="waiting-|</section>', rest, maxsplit=1)[0]


def leaders(count: int, start: int = 0) -> list:
    return [
        factories.make_member(f"leader{n}@x.gov.uk", given=f"Leader{n}", family="Smith")
        for n in range(start, start + count)
    ]


def ask(asker, asked, reason="Youth diversion"):
    return introductions.ask_for_introduction(asked, reason, actor=asker, origin=Origin())


def test_nothing_waiting_is_said_in_one_line(client_for, member):
    page = home(client_for, member)
    assert "What is waiting for you" in page
    assert NOTHING in page
    assert 'data-testid="waiting-' not in page


def test_an_introduction_to_answer_is_shown_with_its_button_until_answered(
    client_for, member, other_member
):
    introduction = ask(other_member, member)
    page = home(client_for, member)
    assert NOTHING not in page
    shown = section(page, "introductions")
    assert "Introductions to answer (1)" in shown
    assert "Rhys Evans would like to meet you" in shown
    assert f'href="/introductions/{introduction.pk}/" role="button"' in shown
    assert "Read and reply" in shown
    # The asker has nothing to answer.
    assert NOTHING in home(client_for, other_member)

    client_for(member).post(f"/introductions/{introduction.pk}/accept/")
    assert NOTHING in home(client_for, member)


def test_a_declined_introduction_is_no_longer_waiting_for_the_decliner(
    client_for, member, other_member
):
    introduction = ask(other_member, member)
    client_for(member).post(f"/introductions/{introduction.pk}/decline/")
    assert NOTHING in home(client_for, member)


def test_a_brokered_introduction_waits_for_each_leader_until_they_accept(
    client_for, member, other_member, facilitator
):
    facilitator.full_name = "Fay Lane"
    facilitator.save()
    introduction = introductions.broker_introduction(
        member, other_member, "Both on youth diversion", actor=facilitator, origin=Origin()
    )
    assert "Fay Lane suggests you meet Rhys Evans" in section(
        home(client_for, member), "introductions"
    )
    assert "Fay Lane suggests you meet Amara Okafor" in section(
        home(client_for, other_member), "introductions"
    )
    client_for(member).post(f"/introductions/{introduction.pk}/accept/")
    assert NOTHING in home(client_for, member)
    assert "Amara Okafor" in section(home(client_for, other_member), "introductions")


def test_waiting_introductions_are_those_the_member_may_answer(member, other_member, facilitator):
    """The home page's query and the introduction page's buttons agree, whatever the state."""
    third, fourth, fifth = leaders(3)
    ask(other_member, member)  # to answer
    declined = ask(third, member)
    introductions.decline_introduction(declined, actor=member, origin=Origin())
    ask(member, fourth)  # asked by the member: not theirs to answer
    brokered = introductions.broker_introduction(
        member, fifth, "Both on youth", actor=facilitator, origin=Origin()
    )
    introductions.decline_introduction(brokered, actor=fifth, origin=Origin())  # still theirs
    for user in (member, other_member, third, fourth, fifth):
        expected = {i.pk for i in Introduction.objects.all() if introductions.awaits(i, user)}
        assert set(introductions.awaiting_answer(user).values_list("pk", flat=True)) == expected
    assert introductions.awaiting_answer(member).count() == 2


def test_more_than_three_are_a_link_away(client_for, member):
    for leader in leaders(5):
        ask(leader, member)
    shown = section(home(client_for, member), "introductions")
    assert "Introductions to answer (5)" in shown
    assert shown.count("Read and reply") == waiting.SHOWN
    assert 'href="/introductions/">See all 5 introductions to answer</a>' in shown


@pytest.fixture
def asked_if_met(member, other_member, clock, settings, django_capture_on_commit_callbacks):
    """An introduction accepted a month ago, and both asked whether they met."""
    clock.move_to("2026-11-24 09:00")
    introduction = introductions.accept_introduction(
        ask(member, other_member), actor=other_member, origin=Origin()
    )
    clock.move_to("2026-12-20 10:00")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("introductions_daily", verbosity=0)
    return introduction


def test_did_you_meet_is_answered_from_the_home_page(client_for, member, asked_if_met):
    client = client_for(member)
    shown = section(client.get("/").content.decode(), "meetings")
    assert "Did you meet Rhys Evans?" in shown
    yes = re.search(r'href="(/introductions/met/[^"]+)" role="button"[^>]*>Yes, we met', shown)
    assert "No, we have not met" in shown
    confirm = client.get(yes.group(1)).content.decode()
    assert "Yes, we met" in confirm
    client.post(yes.group(1))
    assert Introduction.objects.get().requester_met is True
    assert NOTHING in client.get("/").content.decode()


def test_did_you_meet_waits_only_while_its_links_would_work(
    client_for, member, asked_if_met, clock
):
    clock.shift(60 * 24 * 3600 + 3600)
    assert NOTHING in home(client_for, member)


def test_new_replies_to_one_s_questions_wait_until_notices_are_read(
    client_for, member, other_member
):
    question = questions.ask_question(
        "How do we cut delayed discharges?", actor=member, origin=Origin()
    )
    for text in ("Discharge to assess", "A trusted assessor"):
        questions.reply_to_question(question, text, actor=other_member, origin=Origin())
    # Replying to one's own question is not news to oneself.
    questions.reply_to_question(question, "Thank you", actor=member, origin=Origin())
    shown = section(home(client_for, member), "replies")
    assert "2 new replies to your question: “How do we cut delayed discharges?”" in shown
    assert f'href="/ask/{question.pk}/" role="button"' in shown
    assert "until you mark your notices as read" in shown

    mark_notices_read(actor=member, origin=Origin())
    assert NOTHING in home(client_for, member)


def test_a_hidden_reply_is_not_waiting(client_for, member, other_member, staff_admin):
    question = questions.ask_question("Winter pressures?", actor=member, origin=Origin())
    reply = questions.reply_to_question(question, "Careless", actor=other_member, origin=Origin())
    questions.hide_post(reply, reason="Names a patient", actor=staff_admin, origin=Origin())
    assert "replied" not in section(home(client_for, member), "replies")
    assert 'data-testid="waiting-replies"' not in home(client_for, member)


def make_waiting(member, count: int, start: int):
    """``count`` of each kind waiting for ``member``: introductions, meetings and replies."""
    people = leaders(count * 2, start)
    for asker in people[:count]:
        ask(asker, member)
    now = timezone.now()
    for other in people[count:]:
        made = introductions.accept_introduction(ask(member, other), actor=other, origin=Origin())
        Introduction.objects.filter(pk=made.pk).update(met_asked_at=now)
        question = questions.ask_question(f"Question {other.pk}?", actor=member, origin=Origin())
        questions.reply_to_question(question, "An answer", actor=other, origin=Origin())


def test_what_is_waiting_takes_two_queries_a_kind_however_much_is_waiting(
    member, django_assert_num_queries
):
    make_waiting(member, 1, 0)
    with django_assert_num_queries(2 * len(waiting.PROVIDERS)):
        assert [w.count for w in waiting.waiting_for(member)] == [1, 1, 1]
    make_waiting(member, 5, 10)
    with django_assert_num_queries(2 * len(waiting.PROVIDERS)):
        assert [w.count for w in waiting.waiting_for(member)] == [6, 6, 6]


def test_the_home_page_does_not_take_more_queries_as_more_is_waiting(client_for, member):
    client = client_for(member)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get("/")
        return len(captured)

    # Each measured once warm: suggestions cache their matrix across requests.
    make_waiting(member, 1, 0)
    queries()
    few = queries()
    make_waiting(member, 6, 10)
    queries()
    assert queries() == few
