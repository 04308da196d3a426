"""Editing a profile: by its leader, their delegate, or staff. Every change is recorded."""

from django.db import transaction

from convene.accounts.models import AuditEvent, Role, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.delegates import acts_for
from convene.directory.models import Profile, ProfileChange
from convene.directory.services import derived_data

EDITABLE_FIELDS = [
    "title",
    "given_name",
    "family_name",
    "pronouns",
    "job_title",
    "bio",
    "working_on",
    "can_help_with",
    "want_help_with",
    "topics",
    "work_email",
    "work_email_visibility",
    "phone",
    "phone_visibility",
    "pa_name",
    "pa_name_visibility",
    "pa_email",
    "pa_email_visibility",
    "pa_phone",
    "pa_phone_visibility",
    "linkedin_url",
    "linkedin_url_visibility",
    "social_links",
    "social_links_visibility",
]


def can_edit(user: User, profile: Profile) -> bool:
    return (
        user.pk == profile.user_id
        or user.role == Role.STAFF_ADMIN
        or (user.role == Role.DELEGATE and acts_for(user, profile.user))
    )


def update_profile(
    profile: Profile, data: dict, *, actor: User, origin: Origin
) -> ProfileChange | None:
    """Save the fields in ``data`` that changed, record them, and derive again what depends
    on them. None if nothing changed."""
    changes = {
        field: [getattr(profile, field), data[field]]
        for field in EDITABLE_FIELDS
        if field in data and getattr(profile, field) != data[field]
    }
    if not changes:
        return None
    with transaction.atomic():
        for field, (_, new) in changes.items():
            setattr(profile, field, new)
        profile.save(update_fields=list(changes))
        change = ProfileChange.objects.create(profile=profile, actor=actor, changes=changes)
        # The values are in the profile's own history; the audit log says who and where.
        audit.record(
            AuditEvent.Action.PROFILE_CHANGED,
            actor=actor,
            origin=origin,
            subject=profile.user,
            fields=sorted(changes),
        )
        derived_data.refresh_derived([profile], changes)
    return change
