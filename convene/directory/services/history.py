"""A profile's history: every change to it, by whom, shown to those who keep it."""

from convene.accounts.models import AuditEvent, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.directory.models import Profile, ProfileChange


def record_change(
    profile: Profile, changes: dict, *, actor: User | None, origin: Origin
) -> ProfileChange:
    """Keep ``changes`` (field: [before, after]) in the profile's history, and say in the
    audit log who changed which fields from where (the values stay in the history)."""
    change = ProfileChange.objects.create(profile=profile, actor=actor, changes=changes)
    audit.record(
        AuditEvent.Action.PROFILE_CHANGED,
        actor=actor,
        origin=origin,
        subject=profile.user,
        fields=sorted(changes),
    )
    return change
