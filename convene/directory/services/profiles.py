"""Creating a member's profile, and editing it: by its leader, their delegate, or staff.
Every change is recorded."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from convene.accounts.models import Role, User
from convene.accounts.services import delegates
from convene.directory.models import Organisation, Profile, ProfileChange
from convene.directory.services import appointments, derived, facets, search_index

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


def can_edit(user: User, profile: Profile) -> bool:
    # delegates.acts_for, read when called: delegates imports invitations, which imports this.
    return (
        user.pk == profile.user_id
        or user.role == Role.STAFF_ADMIN
        or (user.role == Role.DELEGATE and delegates.acts_for(user, profile.user))
    )


def update_profile(profile: Profile, data: dict, *, actor: User) -> ProfileChange | None:
    """Save the fields in ``data`` that changed, and record them. None if nothing changed."""
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
        return ProfileChange.objects.create(profile=profile, actor=actor, changes=changes)


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
    set here; ``cohort_ids`` the cohorts it starts in."""

    user: User
    organisation: Organisation
    fields: dict
    cohort_ids: Sequence[int] = ()
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
) -> Profile:
    """Give a member their profile, in the caller's transaction (the one creating the
    account or making it a member's)."""
    fields = {"given_name": given_name, "family_name": family_name, "job_title": job_title}
    (profile,) = create_profiles([NewProfile(user, organisation, fields)], actor=actor)
    return profile


def create_profiles(new: Sequence[NewProfile], *, actor: User | None) -> list[Profile]:
    """Create profiles, in bulk, with everything a profile derives: normalised title, topic
    tags, current appointment, cohorts, search entry, and a first history entry. Every
    profile is created here: an invitation accepted, a role changed to member, an import."""
    if any(item.user.role != Role.MEMBER for item in new):
        raise ValueError("Only members have a profile")
    titles = derived.JobTitles.load()
    profiles = []
    for item in new:
        profile = Profile(user=item.user, organisation=item.organisation, **item.fields)
        derived.fill(profile, titles)
        profiles.append(profile)
    with transaction.atomic():
        Profile.objects.bulk_create(profiles, batch_size=BATCH)
        derived.tag_topics(profile for profile in profiles if profile.topics)
        appointments.first_appointments(profiles)
        Profile.cohorts.through.objects.bulk_create(
            [
                Profile.cohorts.through(profile_id=profile.pk, cohort_id=cohort_id)
                for profile, item in zip(profiles, new, strict=True)
                for cohort_id in set(item.cohort_ids)
            ],
            batch_size=BATCH,
        )
        # After the cohorts: the entries copy them.
        search_index.refresh(profiles)
        ProfileChange.objects.bulk_create(
            [
                ProfileChange(profile=profile, actor=actor, changes=_first_changes(item))
                for profile, item in zip(profiles, new, strict=True)
            ],
            batch_size=BATCH,
        )
        transaction.on_commit(facets.changed)
    return profiles


def _first_changes(item: NewProfile) -> dict:
    if item.changes is not None:
        return item.changes
    changes = {name: ["", value] for name, value in item.fields.items() if value}
    return {**changes, "organisation": ["", item.organisation.name]}


def still_to_complete(profile: Profile) -> list[str]:
    """What the member has yet to say of the texts their first page asks for."""
    return [label for name, label in TO_COMPLETE.items() if not getattr(profile, name).strip()]
