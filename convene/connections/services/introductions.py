"""Introductions: asked for with a reason, accepted or declined by the other leader, or
left to lapse. Each change is one function here: actor and origin by keyword, one
transaction, its audit row, its notices and e-mails after commit.

A decline is known only to the one who declined (ADR 27). To everyone else the request
goes on looking open until it expires, and then closes as a lapse does, told by the same
daily job: the asker cannot tell "declined" from "not answered" by what they see, what
they are sent, what they download, nor when.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from convene.accounts.models import AuditEvent, Role, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.mail import absolute_url, send_after_commit
from convene.connections.models import Edge, Introduction
from convene.connections.services import graph
from convene.core.plurals import counted
from convene.directory.services.visibility import contact_details, viewer_for
from convene.notifications.models import Notice
from convene.notifications.notices import notify

Status = Introduction.Status
MAX_REASON = 1000
# Declined requests stay "waiting" to the others until they expire.
LOOKS_WAITING = (Status.REQUESTED, Status.DECLINED)


class IntroductionRefused(ValueError):
    """Why the introduction cannot be asked for, for the person asking."""


def open_requests(user: User):
    """The requests ``user`` has waiting, as they see them (a declined one too)."""
    return Introduction.objects.filter(
        requester=user, status__in=LOOKS_WAITING, expires_at__gt=timezone.now()
    )


def awaiting_answer(user: User):
    """The introductions ``user`` still has to accept or decline: ``awaits`` as one query,
    for the home page's count and its first few."""
    asked = Q(recipient=user, recipient_accepted=False, recipient_declined=False) | Q(
        requester=user,
        brokered_by__isnull=False,
        requester_accepted=False,
        requester_declined=False,
    )
    return Introduction.objects.filter(
        asked, status__in=LOOKS_WAITING, expires_at__gt=timezone.now()
    )


def open_with(user: User) -> set[int]:
    """The ids of the leaders ``user`` has an introduction with that looks open, asked by
    them or of them (a declined one too, until it closes: ADR 27). Not suggested meanwhile:
    one is waiting for an answer already, and a decline must not show by their return."""
    pairs = Introduction.objects.filter(
        Q(requester=user) | Q(recipient=user),
        status__in=LOOKS_WAITING,
        expires_at__gt=timezone.now(),
    ).values_list("requester_id", "recipient_id")
    return {pk for pair in pairs for pk in pair} - {user.pk}


def _record(action: str, introduction: Introduction, *, actor: User | None, origin: Origin):
    # No subject: the other leader's audit trail (and so their download) never learns
    # who answered what.
    audit.record(action, actor=actor, origin=origin, introduction=introduction.pk)


