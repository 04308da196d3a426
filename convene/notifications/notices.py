"""In-app notices: what happened for a person and what it is about, new until they mark
them read. Names and links are rendered when shown (rendering.py), never stored."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from convene.accounts.models import User
from convene.accounts.services.audit import Origin
from convene.notifications.models import Notice

Kind = Notice.Kind
BATCH = 1000

# What each kind must refer to, for its sentence and its link.
NEEDS = {
    Kind.INTRODUCTION_REQUESTED: {"person", "introduction"},
    Kind.INTRODUCTION_SUGGESTED: {"person", "by", "introduction"},
    Kind.INTRODUCED: {"person", "introduction"},
    Kind.INTRODUCTION_CLOSED: {"person", "introduction"},
    Kind.QUESTION_REPLIED: {"question", "reply"},
    Kind.POST_HIDDEN: set(),
    Kind.EXPORT_LIMIT_REACHED: {"person"},
    # The leader whose profile changed and who changed it; an import's notice names no
    # one (run from the command line, it has no one to name).
    Kind.PROFILE_CHANGED: {"person", "by"},
    Kind.PROFILE_IMPORTED: {"person"},
    # The set, whose members are named when shown; ``by``, its facilitator, may be null.
    Kind.LEARNING_SET_CONFIRMED: {"learning_set"},
}
# And what a kind must refer to one of: a hidden post is a question or a reply.
NEEDS_ONE_OF = {Kind.POST_HIDDEN: {"question", "reply"}}


def notify(user: User, kind: str, **about) -> Notice:
    """Leave ``user`` a notice of ``kind`` about the people and things in ``about``
    (person, by, introduction, question, reply, learning_set). Called inside the service
    that made the change, in its transaction."""
    _check(kind, about)
    return Notice.objects.create(user=user, kind=kind, **about)


def notify_all(kind: str, notices: Iterable[tuple[User, dict]]) -> list[Notice]:
    """``notify`` for many people at once, (user, about) each, in one statement a
    thousand: a change made to many people at once (an import) tells them in bulk."""
    new = []
    for user, about in notices:
        _check(kind, about)
        new.append(Notice(user=user, kind=kind, **about))
    return Notice.objects.bulk_create(new, batch_size=BATCH)


def _check(kind: str, about: dict) -> None:
    given = {name for name, value in about.items() if value is not None}
    missing = NEEDS[kind] - given
    if missing:
        raise ValueError(f"A notice of kind {kind} needs {', '.join(sorted(missing))}")
    one_of = NEEDS_ONE_OF.get(kind)
    if one_of and len(one_of & given) != 1:
        raise ValueError(f"A notice of kind {kind} needs one of {', '.join(sorted(one_of))}")


def unread(user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def unread_replies(user: User):
    """The notices of replies to ``user``'s questions not yet marked read, whose question
    and reply are still shown (a hidden one is not waiting for anyone)."""
    return Notice.objects.filter(
        user=user,
        kind=Kind.QUESTION_REPLIED,
        read_at__isnull=True,
        question__hidden_at__isnull=True,
        reply__hidden_at__isnull=True,
    )


def mark_notices_read(*, actor: User, origin: Origin, up_to: int | None = None) -> int:
    """Mark the actor's new notices read: those up to notice ``up_to`` (the newest the page
    showed, so one arriving meanwhile stays new), or all of them. How many were marked.

    No audit row: it changes only what the person sees as new on their own page, and
    ``read_at`` records when (ADR 23). ``origin`` is taken as every service takes it.
    """
    with transaction.atomic():
        new = Notice.objects.filter(user=actor, read_at__isnull=True)
        if up_to is not None:
            new = new.filter(pk__lte=up_to)
        return new.update(read_at=timezone.now())
