"""Migrations 0002-0004 turn the notices already stored, each a sentence naming someone,
into references that name no one in the row; going back writes the sentences again."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from convene.accounts.models import Role
from convene.connections.models import Introduction, Question, Reply
from convene.directory.models import Profile
from convene.notifications.models import Notice
from convene.notifications.rendering import text_of
from tests import factories

BEFORE = [("notifications", "0001_initial")]
AFTER = [("notifications", "0004_remove_notice_text_and_url")]
# What the notices table holds after AFTER: read without the columns later migrations add.
LATER_COLUMNS = ["learning_set"]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets):
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _store_notices(apps) -> dict:
    """Notices as Convene wrote them before 0002, about people and things stored now."""
    now = timezone.now()
    reader = factories.make_member("reader@x.gov.uk", "Amara", "Okafor")
    asker = factories.make_member("asker@x.gov.uk", "Rhys", "Evans")
    met = factories.make_member("met@x.gov.uk", "Nia", "Jones")
    declined = factories.make_member("declined@x.gov.uk", "Dewi", "Price")
    suggested = factories.make_member("suggested@x.gov.uk", "Siân", "Hughes")
    broker = factories.make_user("f@convene.example", Role.FACILITATOR, full_name="Fay Broker")
    lapse = now + timedelta(days=21)
    asked = Introduction.objects.create(
        requester=asker, recipient=reader, reason="Why", expires_at=lapse
    )
    Introduction.objects.create(
        requester=reader, recipient=met, reason="Why", status="accepted", expires_at=lapse
    )
    closed = Introduction.objects.create(
        requester=reader,
        recipient=declined,
        reason="Why",
        status="declined",
        responded_at=now,
        expires_at=lapse,
    )
    brokered = Introduction.objects.create(
        requester=reader,
        recipient=suggested,
        reason="Why",
        brokered_by=broker,
        requester_accepted=False,
        status="lapsed",
        expires_at=lapse,
    )
    question = Question.objects.create(author=reader, text="Help?", author_description="x")
    reply = Reply.objects.create(question=question, author=asker, text="This")
    theirs = Question.objects.create(author=asker, text="And you?", author_description="y")
    hidden = Reply.objects.create(
        question=theirs,
        author=reader,
        text="Mine",
        hidden_at=now,
        hidden_reason="Identifies a patient",
    )
    # Renamed since the notice was written: found by the time instead of the name.
    Profile.objects.filter(user=declined).update(given_name="David")

    Legacy = apps.get_model("notifications", "Notice")
    stored = {
        "Rhys Evans would like to meet you": f"/introductions/{asked.pk}/",
        "You and Nia Jones are introduced": f"/people/{met.profile.pk}/",
        "Your request to meet Dewi Price has closed": "/introductions/",
        "Fay Broker suggests you meet Siân Hughes": f"/introductions/{brokered.pk}/",
        "Rhys Evans replied to your question": f"/ask/{question.pk}/",
        "Something you posted was hidden by Convene staff: Identifies a patient": "/ask/",
        # Its introduction was erased with the leader who asked.
        "Gwen Gone would like to meet you": "/introductions/999999/",
        "Not a sentence Convene writes": "/",
    }
    for text, url in stored.items():
        Legacy.objects.create(user_id=reader.pk, text=text, url=url, created_at=now)
    # The wording of a later version, which tells both leaders of a brokered one.
    Legacy.objects.create(
        user_id=suggested.pk,
        text="Your introduction to Amara Okafor has closed",
        url="/introductions/",
        created_at=now,
    )
    return {
        "reader": reader,
        "asker": asker,
        "met": met,
        "declined": declined,
        "suggested": suggested,
        "broker": broker,
        "asked": asked,
        "closed": closed,
        "brokered": brokered,
        "question": question,
        "reply": reply,
        "hidden": hidden,
    }


def test_stored_notices_become_references_and_sentences_again_going_back():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        made = _store_notices(_migrate(BEFORE))

        _migrate(AFTER)
        reader = made["reader"]
        found = {
            n.kind: n
            for n in Notice.objects.defer(*LATER_COLUMNS)
            .filter(user=reader)
            .exclude(kind=Notice.Kind.INTRODUCTION_REQUESTED, person=None)
        }
        K = Notice.Kind
        refs = {
            kind: (n.person_id, n.by_id, n.introduction_id, n.question_id, n.reply_id)
            for kind, n in found.items()
        }
        assert refs == {
            K.INTRODUCTION_REQUESTED: (made["asker"].pk, None, made["asked"].pk, None, None),
            K.INTRODUCED: (
                made["met"].pk,
                None,
                Introduction.objects.get(recipient=made["met"]).pk,
                None,
                None,
            ),
            K.INTRODUCTION_CLOSED: (made["declined"].pk, None, made["closed"].pk, None, None),
            K.INTRODUCTION_SUGGESTED: (
                made["suggested"].pk,
                made["broker"].pk,
                made["brokered"].pk,
                None,
                None,
            ),
            K.QUESTION_REPLIED: (None, None, None, made["question"].pk, made["reply"].pk),
            K.POST_HIDDEN: (None, None, None, None, made["hidden"].pk),
        }
        shown = sorted(
            text_of(n, reader) for n in Notice.objects.defer(*LATER_COLUMNS).filter(user=reader)
        )
        assert shown == sorted(
            [
                "Rhys Evans would like to meet you",
                "You and Nia Jones are introduced",
                "Your introduction to David Price has closed",
                "Fay Broker suggests you meet Siân Hughes",
                "Rhys Evans replied to your question",
                "Something you posted was hidden by Convene staff: Identifies a patient",
                "A leader who has left Convene would like to meet you",
            ]
        )  # and the row Convene never wrote is gone

        told = Notice.objects.defer(*LATER_COLUMNS).get(user=made["suggested"])
        assert (told.kind, told.person, told.introduction) == (
            K.INTRODUCTION_CLOSED,
            reader,
            made["brokered"],
        )

        apps = _migrate(BEFORE)
        legacy = apps.get_model("notifications", "Notice").objects.filter(user_id=reader.pk)
        assert dict(legacy.values_list("text", "url")) == {
            "Rhys Evans would like to meet you": f"/introductions/{made['asked'].pk}/",
            "You and Nia Jones are introduced": f"/people/{made['met'].profile.pk}/",
            "Your introduction to David Price has closed": "/introductions/",
            "Fay Broker suggests you meet Siân Hughes": (f"/introductions/{made['brokered'].pk}/"),
            "Rhys Evans replied to your question": f"/ask/{made['question'].pk}/",
            "Something you posted was hidden by Convene staff: Identifies a patient": "/ask/",
            "A leader who has left Convene would like to meet you": "/introductions/",
        }
    finally:
        _migrate(latest)
