"""What is waiting for a member, shown first on their home page.

Each provider answers one kind of thing waiting (an introduction to answer, a "did you
meet?", new replies): how many there are, in one count query, and the first few, in one
more, each with what to do about it. A kind with nothing waiting shows nothing. Surveys
and events are added as providers to PROVIDERS: the page lists whatever they return.

Replies are "new" as their notices are: until the member marks their notices read. That
is the one "read" a member already controls (the navigation counts the same notices), and
opening a page never writes, so a question page cannot mark its replies seen.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from convene.accounts.models import User
from convene.connections.services import follow_up, introductions
from convene.core.plurals import counted
from convene.notifications import notices

# Items shown of each kind; the rest are a link away.
SHOWN = 3


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    # Words for screen readers after the label, saying which item it acts on.
    about: str = ""
    secondary: bool = False


@dataclass(frozen=True)
class Item:
    text: str
    hint: str = ""
    actions: list[Action] = field(default_factory=list)


@dataclass(frozen=True)
class Waiting:
    key: str
    title: str
    count: int
    items: list[Item]
    # Where all of them are, when there are more than SHOWN.
    more_url: str = ""
    more_label: str = ""
    note: str = ""


def _name(user: User | None) -> str:
    profile = getattr(user, "profile", None)
    return str(profile) if profile is not None else "a leader who has left Convene"


def introductions_to_answer(user: User) -> Waiting | None:
    waiting = introductions.awaiting_answer(user)
    count = waiting.count()
    if not count:
        return None
    items = []
    found = waiting.select_related(
        "requester__profile", "recipient__profile", "brokered_by"
    ).order_by("expires_at", "id")[:SHOWN]
    for introduction in found:
        other = (
            introduction.recipient
            if introduction.requester_id == user.pk
            else introduction.requester
        )
        if introduction.brokered_by_id:
            text = f"{introduction.brokered_by} suggests you meet {_name(other)}"
        else:
            text = f"{_name(other)} would like to meet you"
        url = reverse("connections:introduction", kwargs={"introduction_id": introduction.pk})
        reply_by = date_format(timezone.localtime(introduction.expires_at), "j F Y")
        items.append(
            Item(
                text=text,
                hint=f"Reply by {reply_by}",
                actions=[Action("Read and reply", url, about=f" to {_name(other)}")],
            )
        )
    return Waiting(
        key="introductions",
        title="Introductions to answer",
        count=count,
        items=items,
        more_url=reverse("connections:introductions"),
        more_label=f"See all {counted(count, 'introduction', 'introductions')} to answer",
    )


def meetings_to_confirm(user: User) -> Waiting | None:
    waiting = follow_up.awaiting_answer(user)
    count = waiting.count()
    if not count:
        return None
    items = []
    found = waiting.select_related("requester__profile", "recipient__profile").order_by(
        "met_asked_at", "id"
    )[:SHOWN]
    for introduction in found:
        other = (
            introduction.recipient
            if introduction.requester_id == user.pk
            else introduction.requester
        )
        name = _name(other)

        def answer(met: bool, introduction=introduction) -> str:
            token = follow_up.token(introduction, user, met)
            return reverse("connections:met", kwargs={"token": token})

        items.append(
            Item(
                text=f"Did you meet {name}?",
                actions=[
                    Action("Yes, we met", answer(True), about=f" {name}"),
                    Action("No, we have not met", answer(False), about=f" {name}", secondary=True),
                ],
            )
        )
    return Waiting(
        key="meetings",
        title="Did you meet?",
        count=count,
        items=items,
        more_url=reverse("connections:introductions"),
        more_label="See your introductions",
        note="Your answer is never shown to the other leader.",
    )


def replies_to_questions(user: User) -> Waiting | None:
    waiting = notices.unread_replies(user)
    count = waiting.values("question").distinct().count()
    if not count:
        return None
    per_question = (
        waiting.values("question_id", "question__text")
        .annotate(new=Count("id"), latest=Max("created_at"))
        .order_by("-latest")[:SHOWN]
    )
    items = []
    for row in per_question:
        new = row["new"]
        question = Truncator(row["question__text"]).chars(80)
        url = reverse("connections:question", kwargs={"question_id": row["question_id"]})
        items.append(
            Item(
                text=f"{counted(new, 'new reply', 'new replies')} to your question: “{question}”",
                actions=[Action("Read the replies", url, about=f" to “{question}”")],
            )
        )
    return Waiting(
        key="replies",
        title="Replies to your questions",
        count=count,
        items=items,
        more_url=reverse("notifications:notices"),
        more_label="See your notices",
        note="Replies stay new here until you mark your notices as read.",
    )


# In the order shown. Each takes the member and returns a Waiting, or None.
PROVIDERS: list[Callable[[User], Waiting | None]] = [
    introductions_to_answer,
    meetings_to_confirm,
    replies_to_questions,
]


def waiting_for(user: User) -> list[Waiting]:
    """Everything waiting for ``user``: at most two queries for each kind."""
    return [found for provider in PROVIDERS if (found := provider(user)) is not None]