def ask_for_introduction(
    recipient: User, reason: str, *, actor: User, origin: Origin
) -> Introduction:
    """``actor`` asks to meet ``recipient``; the recipient is told and e-mailed."""
    reason = reason.strip()
    if actor.pk == recipient.pk:
        raise IntroductionRefused("You cannot ask for an introduction to yourself")
    if not recipient.is_active or recipient.role != Role.MEMBER:
        raise IntroductionRefused("This leader is no longer in Convene")
    if not reason:
        raise IntroductionRefused("Say why you would like to be introduced")
    if len(reason) > MAX_REASON:
        raise IntroductionRefused(f"Say why in {MAX_REASON:,} characters or fewer")
    if recipient.pk in graph.introduced_to(actor):
        raise IntroductionRefused(
            "You have already been introduced: their details are on their profile"
        )
    if open_requests(actor).filter(recipient=recipient).exists():
        raise IntroductionRefused("You have already asked: they have not replied yet")
    if open_requests(actor).count() >= settings.INTRODUCTIONS_OPEN_MAX:
        raise IntroductionRefused(
            f"You have {counted(settings.INTRODUCTIONS_OPEN_MAX, 'request', 'requests')} "
            "waiting for a reply: "
            "you can ask again when one is answered or lapses"
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            # An old request to the same person that lapsed unseen stays lapsed.
            Introduction.objects.filter(
                requester=actor, recipient=recipient, status=Status.REQUESTED
            ).update(status=Status.LAPSED)
            introduction = Introduction.objects.create(
                requester=actor,
                recipient=recipient,
                reason=reason,
                expires_at=now + timedelta(days=settings.INTRODUCTION_LAPSE_DAYS),
            )
            _record(
                AuditEvent.Action.INTRODUCTION_REQUESTED, introduction, actor=actor, origin=origin
            )
            notify(
                recipient,
                Notice.Kind.INTRODUCTION_REQUESTED,
                person=actor,
                introduction=introduction,
            )
            send_after_commit(
                recipient.email,
                "connections/email/requested",
                {
                    "introduction": introduction,
                    "requester": actor.profile,
                    "url": absolute_url(
                        "connections:introduction", introduction_id=introduction.pk
                    ),
                    "days": settings.INTRODUCTION_LAPSE_DAYS,
                },
            )
    except IntegrityError as error:  # the same request sent twice at once
        raise IntroductionRefused("You have already asked: they have not replied yet") from error
    return introduction


def broker_introduction(
    first: User, second: User, reason: str, *, actor: User, origin: Origin
) -> Introduction:
    """A facilitator suggests two leaders meet: both are asked, and both must accept."""
    reason = reason.strip()
    if first.pk == second.pk:
        raise IntroductionRefused("Choose two different leaders")
    for leader in (first, second):
        if not leader.is_active or leader.role != Role.MEMBER:
            raise IntroductionRefused(f"{leader.email} is not a leader in Convene")
    if not reason or len(reason) > MAX_REASON:
        raise IntroductionRefused(
            f"Say why they should meet, in {MAX_REASON:,} characters or fewer"
        )
    if second.pk in graph.introduced_to(first):
        raise IntroductionRefused("They have already been introduced")
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                requester=first,
                recipient=second,
                reason=reason,
                brokered_by=actor,
                requester_accepted=False,
                expires_at=timezone.now() + timedelta(days=settings.INTRODUCTION_LAPSE_DAYS),
            )
            _record(
                AuditEvent.Action.INTRODUCTION_BROKERED, introduction, actor=actor, origin=origin
            )
            for reader, other in ((first, second), (second, first)):
                notify(
                    reader,
                    Notice.Kind.INTRODUCTION_SUGGESTED,
                    person=other,
                    by=actor,
                    introduction=introduction,
                )
                send_after_commit(
                    reader.email,
                    "connections/email/brokered",
                    {
                        "introduction": introduction,
                        "other": other.profile,
                        "broker": actor,
                        "url": absolute_url(
                            "connections:introduction", introduction_id=introduction.pk
                        ),
                        "days": settings.INTRODUCTION_LAPSE_DAYS,
                    },
                )
    except IntegrityError as error:
        raise IntroductionRefused("An introduction between them is already waiting") from error
    return introduction


def _asked(introduction: Introduction) -> set[int]:
    """The leaders whose yes is needed: the recipient, and in a brokered one both."""
    return {introduction.recipient_id} | (
        {introduction.requester_id} if introduction.brokered_by_id else set()
    )


def _has_accepted(introduction: Introduction, user: User) -> bool:
    if user.pk == introduction.recipient_id:
        return introduction.recipient_accepted
    return introduction.requester_accepted


def awaits(introduction: Introduction, user: User) -> bool:
    """Whether ``user`` still has to accept or decline this introduction, as they see it:
    in a brokered one, the other leader's decline does not stop them answering."""
    if not introduction.looks_open or introduction.declined_by(user):
        return False
    return user.pk in _asked(introduction) and not _has_accepted(introduction, user)


def _answerable(introduction: Introduction, by: User) -> Introduction:
    locked = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if by.pk not in _asked(locked):
        raise IntroductionRefused("Only the leader asked can answer")
    if not locked.looks_open or locked.declined_by(by):
        raise IntroductionRefused("This request has already been answered or has lapsed")
    if _has_accepted(locked, by):
        raise IntroductionRefused("You have already accepted: waiting for the other leader")
    return locked


def accept_introduction(introduction: Introduction, *, actor: User, origin: Origin) -> Introduction:
    """When every leader asked has accepted, both are told, with each other's contact
    details as they now see them. Accepting a request the other leader has declined is
    recorded and changes nothing more: to this leader it looks as if they have not
    answered yet."""
    with transaction.atomic():
        introduction = _answerable(introduction, actor)
        side = (
            "requester_accepted" if actor.pk == introduction.requester_id else "recipient_accepted"
        )
        setattr(introduction, side, True)
        introduction.save(update_fields=[side])
        _record(AuditEvent.Action.INTRODUCTION_ANSWERED, introduction, actor=actor, origin=origin)
        made = (
            introduction.status == Status.REQUESTED
            and introduction.requester_accepted
            and introduction.recipient_accepted
        )
        if made:
            _make(introduction)
    return introduction


