"""Staff administration of accounts: change a role, deactivate, reactivate."""

from django.db import transaction
from django.db.models import F

from convene.accounts.models import AuditEvent, Role, User
from convene.accounts.services import audit, delegates
from convene.accounts.services.audit import Origin


class UserAdminError(ValueError):
    """A reason the change cannot be made, for the staff admin making it."""


def change_role(user: User, role: str, *, actor: User, origin: Origin) -> None:
    """Give ``user`` a new role. They are signed out everywhere, so that what they may see
    (and whether they need two-factor sign-in) changes from their next request."""
    if role not in Role.values:
        raise UserAdminError("Select a role from the list")
    if user.pk == actor.pk:
        raise UserAdminError("You cannot change your own role: ask another staff admin")
    with transaction.atomic():
        previous = User.objects.select_for_update().values_list("role", flat=True).get(pk=user.pk)
        if previous == role:
            raise UserAdminError(f"{user.email} is already a {Role(role).label.lower()}")
        User.objects.filter(pk=user.pk).update(role=role, session_epoch=F("session_epoch") + 1)
        audit.record(
            AuditEvent.Action.ROLE_CHANGED,
            actor=actor,
            origin=origin,
            subject=user,
            **{"from": previous, "to": role},
        )
        # Only members have delegates and only delegates act for them.
        reason = f"role changed from {previous} to {role}"
        if previous == Role.MEMBER:
            delegates.end_delegations_of_leader(user, actor=actor, origin=origin, reason=reason)
        if previous == Role.DELEGATE:
            delegates.end_delegations_of_delegate(user, actor=actor, origin=origin, reason=reason)
    user.refresh_from_db(fields=["role", "session_epoch"])


def deactivate_user(user: User, *, actor: User, origin: Origin) -> None:
    """Stop ``user`` signing in and end their sessions at once.

    Django's auth treats an inactive user as signed out; bumping the session epoch also
    ends their sessions for good, should they be reactivated later.
    """
    if user.pk == actor.pk:
        raise UserAdminError("You cannot deactivate your own account: ask another staff admin")
    with transaction.atomic():
        deactivated = User.objects.filter(pk=user.pk, is_active=True).update(
            is_active=False, session_epoch=F("session_epoch") + 1
        )
        if not deactivated:
            raise UserAdminError(f"{user.email} is already deactivated")
        audit.record(AuditEvent.Action.USER_DEACTIVATED, actor=actor, origin=origin, subject=user)
        reason = "account deactivated"
        delegates.end_delegations_of_leader(user, actor=actor, origin=origin, reason=reason)
        delegates.end_delegations_of_delegate(user, actor=actor, origin=origin, reason=reason)
    user.refresh_from_db(fields=["is_active", "session_epoch"])


def reactivate_user(user: User, *, actor: User, origin: Origin) -> None:
    """Let ``user`` sign in again. Delegations ended by deactivation stay ended."""
    with transaction.atomic():
        reactivated = User.objects.filter(pk=user.pk, is_active=False).update(is_active=True)
        if not reactivated:
            raise UserAdminError(f"{user.email} is already active")
        audit.record(AuditEvent.Action.USER_REACTIVATED, actor=actor, origin=origin, subject=user)
    user.refresh_from_db(fields=["is_active"])
