"""A profile's history: every change to it, by whom, shown to those who keep it, and
the leader told when someone else made it."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils.html import format_html
from django.utils.safestring import SafeString

from convene.accounts.models import STAFF_ROLES, AuditEvent, Role, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.directory.models import (
    CONTACT_FIELDS,
    VISIBLE_NOUNS,
    Profile,
    ProfileChange,
    Visibility,
)
from convene.directory.services.visibility import viewer_for, visible_levels
from convene.directory.services.word_diff import MARKS, word_diff
from convene.notifications.models import Notice
from convene.notifications.notices import notify, notify_all


def record_change(
    profile: Profile,
    changes: dict,
    *,
    actor: User | None,
    origin: Origin,
    tell_leader: bool = True,
) -> ProfileChange:
    """Keep ``changes`` (field: [before, after], each value whole) in the profile's
    history, say in the audit log who changed which fields from where (the values stay in
    the history), and leave the leader a notice if someone else made the change (an
    import tells them once for all its changes: ``tell_leader=False``)."""
    change = ProfileChange.objects.create(profile=profile, actor=actor, changes=changes)
    audit.record(
        AuditEvent.Action.PROFILE_CHANGED,
        actor=actor,
        origin=origin,
        subject=profile.user,
        fields=sorted(changes),
    )
    if tell_leader and actor is not None and actor.pk != profile.user_id:
        notify(profile.user, Notice.Kind.PROFILE_CHANGED, person=profile.user, by=actor)
    return change


def tell_leaders_of_import(profiles: Sequence[Profile], *, actor: User | None) -> None:
    """One notice to each leader whose profile an import changed, however many fields,
    written in one statement for the whole file."""
    notify_all(
        Notice.Kind.PROFILE_IMPORTED,
        [(profile.user, {"person": profile.user, "by": actor}) for profile in profiles],
    )


def changed_by(actor: User | None, *, leader: User, reader: User) -> str:
    """Who made a change to ``leader``'s profile, as ``reader``'s pages name them: staff
    read each other's names; leaders and delegates read "Convene staff"."""
    if actor is None:
        return "Convene (an import or a person since removed)"
    if actor.pk == reader.pk:
        return "you"
    if actor.pk == leader.pk:
        return str(getattr(leader, "profile", None) or leader)
    if actor.role == Role.DELEGATE:
        whose = "your" if reader.pk == leader.pk else "their"
        return f"{whose} delegate {actor}"
    if actor.role in STAFF_ROLES:
        return str(actor) if reader.role in STAFF_ROLES else "Convene staff"
    return "another leader"


# Each field as the history names it. The three texts and the biography are spoken of
# as the profile's own page speaks of them: "What you are working on" to the leader.
LABELS = {
    "title": "Title",
    "given_name": "First name",
    "family_name": "Last name",
    "pronouns": "Pronouns",
    "job_title": "Job title",
    "organisation": "Organisation",
    "role_started_on": "Start of the role",
    "topics": "Topics",
    "cohorts": "Cohorts",
    "photo": "Photo",
    **CONTACT_FIELDS,
    **{f"{field}_visibility": f"Who can see the {noun}" for field, noun in VISIBLE_NOUNS.items()},
}
SPOKEN = {
    "bio": ("About you", "About {name}"),
    "working_on": ("What you are working on", "What {name} is working on"),
    "can_help_with": ("What you can help with", "What {name} can help with"),
    "want_help_with": ("What you would like help with", "What {name} would like help with"),
}
# Shown as one value replacing another: a word diff of these would say nothing.
WHOLE = {"photo", "role_started_on", *(f"{field}_visibility" for field in CONTACT_FIELDS)}
VISIBILITY_LABELS = dict(Visibility.choices)


def label(field: str, profile: Profile, reader: User) -> str:
    if field in SPOKEN:
        own, others = SPOKEN[field]
        return own if reader.pk == profile.user_id else others.format(name=profile.given_name)
    return LABELS.get(field, field.replace("_", " ").capitalize())


def _whole(field: str, old, new) -> SafeString:
    if field.endswith("_visibility"):
        old, new = VISIBILITY_LABELS.get(old, old), VISIBILITY_LABELS.get(new, new)
    pieces = [format_html(MARKS["del"], old) if old else ""]
    pieces.append(format_html(MARKS["ins"], new) if new else "")
    return format_html("{} {}", *pieces)


@dataclass(frozen=True)
class ShownChange:
    changed_at: datetime
    by: str
    # (label, the words that changed as escaped HTML)
    fields: list[tuple[str, SafeString]]


def hidden_from(profile: Profile, reader: User) -> set[str]:
    """The contact fields (and their visibility) ``reader`` could not see on the profile:
    their history is not shown to them either."""
    levels = visible_levels(profile, viewer_for(reader))
    private = {f for f in CONTACT_FIELDS if getattr(profile, f"{f}_visibility") not in levels}
    return private | {f"{field}_visibility" for field in private}


def shown_history(
    profile: Profile, changes: Iterable[ProfileChange], reader: User
) -> list[ShownChange]:
    """Each change as ``reader`` may see it: fields labelled, the words that changed."""
    hidden = hidden_from(profile, reader)
    shown = []
    for change in changes:
        fields = [
            (
                label(field, profile, reader),
                _whole(field, *values) if field in WHOLE else word_diff(*values),
            )
            for field, values in change.changes.items()
            if field not in hidden
        ]
        if fields:
            by = changed_by(change.actor, leader=profile.user, reader=reader)
            shown.append(ShownChange(change.changed_at, by[:1].upper() + by[1:], fields))
    return shown
