"""Weeks after an introduction is accepted, both leaders are asked "did you meet?".

The e-mail carries a signed link per answer. Opening it shows the answer with a button to
confirm it: mail scanners open every link in a message, so a bare link would record
whatever the scanner opened last (as for sign-in links, ADR 2).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from convene.accounts.models import AuditEvent, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.mail import absolute_url, send_after_commit
from convene.connections.models import Edge, Introduction
from convene.connections.services import graph

SALT = "convene.connections.did-you-meet"
LINK_DAYS = 60


class AnswerRefused(ValueError):
    """Why the answer cannot be recorded, for the person answering."""


def token(introduction: Introduction, user: User, met: bool) -> str:
    return signing.dumps({"i": introduction.pk, "u": user.pk, "met": met}, salt=SALT)


def read(token_text: str) -> tuple[Introduction, User, bool]:
    try:
        data = signing.loads(token_text, salt=SALT, max_age=timedelta(days=LINK_DAYS))
    except signing.SignatureExpired as error:
        raise AnswerRefused("This link has expired") from error
    except signing.BadSignature as error:
        raise AnswerRefused("This link is not complete: open it from the e-mail again") from error
    introduction = Introduction.objects.filter(pk=data["i"]).first()
    user = User.objects.filter(pk=data["u"], is_active=True).first()
    if introduction is None or user is None:
        raise AnswerRefused("This introduction is no longer in Convene")
    return introduction, user, bool(data["met"])


def ask_if_met() -> int:
    """E-mail both leaders of each introduction accepted long enough ago. Idempotent."""
    due = timezone.now() - timedelta(days=settings.INTRODUCTION_FOLLOW_UP_DAYS)
    asked = 0
    candidates = Introduction.objects.filter(
        status=Introduction.Status.ACCEPTED, responded_at__lte=due, met_asked_at__isnull=True
    ).select_related("requester__profile", "recipient__profile")
    for introduction in candidates:
        with transaction.atomic():
            claimed = Introduction.objects.filter(
                pk=introduction.pk, met_asked_at__isnull=True
            ).update(met_asked_at=timezone.now())
            if not claimed:
                continue
            for reader, other in (
                (introduction.requester, introduction.recipient),
                (introduction.recipient, introduction.requester),
            ):
                send_after_commit(
                    reader.email,
                    "connections/email/did_you_meet",
                    {
                        "other": other.profile,
                        "yes": absolute_url(
                            "connections:met", token=token(introduction, reader, True)
                        ),
                        "no": absolute_url(
                            "connections:met", token=token(introduction, reader, False)
                        ),
                    },
                )
            asked += 1
    return asked


def awaiting_answer(user: User):
    """The introductions whose "did you meet?" ``user`` was asked and has not answered,
    while the e-mail's links would still work: for the home page, which offers the same
    two answers."""
    return Introduction.objects.filter(
        Q(requester=user, requester_met__isnull=True)
        | Q(recipient=user, recipient_met__isnull=True),
        status=Introduction.Status.ACCEPTED,
        met_asked_at__gte=timezone.now() - timedelta(days=LINK_DAYS),
    )


def record_meeting(introduction: Introduction, met: bool, *, actor: User, origin: Origin) -> None:
    """``actor``, one of the two leaders, says whether they met (from the e-mail's link)."""
    field = {introduction.requester_id: "requester_met", introduction.recipient_id: "recipient_met"}
    if actor.pk not in field:
        raise AnswerRefused("This link is not for this introduction")
    with transaction.atomic():
        Introduction.objects.filter(pk=introduction.pk).update(**{field[actor.pk]: met})
        # No subject and no answer: the other leader's records never show it.
        audit.record(
            AuditEvent.Action.MEETING_ANSWERED,
            actor=actor,
            origin=origin,
            introduction=introduction.pk,
        )
        if met:
            graph.connect(introduction.requester, introduction.recipient, Edge.Kind.MET)
