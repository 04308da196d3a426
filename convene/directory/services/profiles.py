"""Creating a member's profile, and editing it: by its leader, their delegate, or staff.
Every change is recorded."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from convene.accounts.models import Role, User
from convene.accounts.services import delegates
from convene.accounts.services.audit import Origin
from convene.directory.models import Organisation, Profile, ProfileChange
from convene.directory.services import derived_data, history

BATCH = 1000

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


def looked_after_by(user: User) -> list[Profile]:
    """The profiles ``user`` looks after: a member's own; the leaders a delegate acts for
    now (``delegates.acts_for``), by name. One query, for the navigation and the account page."""
    if user.role == Role.MEMBER:
        return list(Profile.objects.filter(user=user))
    if user.role == Role.DELEGATE:
        return list(
            Profile.objects.filter(
                user__delegations__delegate=user,
                user__delegations__revoked_at__isnull=True,
                user__is_active=True,
                user__role=Role.MEMBER,
            ).order_by("family_name", "given_name", "pk")
        )
    return []


def can_edit(user: User, profile: Profile) -> bool:
    # delegates.acts_for, read when called: delegates imports invitations, which imports this.
    return (
        user.pk == profile.user_id
        or user.role == Role.STAFF_ADMIN
        or (user.role == Role.DELEGATE and delegates.acts_for(user, profile.user))
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
        change = history.record_change(profile, changes, actor=actor, origin=origin)
        derived_data.refresh_derived([profile], changes)
    return change


# Creating profiles


# What a new member's first page asks them for, until each is filled: the texts peer
# suggestions, "Ask the network" and introductions are made from.
TO_COMPLETE = {
    "working_on": "what you are working on",
    "can_help_with": "what you can help with",
    "want_help_with": "what you would like help with",
}


@dataclass
class NewProfile:
    """A profile to create: its member, organisation and any of the editable fields (names
    and job title at least). ``changes`` is what its history records, if not every field
    set here (``{}``: nothing, for a profile given as it already stood). Cohorts are
    joined afterwards, through the cohorts' service."""

    user: User
    organisation: Organisation
    fields: dict
    changes: dict | None = None


def split_full_name(full_name: str) -> tuple[str, str]:
    """ "Ursula von der Leyen" -> ("Ursula", "von der Leyen"): the first word, then the rest.
    The member corrects it on their profile if that is wrong."""
    given, _, family = " ".join(full_name.split()).partition(" ")
    return given, family


def create_profile(
    user: User,
    *,
    organisation: Organisation,
    job_title: str,
    given_name: str,
    family_name: str,
    actor: User | None,
    origin: Origin,
) -> Profile:
    """Give a member their profile, in the caller's transaction (the one creating the
    account or making it a member's)."""
    fields = {"given_name": given_name, "family_name": family_name, "job_title": job_title}
    (profile,) = create_profiles(
        [NewProfile(user, organisation, fields)], actor=actor, origin=origin
    )
    return profile


def create_profiles(
    new: Sequence[NewProfile], *, actor: User | None, origin: Origin
) -> list[Profile]:
    """Create profiles, in bulk, with a first history entry and everything a profile
    derives (``refresh_derived``: normalised title, topic tags, current appointment,
    search entry, peer vectors after commit). Every profile is created here: an
    invitation accepted, a role changed to member, an import, the demo. The caller's
    audit row (invitation accepted, role changed, people imported) records the origin."""
    if any(item.user.role != Role.MEMBER for item in new):
        raise ValueError("Only members have a profile")
    profiles = [
        Profile(user=item.user, organisation=item.organisation, **item.fields) for item in new
    ]
    with transaction.atomic():
        Profile.objects.bulk_create(profiles, batch_size=BATCH)
        firsts = [
            (profile, _first_changes(item)) for profile, item in zip(profiles, new, strict=True)
        ]
        ProfileChange.objects.bulk_create(
            [
                ProfileChange(profile=profile, actor=actor, changes=first)
                for profile, first in firsts
                if first
            ],
            batch_size=BATCH,
        )
        derived_data.refresh_derived(profiles, None)
    return profiles


def _first_changes(item: NewProfile) -> dict:
    if item.changes is not None:
        return item.changes
    changes = {name: ["", value] for name, value in item.fields.items() if value}
    return {**changes, "organisation": ["", item.organisation.name]}


def still_to_complete(profile: Profile) -> list[str]:
    """What the member has yet to say of the texts their first page asks for."""
    return [label for name, label in TO_COMPLETE.items() if not getattr(profile, name).strip()]
