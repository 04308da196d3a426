"""A leader invites someone to act as their delegate; only that person can say yes.

Whatever address the leader enters, the request does the same work and the leader sees
the same answer (ADR 21): an invitation row waiting for an answer, an audit row, and a
background task. Only that task asks whom the address belongs to. A new address is
invited to join; a delegate's account is asked to accept or decline, signed in; any other
account (a member, staff, the leader, someone deactivated) is sent nothing.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from convene.accounts import tasks
from convene.accounts.models import AuditEvent, Delegation, Invitation, Role, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.delegates import (
    DelegateError,
    active_delegations,
    open_delegate_invitations,
)
from convene.accounts.services.mail import absolute_url, send_after_commit
from convene.accounts.services.rate_limits import seconds_until_free
from convene.accounts.services.sign_in import normalise_email
from convene.core.plurals import counted
from convene.core.tokens import new_token

RATE_WINDOW = timedelta(hours=24)


class TooManyOffers(DelegateError):
    """The leader has sent DELEGATE_OFFERS_PER_DAY invitations in the last 24 hours."""

    def __init__(self, limit: int, retry_after: int):
        super().__init__(
            f"You have sent {limit} delegate invitations in the last 24 hours: "
            f"try again in {_duration(retry_after)}"
        )
        self.retry_after = retry_after


def _duration(seconds: int) -> str:
    if seconds >= 3600:
        hours = math.ceil(seconds / 3600)
        return f"{hours} hour{'s' if hours != 1 else ''}"
    minutes = max(1, math.ceil(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


# The leader's side


def offer_delegate(
    leader: User, email: str, full_name: str = "", *, actor: User, origin: Origin
) -> Invitation:
    """Invite ``email`` to act for ``leader``. Nothing here asks whom the address belongs
    to; the invitation is e-mailed (or not) by a task once this commits."""
    email = normalise_email(email)
    if leader.role != Role.MEMBER or not leader.is_active:
        raise DelegateError("Only members can have delegates")
    _check_rate(leader, email, actor=actor, origin=origin)
    # The leader's own delegates are already on their page: saying so tells them nothing.
    if active_delegations(leader).filter(delegate__email=email).exists():
        raise DelegateError(f"{email} already acts for you")
    limit = settings.DELEGATE_INVITATIONS_OPEN_MAX
    if open_delegate_invitations(leader).exclude(email=email).count() >= limit:
        raise DelegateError(
            f"You have {counted(limit, 'invitation', 'invitations')} waiting for an answer: "
            "wait until one is answered or expires, or contact the Convene team"
        )
    token, token_hash = new_token()
    now = timezone.now()
    with transaction.atomic():
        # Sending again replaces only this leader's earlier invitation to the address: one
        # from staff or from another leader is left for its owner.
        open_delegate_invitations(leader).filter(email=email).update(revoked_at=now)
        offer = Invitation.objects.create(
            email=email,
            full_name=full_name.strip(),
            role=Role.DELEGATE,
            token_hash=token_hash,
            invited_by=actor,
            delegate_for=leader,
            expires_at=now + timedelta(days=settings.INVITATION_EXPIRY_DAYS),
        )
        audit.record(
            AuditEvent.Action.DELEGATE_OFFERED,
            actor=actor,
            origin=origin,
            subject=leader,
            delegate=email,
        )
        transaction.on_commit(
            lambda: tasks.send_delegate_offer.enqueue(offer_id=offer.pk, token=token)
        )
    return offer


def _check_rate(leader: User, email: str, *, actor: User, origin: Origin) -> None:
    """Before anything else: each invitation e-mails an address the leader chose."""
    limit = settings.DELEGATE_OFFERS_PER_DAY
    wait = seconds_until_free(
        AuditEvent.Action.DELEGATE_OFFERED,
        limit=limit,
        window=RATE_WINDOW,
        subject_email=leader.email,
    )
    if wait is None:
        return
    audit.record(
        AuditEvent.Action.DELEGATE_OFFER_RATE_LIMITED,
        actor=actor,
        origin=origin,
        subject=leader,
        delegate=email,
    )
    raise TooManyOffers(limit, wait)


def deliver_delegate_offer(offer_id: int, token: str) -> str:
    """E-mail an invitation ``offer_delegate`` made (background task). Returns what it sent:
    "invitation", "offer" or "nothing"."""
    offer = Invitation.objects.select_related("delegate_for").filter(pk=offer_id).first()
    if offer is None or not offer.is_open:
        return "nothing"
    leader = offer.delegate_for
    account = User.objects.filter(email=offer.email).first()
    if account is None:
        send_after_commit(
            offer.email,
            "accounts/email/invitation",
            {
                "invitation": offer,
                "inviter": leader,
                "url": absolute_url("accounts:invitation", token=token),
                "days": settings.INVITATION_EXPIRY_DAYS,
            },
        )
        return "invitation"
    if _may_act_for(account, leader):
        # No link that signs them in: they answer as themselves, signed in.
        send_after_commit(
            account.email,
            "accounts/email/delegate_offer",
            {"leader": leader, "offer": offer, "url": absolute_url("accounts:delegate_offers")},
        )
        return "offer"
    return "nothing"


def _may_act_for(account: User, leader: User) -> bool:
    return (
        account.role == Role.DELEGATE
        and account.is_active
        and account.pk != leader.pk
        and not active_delegations(leader).filter(delegate=account).exists()
    )


# The side of the person invited


def offers_to(user: User) -> QuerySet[Invitation]:
    """Every leader's invitation ever made to ``user``'s address, open or not."""
    return Invitation.objects.select_related("delegate_for").filter(
        email=user.email, delegate_for__isnull=False
    )


def open_offers_to(user: User) -> QuerySet[Invitation]:
    """The invitations ``user`` can still accept, oldest first."""
    return (
        offers_to(user)
        .filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            delegate_for__is_active=True,
            delegate_for__role=Role.MEMBER,
        )
        .exclude(delegate_for__in=user.acting_for.filter(revoked_at__isnull=True).values("leader"))
        .order_by("created_at")
    )


def accept_delegate_offer(offer: Invitation, *, actor: User, origin: Origin) -> Delegation:
    """``actor``, the person invited, accepts: from now on they act for the leader.
    An invitation is accepted once; two requests racing for it attach them once."""
    _check_addressed_to(offer, actor)
    if actor.role != Role.DELEGATE or not actor.is_active:
        raise DelegateError("Only a delegate's account can act for a leader")
    leader = User.objects.get(pk=offer.delegate_for_id)
    already = DelegateError(f"You already act for {leader}")
    with transaction.atomic():
        _close(offer, accepted_at=timezone.now())
        if not (leader.is_active and leader.role == Role.MEMBER):
            raise DelegateError(f"{leader} has withdrawn this invitation")
        if active_delegations(leader).filter(delegate=actor).exists():
            raise already
        try:
            # A savepoint, so that losing a race to the unique constraint leaves the
            # outer transaction usable for the error.
            with transaction.atomic():
                delegation = Delegation.objects.create(leader=leader, delegate=actor)
        except IntegrityError:
            raise already from None
        # The same record accept_invitation writes when a delegation starts by invitation.
        audit.record(
            AuditEvent.Action.DELEGATE_ADDED,
            actor=actor,
            origin=origin,
            subject=leader,
            delegate=actor.email,
        )
    return delegation


def decline_delegate_offer(offer: Invitation, *, actor: User, origin: Origin) -> None:
    """``actor``, the person invited, says no. Nothing changes for the leader but that
    the invitation no longer waits."""
    _check_addressed_to(offer, actor)
    now = timezone.now()
    with transaction.atomic():
        _close(offer, revoked_at=now, declined_at=now)
        audit.record(
            AuditEvent.Action.DELEGATE_OFFER_DECLINED,
            actor=actor,
            origin=origin,
            subject=offer.delegate_for,
            delegate=actor.email,
        )


def _check_addressed_to(offer: Invitation, user: User) -> None:
    if offer.delegate_for_id is None or normalise_email(offer.email) != normalise_email(user.email):
        raise DelegateError("This invitation was not sent to you")


def _close(offer: Invitation, **closed) -> None:
    """Answer an open invitation, or say why it can no longer be answered.

    A conditional update: of two requests answering the same invitation, one wins."""
    answered = Invitation.objects.filter(
        pk=offer.pk,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).update(**closed)
    if not answered:
        offer.refresh_from_db()
        raise DelegateError(_why_closed(offer))
    for name, value in closed.items():
        setattr(offer, name, value)


def _why_closed(offer: Invitation) -> str:
    leader = offer.delegate_for
    if offer.accepted_at:
        return "You have already accepted this invitation"
    if offer.declined_at:
        return f"You have declined this invitation: ask {leader} to send a new one"
    if offer.revoked_at:
        return f"{leader} has withdrawn this invitation"
    return f"This invitation has expired: ask {leader} to send a new one"
