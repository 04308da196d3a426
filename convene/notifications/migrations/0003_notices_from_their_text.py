"""Give each stored notice its kind and references, worked out from its text and link.

Every notice Convene stored was written by one of six sentences, so each is recognised by
its words and its link; the person it named is found through what it links to (the
introduction, the profile, the question), by the name where only a name says who, and by
the nearest time where the name has changed since. Where what it named is gone (erased
since), the reference stays empty and the notice reads "a leader who has left Convene".
A row that matches none of the six (none is known) cannot be shown without keeping its
text, so it is deleted rather than kept naming someone (ADR 23).

Going back writes each notice's text and link again from its references, naming people
as they are called then.
"""

import re

from django.db import migrations
from django.db.models import Q

INTRODUCTION_LINK = re.compile(r"^/introductions/(\d+)/$")
PROFILE_LINK = re.compile(r"^/people/(\d+)/$")
QUESTION_LINK = re.compile(r"^/ask/(\d+)/$")
# Both wordings Convene has used for a request closed without an introduction.
CLOSED_SENTENCE = re.compile(r"^Your (?:request to meet|introduction to) (.+) has closed$")
HIDDEN = "Something you posted was hidden by Convene staff: "
LEFT = "a leader who has left Convene"
CLOSED = ("declined", "lapsed")


def _name(profile) -> str:
    if profile is None:
        return ""
    return " ".join(p for p in (profile.title, profile.given_name, profile.family_name) if p)


def _profile_of(apps, user_id):
    return apps.get_model("directory", "Profile").objects.filter(user_id=user_id).first()


def _likeliest(candidates, name: str, named, when, at):
    """The candidate whose person is called ``name``; else the one nearest in time."""
    candidates = list(candidates)
    for candidate in candidates:
        if _name(named(candidate)) == name:
            return candidate
    timed = [c for c in candidates if when(c) is not None]
    return min(timed, key=lambda c: abs(when(c) - at), default=None)


def _linked(pattern, url: str) -> int | None:
    found = pattern.match(url)
    return int(found.group(1)) if found else None


def _about(apps, notice) -> tuple[str, dict] | None:
    """The kind and references of a stored notice, or None if it is none Convene wrote."""
    Introduction = apps.get_model("connections", "Introduction")
    Question = apps.get_model("connections", "Question")
    Reply = apps.get_model("connections", "Reply")
    Profile = apps.get_model("directory", "Profile")
    text, url, user_id = notice.text, notice.url, notice.user_id
    introduction_id = _linked(INTRODUCTION_LINK, url)

    if introduction_id and text.endswith(" would like to meet you"):
        introduction = Introduction.objects.filter(pk=introduction_id).first()
        return "introduction_requested", {
            "introduction_id": introduction and introduction.pk,
            "person_id": introduction and introduction.requester_id,
        }
    if introduction_id and " suggests you meet " in text:
        introduction = Introduction.objects.filter(pk=introduction_id).first()
        other = None
        if introduction:
            pair = {introduction.requester_id, introduction.recipient_id} - {user_id}
            other = pair.pop() if pair else None
        return "introduction_suggested", {
            "introduction_id": introduction and introduction.pk,
            "person_id": other,
            "by_id": introduction and introduction.brokered_by_id,
        }
    profile_id = _linked(PROFILE_LINK, url)
    if profile_id and text.startswith("You and ") and text.endswith(" are introduced"):
        profile = Profile.objects.filter(pk=profile_id).first()
        person_id = profile and profile.user_id
        introduction = None
        if person_id:
            introduction = (
                Introduction.objects.filter(status="accepted")
                .filter(
                    Q(requester_id=user_id, recipient_id=person_id)
                    | Q(requester_id=person_id, recipient_id=user_id)
                )
                .first()
            )
        return "introduced", {
            "person_id": person_id,
            "introduction_id": introduction and introduction.pk,
        }
    closed = CLOSED_SENTENCE.match(text)
    if closed:
        # The asker's requests, and (as later versions tell both) brokered ones.
        mine = Q(requester_id=user_id) | Q(recipient_id=user_id, brokered_by__isnull=False)

        def other(introduction):
            if introduction.requester_id == user_id:
                return introduction.recipient_id
            return introduction.requester_id

        introduction = _likeliest(
            Introduction.objects.filter(mine, status__in=CLOSED),
            closed.group(1),
            named=lambda i: _profile_of(apps, other(i)),
            when=lambda i: i.responded_at or i.expires_at,
            at=notice.created_at,
        )
        return "introduction_closed", {
            "introduction_id": introduction and introduction.pk,
            "person_id": introduction and other(introduction),
        }
    question_id = _linked(QUESTION_LINK, url)
    if question_id and text.endswith(" replied to your question"):
        question = Question.objects.filter(pk=question_id).first()
        reply = None
        if question:
            reply = _likeliest(
                Reply.objects.filter(question=question).exclude(author_id=user_id),
                text[: -len(" replied to your question")],
                named=lambda r: _profile_of(apps, r.author_id),
                when=lambda r: r.created_at,
                at=notice.created_at,
            )
        return "question_replied", {
            "question_id": question and question.pk,
            "reply_id": reply and reply.pk,
        }
    if text.startswith(HIDDEN):
        reason = text[len(HIDDEN) :]
        hidden = [
            *Question.objects.filter(author_id=user_id, hidden_at__isnull=False),
            *Reply.objects.filter(author_id=user_id, hidden_at__isnull=False),
        ]
        exact = [item for item in hidden if item.hidden_reason[:120] == reason]
        item = min(
            exact or hidden, key=lambda i: abs(i.hidden_at - notice.created_at), default=None
        )
        if item is None:
            return "post_hidden", {}
        field = "reply_id" if isinstance(item, Reply) else "question_id"
        return "post_hidden", {field: item.pk}
    return None


