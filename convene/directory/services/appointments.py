"""Roles over time. A leader's current appointment is mirrored on their profile (search
reads the profile); moving job ends it and starts another, so the history is kept.

Editing the job title on the profile corrects the current appointment; recording a new
role (or an import that changes someone's organisation or title) is a move.
"""

import datetime

from django.db import transaction

from convene.accounts.models import User
from convene.accounts.services.audit import Origin
from convene.directory.models import Appointment, Organisation, Profile
from convene.directory.services import derived_data, history


class RoleRefused(ValueError):
    """Why the new role cannot be recorded, for the person recording it."""


MIRRORED = ["job_title", "normalised_title_id", "organisation_id"]
BATCH = 1000


def mirror_current(profiles: list[Profile]) -> None:
    """Make each profile's current appointment say what the profile says, creating it if
    need be: a few queries for any number of profiles (services/derived_data.py calls it)."""
    for start in range(0, len(profiles), BATCH):
        batch = profiles[start : start + BATCH]
        current = {
            appointment.profile_id: appointment
            for appointment in Appointment.objects.filter(
                profile_id__in=[profile.pk for profile in batch], ended_on__isnull=True
            )
        }
        new, changed = [], []
        for profile in batch:
            values = {field: getattr(profile, field) for field in MIRRORED}
            appointment = current.get(profile.pk)
            if appointment is None:
                new.append(Appointment(profile_id=profile.pk, **values))
            elif any(getattr(appointment, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(appointment, field, value)
                changed.append(appointment)
        Appointment.objects.bulk_create(new)
        Appointment.objects.bulk_update(changed, MIRRORED)


def start_new_role(
    profile: Profile,
    *,
    job_title: str,
    organisation: Organisation,
    started_on: datetime.date,
    actor: User | None,
    origin: Origin,
    tell_leader: bool = True,
) -> Appointment:
    """End the current appointment the day the new one starts, and record the move
    (``tell_leader`` as ``history.record_change`` takes it)."""
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
        profile.save(update_fields=["job_title", "organisation"])
        history.record_change(profile, changes, actor=actor, origin=origin, tell_leader=tell_leader)
        # Classifies the new title and mirrors it onto the new appointment, among the rest.
        derived_data.refresh_derived([profile], {"job_title", "organisation"})
    return profile.appointments.get(ended_on__isnull=True)
