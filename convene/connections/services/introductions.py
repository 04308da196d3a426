"""Introductions: asked for with a reason, accepted or declined by the other leader, or
left to lapse. Each change is made here, and each person told by e-mail."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from convene.accounts.models import Role, User
from convene.accounts.services.mail import absolute_url, send_after_commit
from convene.connections.models import Edge, Introduction
from convene.connections.services import graph
from convene.directory.services.visibility import contact_details, viewer_for
from convene.notifications.models import Notice
from convene.notifications.notices import notify

Status = Introduction.Status
MAX_REASON = 1000


class IntroductionRefused(ValueError):
    """Why the introduction cannot be asked for, for the person asking."""


def open_requests(user: User):
    return Introduction.objects.filter(
        requester=user, status=Status.REQUESTED, expires_at__gt=timezone.now()
    )


def request(requester: User, recipient: User, reason: str) -> Introduction:
    reason = reason.strip()
    if requester.pk == recipient.pk:
        raise IntroductionRefused("You cannot ask for an introduction to yourself")
    if not recipient.is_active or recipient.role != Role.MEMBER:
        raise IntroductionRefused("This leader is no longer in Convene")
    if not reason:
        raise IntroductionRefused("Say why you would like to be introduced")
    if len(reason) > MAX_REASON:
        raise IntroductionRefused(f"Say why in {MAX_REASON:,} characters or fewer")
    if recipient.pk in graph.introduced_to(requester):
        raise IntroductionRefused(
            "You have already been introduced: their details are on their profile"
        )
    if open_requests(requester).filter(recipient=recipient).exists():
        raise IntroductionRefused("You have already asked: they have not replied yet")
    if open_requests(requester).count() >= settings.INTRODUCTIONS_OPEN_MAX:
        raise IntroductionRefused(
            f"You have {settings.INTRODUCTIONS_OPEN_MAX} requests waiting for a reply: "
            "you can ask again when one is answered or lapses"
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            # An old request to the same person that lapsed unseen stays lapsed.
            Introduction.objects.filter(
                requester=requester, recipient=recipient, status=Status.REQUESTED
            ).update(status=Status.LAPSED)
            introduction = Introduction.objects.create(
                requester=requester,
                recipient=recipient,
                reason=reason,
                expires_at=now + timedelta(days=settings.INTRODUCTION_LAPSE_DAYS),
            )
            notify(
                recipient,
                Notice.Kind.INTRODUCTION_REQUESTED,
                person=requester,
                introduction=introduction,
            )
            send_after_commit(
                recipient.email,
                "connections/email/requested",
                {
                    "introduction": introduction,
                    "requester": requester.profile,
                    "url": absolute_url(
                        "connections:introduction", introduction_id=introduction.pk
                    ),
                    "days": settings.INTRODUCTION_LAPSE_DAYS,
                },
            )
    except IntegrityError as error:  # the same request sent twice at once
        raise IntroductionRefused("You have already asked: they have not replied yet") from error
    return introduction


def broker(first: User, second: User, reason: str, *, by: User) -> Introduction:
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
                brokered_by=by,
                requester_accepted=False,
                expires_at=timezone.now() + timedelta(days=settings.INTRODUCTION_LAPSE_DAYS),
            )
            for reader, other in ((first, second), (second, first)):
                notify(
                    reader,
                    Notice.Kind.INTRODUCTION_SUGGESTED,
                    person=other,
                    by=by,
                    introduction=introduction,
                )
                send_after_commit(
                    reader.email,
                    "connections/email/brokered",
                    {
                        "introduction": introduction,
                        "other": other.profile,
                        "broker": by,
                        "url": absolute_url(
                            "connections:introduction", introduction_id=introduction.pk
                        ),
                        "days": settings.INTRODUCTION_LAPSE_DAYS,
                    },
                )
    except IntegrityError as error:
        raise IntroductionRefused("An introduction between them is already waiting") from error
    return introduction


def awaits(introduction: Introduction, user: User) -> bool:
    """Whether ``user`` still has to accept or decline this introduction."""
    if not introduction.is_open:
        return False
    if user.pk == introduction.recipient_id:
        return not introduction.recipient_accepted
    return user.pk == introduction.requester_id and not introduction.requester_accepted


def _answerable(introduction: Introduction, by: User) -> Introduction:
    locked = Introduction.objects.select_for_update().get(pk=introduction.pk)
    asked = {locked.recipient_id} | ({locked.requester_id} if locked.brokered_by_id else set())
    if by.pk not in asked:
        raise IntroductionRefused("Only the leader asked can answer")
    if not locked.is_open:
        raise IntroductionRefused("This request has already been answered or has lapsed")
    if not awaits(locked, by):
        raise IntroductionRefused("You have already accepted: waiting for the other leader")
    return locked


def accept(introduction: Introduction, *, by: User) -> Introduction:
    """Both are told, with each other's contact details as they now see them."""
    with transaction.atomic():
        introduction = _answerable(introduction, by)
        side = "requester_accepted" if by.pk == introduction.requester_id else "recipient_accepted"
        setattr(introduction, side, True)
        introduction.save(update_fields=[side])
        if not (introduction.requester_accepted and introduction.recipient_accepted):
            return introduction  # brokered: the other leader has yet to accept
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
    return introduction


def decline(introduction: Introduction, *, by: User) -> Introduction:
    """The asker is told the request has closed, never that it was declined."""
    with transaction.atomic():
        introduction = _answerable(introduction, by)
        introduction.status = Status.DECLINED
        introduction.responded_at = timezone.now()
        introduction.save(update_fields=["status", "responded_at"])
        _tell_closed(introduction)
    return introduction


def lapse_overdue() -> int:
    """Close requests nobody answered in time, telling the asker. Idempotent."""
    closed = 0
    overdue = Introduction.objects.filter(
        status=Status.REQUESTED, expires_at__lte=timezone.now()
    ).select_related("requester", "recipient__profile")
    for introduction in overdue:
        with transaction.atomic():
            if Introduction.objects.filter(pk=introduction.pk, status=Status.REQUESTED).update(
                status=Status.LAPSED
            ):
                _tell_closed(introduction)
                closed += 1
    return closed


def _tell_closed(introduction: Introduction) -> None:
    notify(
        introduction.requester,
        Notice.Kind.INTRODUCTION_CLOSED,
        person=introduction.recipient,
        introduction=introduction,
    )
    send_after_commit(
        introduction.requester.email,
        "connections/email/closed",
        {
            "other": introduction.recipient.profile,
            "url": absolute_url("connections:introductions"),
        },
    )


def shown_status(introduction: Introduction, viewer: User) -> str:
    """What each side sees: the asker never learns a request was declined."""
    if introduction.status == Status.REQUESTED and not introduction.is_open:
        return "Lapsed" if viewer.pk == introduction.recipient_id else "Closed"
    if introduction.requester_id == viewer.pk and introduction.status in (
        Status.DECLINED,
        Status.LAPSED,
    ):
        return "Closed"
    return introduction.get_status_display()