def from_text(apps, schema_editor):
    Notice = apps.get_model("notifications", "Notice")
    for notice in Notice.objects.order_by("pk").iterator():
        about = _about(apps, notice)
        if about is None:
            notice.delete()
            continue
        kind, references = about
        Notice.objects.filter(pk=notice.pk).update(kind=kind, **references)


def _leader(apps, user_id) -> str:
    return (_name(_profile_of(apps, user_id)) if user_id else "") or LEFT


def _text_and_url(apps, notice) -> tuple[str, str]:
    User = apps.get_model("accounts", "User")
    kind, person = notice.kind, _leader(apps, notice.person_id)
    introduction = (
        f"/introductions/{notice.introduction_id}/" if notice.introduction_id else "/introductions/"
    )
    if kind == "introduction_requested":
        return f"{person} would like to meet you", introduction
    if kind == "introduction_suggested":
        by = User.objects.filter(pk=notice.by_id).first()
        broker = (by.full_name or by.email) if by else "The Convene team"
        return f"{broker} suggests you meet {person}", introduction
    if kind == "introduced":
        profile = _profile_of(apps, notice.person_id) if notice.person_id else None
        return f"You and {person} are introduced", (
            f"/people/{profile.pk}/" if profile else "/introductions/"
        )
    if kind == "introduction_closed":
        return f"Your introduction to {person} has closed", "/introductions/"
    if kind == "question_replied":
        reply = notice.reply
        replier = LEFT[:1].upper() + LEFT[1:]
        if reply is not None:
            question = reply.question
            if question.anonymous and reply.author_id == question.author_id:
                described = question.author_description
                replier = f"{described[:1].upper()}{described[1:]} (who asked)"
            else:
                replier = _leader(apps, reply.author_id)
        return f"{replier} replied to your question", (
            f"/ask/{notice.question_id}/" if notice.question_id else "/ask/"
        )
    item = notice.reply or notice.question
    reason = item.hidden_reason[:120] if item else "it has since been removed"
    return f"{HIDDEN}{reason}", "/ask/"


def to_text(apps, schema_editor):
    Notice = apps.get_model("notifications", "Notice")
    for notice in Notice.objects.select_related("reply__question", "question").iterator():
        text, url = _text_and_url(apps, notice)
        text = text[:1].upper() + text[1:]
        Notice.objects.filter(pk=notice.pk).update(text=text[:300], url=url[:300])


class Migration(migrations.Migration):
    dependencies = [
        ("connections", "0005_ask_the_network"),
        ("directory", "0017_organisation_search_name"),
        ("notifications", "0002_notice_references"),
    ]

    operations = [migrations.RunPython(from_text, to_text)]
