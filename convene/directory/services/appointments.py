"""Roles over time. A leader's current appointment is mirrored on their profile (search
reads the profile); moving job ends it and starts another, so the history is kept.

Editing the job title on the profile corrects the current appointment; recording a new
role (or an import that changes someone's organisation or title) is a move.
"""

import datetime

from django.db import transaction

from convene.accounts.models import User
from convene.directory.models import Appointment, Organisation, Profile, ProfileChange


class RoleRefused(ValueError):
    """Why the new role cannot be recorded, for the person recording it."""


def mirror_current(profile: Profile) -> None:
    """Make the current appointment say what the profile says (creating it if need be)."""
    values = {
        "job_title": profile.job_title,
        "normalised_title_id": profile.normalised_title_id,
        "organisation_id": profile.organisation_id,
    }
    updated = Appointment.objects.filter(profile=profile, ended_on__isnull=True).update(**values)
    if not updated:
        Appointment.objects.create(profile=profile, **values)


def first_appointments(profiles: list[Profile]) -> None:
    """Current appointments for profiles written in bulk (bulk_create skips save)."""
    Appointment.objects.bulk_create(
        [
            Appointment(
                profile_id=profile.pk,
                job_title=profile.job_title,
                normalised_title_id=profile.normalised_title_id,
                organisation_id=profile.organisation_id,
            )
            for profile in profiles
        ],
        batch_size=1000,
    )


def start_new_role(
    profile: Profile,
    *,
    job_title: str,
    organisation: Organisation,
    started_on: datetime.date,
    actor: User | None,
) -> Appointment:
    """End the current appointment the day the new one starts, and record the move."""
    with transaction.atomic():
        current = (
            Appointment.objects.select_for_update()
            .filter(profile=profile, ended_on__isnull=True)
            .first()
        )
        if current and current.started_on and started_on < current.started_on:
            raise RoleRefused(
                f"The new role must start on or after {current.started_on:%-d %B %Y}, "
                "when the current one started"
            )
        if current:
            current.ended_on = started_on
            current.save(update_fields=["ended_on"])
        changes = {
            "job_title": [profile.job_title, job_title],
            "organisation": [profile.organisation.name, organisation.name],
            "role_started_on": ["", started_on.isoformat()],
        }
        Appointment.objects.create(
            profile=profile,
            job_title=job_title,
            organisation=organisation,
            started_on=started_on,
        )
        profile.job_title = job_title
        profile.organisation = organisation
        # save() classifies the title and mirrors it onto the new appointment.
        profile.save(update_fields=["job_title", "organisation"])
        ProfileChange.objects.create(profile=profile, actor=actor, changes=changes)
    return profile.appointments.get(ended_on__isnull=True)
