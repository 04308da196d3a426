"""Importing a checked plan: everything in one transaction, or nothing.

New people are written in bulk (a 10,000-row file must import in seconds); changed
profiles are saved one by one so that each change is recorded like an edit by hand.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from convene.accounts.models import AuditEvent, Role, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.mail import absolute_url, send_after_commit
from convene.directory.imports.checking import Plan, Planned
from convene.directory.models import Organisation, Profile, ProfileChange
from convene.directory.services import appointments, derived, facets, search_index

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
        _create(plan.to_create, organisations, actor)
        for planned in plan.to_change:
            _change(planned, organisations, actor)
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
    facets.changed()
    return Imported(created=len(plan.to_create), changed=len(plan.to_change))


def _create(rows: list[Planned], organisations: dict, actor: User | None) -> None:
    new_users = []
    for planned in rows:
        if planned.user is None:
            full_name = f"{planned.values['given_name']} {planned.values['family_name']}"
            user = User(email=planned.email, role=Role.MEMBER, full_name=full_name[:200])
            user.set_unusable_password()
            new_users.append(user)
            planned.user = user
    User.objects.bulk_create(new_users, batch_size=BATCH)
    profiles, titles = [], derived.JobTitles.load()
    for planned in rows:
        profile = Profile(
            user=planned.user,
            organisation=organisations[planned.organisation_id],
            **planned.values,
        )
        derived.fill(profile, titles)
        profiles.append(profile)
        planned.profile = profile
    Profile.objects.bulk_create(profiles, batch_size=BATCH)
    appointments.first_appointments(profiles)
    Profile.cohorts.through.objects.bulk_create(
        [
            Profile.cohorts.through(profile_id=planned.profile.pk, cohort_id=cohort_id)
            for planned in rows
            for cohort_id in set(planned.cohort_ids)
        ],
        batch_size=BATCH,
    )
    # After the cohorts: the entries copy them.
    search_index.refresh(profiles)
    ProfileChange.objects.bulk_create(
        [
            ProfileChange(profile=planned.profile, actor=actor, changes=planned.changes)
            for planned in rows
        ],
        batch_size=BATCH,
    )


MOVE = {"job_title", "organisation"}


def _change(planned: Planned, organisations: dict, actor: User | None) -> None:
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
        )
    rest = {name: values for name, values in planned.changes.items() if name not in MOVE}
    fields = [name for name in rest if name in planned.values]
    for name in fields:
        setattr(profile, name, planned.values[name])
    if fields:
        profile.save(update_fields=fields)
    if "cohorts" in rest:
        profile.cohorts.add(*planned.cohort_ids)
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
