"""Delegates: a member's PA, who may act for them where other parts of Convene allow."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from convene.accounts.models import AuditEvent, Delegation, Invitation, Role, User
from convene.accounts.services import audit, invitations
from convene.accounts.services.audit import Origin
from convene.accounts.services.mail import absolute_url, send_after_commit
from convene.accounts.services.sign_in import normalise_email

NOT_A_DELEGATE_ACCOUNT = "That address belongs to an account that cannot act as a delegate"


class DelegateError(ValueError):
    """A reason the delegate cannot be added, for the member adding them."""


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
    return Invitation.objects.filter(
        delegate_for=leader,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    )


def invite_delegate(
    leader: User, email: str, full_name: str = "", *, actor: User, origin: Origin
) -> Delegation | Invitation:
    """Make ``email`` the leader's delegate: at once if they already have a delegate's
    account, otherwise by invitation (accepting it creates the delegation)."""
    email = normalise_email(email)
    if leader.role != Role.MEMBER or not leader.is_active:
        raise DelegateError("Only members can have delegates")
    if email == leader.email:
        raise DelegateError("You cannot be your own delegate: enter your PA's e-mail address")
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        return _invite_new_delegate(leader, email, full_name, actor=actor, origin=origin)
    if existing.role != Role.DELEGATE:
        raise DelegateError(NOT_A_DELEGATE_ACCOUNT)
    if not existing.is_active:
        raise DelegateError(
            "That delegate's account has been deactivated: contact the Convene team"
        )
    return _add_delegation(leader, existing, actor=actor, origin=origin)


def _add_delegation(leader: User, delegate: User, *, actor: User, origin: Origin) -> Delegation:
    already = DelegateError(f"{delegate.email} already acts for you")
    with transaction.atomic():
        if active_delegations(leader).filter(delegate=delegate).exists():
            raise already
        try:
            # A savepoint, so that losing a race to the unique constraint leaves the
            # outer transaction usable for the error.
            with transaction.atomic():
                delegation = Delegation.objects.create(leader=leader, delegate=delegate)
        except IntegrityError:
            raise already from None
        # The same record accept_invitation writes when a delegation starts by invitation.
        audit.record(
            AuditEvent.Action.DELEGATE_ADDED,
            actor=actor,
            origin=origin,
            subject=leader,
            delegate=delegate.email,
        )
        send_after_commit(
            delegate.email,
            "accounts/email/delegate_added",
            {"leader": leader, "url": absolute_url("accounts:sign_in")},
        )
    return delegation


def _invite_new_delegate(
    leader: User, email: str, full_name: str, *, actor: User, origin: Origin
) -> Invitation:
    # Each invitation e-mails an address the member chose; a small cap stops a member's
    # account being used to send invitations in bulk.
    limit = settings.DELEGATE_INVITATIONS_OPEN_MAX
    waiting = open_delegate_invitations(leader).exclude(email__iexact=email)
    if waiting.count() >= limit:
        raise DelegateError(
            f"You have {limit} invitations waiting to be accepted: "
            "wait until one is accepted or expires, or contact the Convene team"
        )
    # invitations.invite replaces any open invitation to the address. Only this leader's own
    # invitation may be replaced: never one from staff or from another leader.
    others = Invitation.objects.filter(
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exclude(delegate_for=leader)
    if others.exists():
        raise DelegateError(
            "That address has already been invited to Convene. Once they have accepted, "
            "add them here again and they will act for you straight away"
        )
    try:
        return invitations.invite(
            email,
            role=Role.DELEGATE,
            actor=actor,
            origin=origin,
            full_name=full_name,
            delegate_for=leader,
        )
    except invitations.InvitationError as error:
        raise DelegateError(str(error)) from None


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
