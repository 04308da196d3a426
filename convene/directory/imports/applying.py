"""Importing a checked plan: everything in one transaction, or nothing.

New people are written in bulk (a 10,000-row file must import in seconds) by the one
function that creates every profile (``profiles.create_profiles``); changed profiles are
saved one by one so that each change is recorded like an edit by hand, and each leader
whose profile changed is told once, the notices written in bulk. Both have the
consequences an edit by hand has, for all the rows at once: memberships through the
cohorts' service (graph edges included), and one ``refresh_derived`` for the profiles
changed (titles, topics, appointments, search entries, and peer vectors after commit).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from convene.accounts.models import AuditEvent, Role, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.mail import absolute_url, send_after_commit
from convene.directory.imports.checking import Plan, Planned
from convene.directory.models import Organisation, ProfileChange
from convene.directory.services import appointments, derived_data, history, profiles
from convene.programmes.models import Cohort
from convene.programmes.services import cohorts

BATCH = 1000


@dataclass(frozen=True)
class Imported:
    created: int
    changed: int


def apply(
    plan: Plan, *, actor: User | None, origin: Origin, filename: str, invite: bool
) -> Imported:
    if not plan.can_import:
        raise ValueError("Only a plan with no problems and something to do can be imported")
    organisations = Organisation.objects.in_bulk(
        {planned.organisation_id for planned in plan.to_create + plan.to_change}
    )
    with transaction.atomic():
        _create(plan.to_create, organisations, actor, origin)
        for planned in plan.to_change:
            _change(planned, organisations, actor, origin)
        _join_cohorts(plan.to_create + plan.to_change, actor, origin)
        # One notice a leader for all the import changed, written in bulk; new people
        # are not told that their profile changed (they are invited, or not, below).
        history.tell_leaders_of_import([planned.profile for planned in plan.to_change], actor=actor)
        derived_data.refresh_derived([planned.profile for planned in plan.to_change], None)
        audit.record(
            AuditEvent.Action.PEOPLE_IMPORTED,
            actor=actor,
            origin=origin,
            file=filename,
            created=len(plan.to_create),
            changed=len(plan.to_change),
            invitations=invite,
        )
        if invite:
            for planned in plan.to_create:
                _tell_them(planned)
    return Imported(created=len(plan.to_create), changed=len(plan.to_change))


def _create(rows: list[Planned], organisations: dict, actor: User | None, origin: Origin) -> None:
    new_users = []
    for planned in rows:
        if planned.user is None:
            full_name = f"{planned.values['given_name']} {planned.values['family_name']}"
            user = User(email=planned.email, role=Role.MEMBER, full_name=full_name[:200])
            user.set_unusable_password()
            new_users.append(user)
            planned.user = user
    User.objects.bulk_create(new_users, batch_size=BATCH)
    created = profiles.create_profiles(
        [
            profiles.NewProfile(
                user=planned.user,
                organisation=organisations[planned.organisation_id],
                fields=planned.values,
                changes=planned.changes,
            )
            for planned in rows
        ],
        actor=actor,
        origin=origin,
    )
    for planned, profile in zip(rows, created, strict=True):
        planned.profile = profile


def _join_cohorts(rows: list[Planned], actor: User | None, origin: Origin) -> None:
    joining = defaultdict(list)
    for planned in rows:
        for cohort_id in set(planned.cohort_ids):
            joining[cohort_id].append(planned.profile)
    named = Cohort.objects.in_bulk(joining)
    cohorts.add_memberships(
        {named[pk]: people for pk, people in joining.items()}, actor=actor, origin=origin
    )


MOVE = {"job_title", "organisation"}


def _change(planned: Planned, organisations: dict, actor: User | None, origin: Origin) -> None:
    """A new title or organisation is a move (the old role is ended and kept); other
    fields are corrected in place."""
    profile = planned.profile
    if MOVE & set(planned.changes):
        appointments.start_new_role(
            profile,
            job_title=planned.values["job_title"] or profile.job_title,
            organisation=organisations[planned.organisation_id],
            started_on=timezone.localdate(),
            actor=actor,
            origin=origin,
            tell_leader=False,
        )
    rest = {name: values for name, values in planned.changes.items() if name not in MOVE}
    fields = [name for name in rest if name in planned.values]
    for name in fields:
        setattr(profile, name, planned.values[name])
    if fields:
        profile.save(update_fields=fields)
    if rest:
        ProfileChange.objects.create(profile=profile, actor=actor, changes=rest)


def _tell_them(planned: Planned) -> None:
    send_after_commit(
        planned.email,
        "directory/email/added",
        {
            "name": planned.values["given_name"],
            "url": absolute_url("accounts:sign_in"),
            "profile_url": absolute_url("directory:profile", profile_id=planned.profile.pk),
        },
        # A file's worth of invitations must not queue ahead of sign-in links (ADR 19).
        queue_name=settings.PEOPLE_IMPORT_QUEUE,
    )
