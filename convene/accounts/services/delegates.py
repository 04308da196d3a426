"""Delegates: a member's PA, who may act for them where other parts of Convene allow.

How a delegation starts, by the delegate's consent, is in delegate_offers.py."""

from django.db import transaction
from django.utils import timezone

from convene.accounts.models import AuditEvent, Delegation, Invitation, User
from convene.accounts.services import audit, invitations
from convene.accounts.services.audit import Origin
from convene.accounts.services.mail import send_after_commit


class DelegateError(ValueError):
    """Why a delegation cannot be offered, accepted or declined, for the person trying."""


def active_delegations(leader: User):
    return leader.delegations.filter(revoked_at__isnull=True).select_related("delegate")


def acts_for(delegate: User, leader: User) -> bool:
    """May ``delegate`` act for ``leader`` now? Other parts of Convene ask this."""
    return (
        delegate.is_active
        and leader.is_active
        and Delegation.objects.filter(
            delegate=delegate, leader=leader, revoked_at__isnull=True
        ).exists()
    )


def open_delegate_invitations(leader: User):
    """The leader's invitations still waiting for an answer, whoever the address is."""
    return Invitation.objects.filter(
        delegate_for=leader,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    )


def revoke_delegate(delegation: Delegation, *, actor: User, origin: Origin) -> None:
    """End a delegation and tell the delegate. Ending one already ended does nothing."""
    with transaction.atomic():
        if _revoke(delegation, actor=actor, origin=origin):
            send_after_commit(
                delegation.delegate.email,
                "accounts/email/delegate_removed",
                {"leader": delegation.leader},
            )


def end_delegations_of_leader(leader: User, *, actor: User, origin: Origin, reason: str) -> None:
    """When a leader leaves (deactivated, or no longer a member) nobody may act for them,
    and invitations to do so are withdrawn. Delegates are not e-mailed."""
    with transaction.atomic():
        for delegation in active_delegations(leader).select_related("leader"):
            _revoke(delegation, actor=actor, origin=origin, reason=reason)
        for invitation in open_delegate_invitations(leader):
            invitations.revoke_invitation(invitation, actor=actor, origin=origin)


def end_delegations_of_delegate(
    delegate: User, *, actor: User, origin: Origin, reason: str
) -> None:
    """When a delegate leaves (deactivated, or no longer a delegate) they act for nobody."""
    with transaction.atomic():
        acting_for = delegate.acting_for.filter(revoked_at__isnull=True)
        for delegation in acting_for.select_related("leader", "delegate"):
            _revoke(delegation, actor=actor, origin=origin, reason=reason)


def _revoke(delegation: Delegation, *, actor: User, origin: Origin, reason: str = "") -> bool:
    now = timezone.now()
    # A conditional update, so two requests ending the same delegation record it once.
    ended = Delegation.objects.filter(pk=delegation.pk, revoked_at__isnull=True).update(
        revoked_at=now
    )
    if not ended:
        return False
    delegation.revoked_at = now
    extra = {"reason": reason} if reason else {}
    audit.record(
        AuditEvent.Action.DELEGATE_REVOKED,
        actor=actor,
        origin=origin,
        subject=delegation.leader,
        delegate=delegation.delegate.email,
        **extra,
    )
    return True