def _make(introduction: Introduction) -> None:
    introduction.status = Status.ACCEPTED
    introduction.responded_at = timezone.now()
    introduction.save(update_fields=["status", "responded_at"])
    graph.connect(introduction.requester, introduction.recipient, Edge.Kind.INTRODUCED)
    pairs = [
        (introduction.requester, introduction.recipient),
        (introduction.recipient, introduction.requester),
    ]
    for reader, other in pairs:
        notify(reader, Notice.Kind.INTRODUCED, person=other, introduction=introduction)
        send_after_commit(
            reader.email,
            "connections/email/accepted",
            {
                "introduction": introduction,
                "other": other.profile,
                "contact": contact_details(other.profile, viewer_for(reader)),
                "url": absolute_url("directory:profile", profile_id=other.profile.pk),
            },
        )


def decline_introduction(
    introduction: Introduction, *, actor: User, origin: Origin
) -> Introduction:
    """Recorded now; nobody else is told anything until it expires (ADR 27)."""
    with transaction.atomic():
        introduction = _answerable(introduction, actor)
        side = (
            "requester_declined" if actor.pk == introduction.requester_id else "recipient_declined"
        )
        setattr(introduction, side, True)
        introduction.status = Status.DECLINED
        introduction.responded_at = timezone.now()
        introduction.save(update_fields=["status", side, "responded_at"])
        _record(AuditEvent.Action.INTRODUCTION_ANSWERED, introduction, actor=actor, origin=origin)
    return introduction


def close_expired_introductions(*, origin: Origin) -> int:
    """Close the requests whose time is up, declined or not answered, telling the others
    the same thing at the same moment. Idempotent: each is told once."""
    closed = 0
    now = timezone.now()
    due = Introduction.objects.filter(
        status__in=LOOKS_WAITING, expires_at__lte=now, closure_told_at__isnull=True
    ).select_related("requester__profile", "recipient__profile")
    for introduction in due:
        with transaction.atomic():
            claimed = Introduction.objects.filter(
                pk=introduction.pk, status__in=LOOKS_WAITING, closure_told_at__isnull=True
            )
            if introduction.status == Status.REQUESTED:
                told = claimed.update(status=Status.LAPSED, closure_told_at=now)
            else:
                told = claimed.update(closure_told_at=now)
            if told:
                _record(
                    AuditEvent.Action.INTRODUCTION_CLOSED, introduction, actor=None, origin=origin
                )
                _tell_closed(introduction)
                closed += 1
    return closed


def _tell_closed(introduction: Introduction) -> None:
    """The asker (in a brokered one, each leader asked) is told it closed; never the one
    who declined, and never which it was."""
    if introduction.brokered_by_id:
        readers = [
            (introduction.requester, introduction.recipient),
            (introduction.recipient, introduction.requester),
        ]
    else:
        readers = [(introduction.requester, introduction.recipient)]
    for reader, other in readers:
        if introduction.declined_by(reader):
            continue
        notify(reader, Notice.Kind.INTRODUCTION_CLOSED, person=other, introduction=introduction)
        send_after_commit(
            reader.email,
            "connections/email/closed",
            {"other": other.profile, "url": absolute_url("connections:introductions")},
        )


def shown_status(introduction: Introduction, viewer: User) -> str:
    """What each leader sees. Only the one who declined ever sees "Declined"."""
    if introduction.status == Status.ACCEPTED:
        return introduction.get_status_display()
    if introduction.declined_by(viewer):
        return "Declined by you"
    if introduction.looks_open:
        if awaits(introduction, viewer):
            return "Waiting for your reply"
        return Status.REQUESTED.label
    return "Closed"


def of_member(user: User):
    """The introductions ``user`` is one of the two leaders in."""
    return Introduction.objects.filter(Q(requester=user) | Q(recipient=user)).select_related(
        "requester__profile", "recipient__profile"
    )
