"""Staff administration of accounts: change a role, deactivate, reactivate."""

from django.db import transaction
from django.db.models import F

from convene.accounts.models import AuditEvent, Role, User
from convene.accounts.services import audit, delegates
from convene.accounts.services.audit import Origin
from convene.directory.models import Organisation, Profile
from convene.directory.services import facets, profiles


class UserAdminError(ValueError):
    """A reason the change cannot be made, for the staff admin making it; ``field`` names
    the form field it is about."""

    def __init__(self, message: str, *, field: str = "role"):
        super().__init__(message)
        self.field = field


def change_role(
    user: User,
    role: str,
    *,
    actor: User,
    origin: Origin,
    full_name: str = "",
    organisation: Organisation | None = None,
    job_title: str = "",
) -> None:
    """Give ``user`` a new role. They are signed out everywhere, so that what they may see
    (and whether they need two-factor sign-in) changes from their next request.

    Every member has a profile: one who had none is given one, named ``full_name`` (their
    account's name if blank), in ``organisation`` as ``job_title``. A member who stops
    being one keeps theirs, left out of the directory and suggestions while they are not
    a member, and listed again if they become one (docs/decisions/0025)."""
    if role not in Role.values:
        raise UserAdminError("Select a role from the list")
    if user.pk == actor.pk:
        raise UserAdminError("You cannot change your own role: ask another staff admin")
    with transaction.atomic():
        previous = User.objects.select_for_update().values_list("role", flat=True).get(pk=user.pk)
        if previous == role:
            raise UserAdminError(f"{user.email} is already a {Role(role).label.lower()}")
        needs_profile = needs_a_profile(user, role)
        full_name = full_name or user.full_name
        detail = {"from": previous, "to": role}
        if needs_profile:
            for field, problem in profile_problems(full_name, organisation, job_title).items():
                raise UserAdminError(problem, field=field)
            detail.update(organisation=organisation.name, job_title=job_title.strip())
        User.objects.filter(pk=user.pk).update(role=role, session_epoch=F("session_epoch") + 1)
        audit.record(
            AuditEvent.Action.ROLE_CHANGED, actor=actor, origin=origin, subject=user, **detail
        )
        user.refresh_from_db(fields=["role", "session_epoch"])
        if needs_profile:
            given_name, family_name = profiles.split_full_name(full_name)
            profiles.create_profile(
                user,
                organisation=organisation,
                job_title=job_title.strip(),
                given_name=given_name,
                family_name=family_name,
                actor=actor,
                origin=origin,
            )
        elif Role.MEMBER in (previous, role):
            # Listed in the directory, or no longer: its counts change.
            transaction.on_commit(facets.changed)
        # Only members have delegates and only delegates act for them.
        reason = f"role changed from {previous} to {role}"
        if previous == Role.MEMBER:
            delegates.end_delegations_of_leader(user, actor=actor, origin=origin, reason=reason)
        if previous == Role.DELEGATE:
            delegates.end_delegations_of_delegate(user, actor=actor, origin=origin, reason=reason)


def needs_a_profile(user: User, role: str) -> bool:
    """Would making ``user`` a ``role`` give them a profile? (A former member has one still.)"""
    return role == Role.MEMBER and not Profile.objects.filter(user=user).exists()


def profile_problems(
    full_name: str, organisation: Organisation | None, job_title: str
) -> dict[str, str]:
    """What stops a new member's profile being made, by field."""
    problems = {}
    if not profiles.split_full_name(full_name)[1]:
        problems["full_name"] = "Enter their full name: their first and last names"
    if organisation is None:
        problems["organisation"] = "Enter their organisation"
    if not job_title.strip():
        problems["job_title"] = "Enter their job title"
    return problems


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
        # No longer listed: the directory's cached counts are out of date.
        transaction.on_commit(facets.changed)
    user.refresh_from_db(fields=["is_active", "session_epoch"])


def reactivate_user(user: User, *, actor: User, origin: Origin) -> None:
    """Let ``user`` sign in again. Delegations ended by deactivation stay ended."""
    with transaction.atomic():
        reactivated = User.objects.filter(pk=user.pk, is_active=False).update(is_active=True)
        if not reactivated:
            raise UserAdminError(f"{user.email} is already active")
        audit.record(AuditEvent.Action.USER_REACTIVATED, actor=actor, origin=origin, subject=user)
        transaction.on_commit(facets.changed)
    user.refresh_from_db(fields=["is_active"])
