"""Who is in a cohort. Each change is one transaction with its audit row; the members'
search entries (which hold their cohorts, for the directory's counts) follow, and people
joining are joined in the connection graph to everyone in the cohort.

Every writer of memberships comes here, one person or an import's thousands alike:
nothing else writes ``Profile.cohorts`` (docs/decisions/0026-one-writer-per-change.md).
"""

from collections.abc import Iterable, Mapping

from django.db import transaction

from convene.accounts.models import AuditEvent, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.connections.services import graph
from convene.directory.models import Profile
from convene.directory.services import derived_data
from convene.programmes.models import Cohort

Membership = Profile.cohorts.through
BATCH = 1000


def add_members(
    cohort: Cohort, profiles: Iterable[Profile], *, actor: User | None, origin: Origin
) -> int:
    """Put these people in the cohort (those already in it stay as they are); how many joined."""
    return add_memberships({cohort: profiles}, actor=actor, origin=origin)


def add_memberships(
    members: Mapping[Cohort, Iterable[Profile]], *, actor: User | None, origin: Origin
) -> int:
    """``add_members`` for several cohorts at once, with the same consequences: one audit
    row per cohort someone joined, and the search entries of everyone who joined any of
    them refreshed once. How many memberships were new."""
    joined: set[int] = set()
    added = 0
    with transaction.atomic():
        for cohort, profiles in members.items():
            held = set(
                Membership.objects.filter(cohort=cohort).values_list("profile_id", flat=True)
            )
            new = sorted({profile.pk for profile in profiles} - held)
            if not new:
                continue
            Membership.objects.bulk_create(
                [Membership(cohort_id=cohort.pk, profile_id=pk) for pk in new], batch_size=BATCH
            )
            _record(AuditEvent.Action.COHORT_MEMBERS_ADDED, cohort, new, actor, origin)
            graph.connect_cohort(cohort.pk)
            joined.update(new)
            added += len(new)
        derived_data.refresh_derived_ids(joined, {derived_data.COHORTS})
    return added


def remove_members(
    cohort: Cohort, profiles: Iterable[Profile], *, actor: User | None, origin: Origin
) -> int:
    """Take these people out of the cohort; how many were in it. Their shared-cohort edges
    stay: they did share it."""
    with transaction.atomic():
        leaving = Membership.objects.filter(
            cohort=cohort, profile_id__in=[profile.pk for profile in profiles]
        )
        ids = sorted(leaving.values_list("profile_id", flat=True))
        if not ids:
            return 0
        leaving.delete()
        _record(AuditEvent.Action.COHORT_MEMBERS_REMOVED, cohort, ids, actor, origin)
        derived_data.refresh_derived_ids(ids, {derived_data.COHORTS})
    return len(ids)


def delete_cohort(cohort: Cohort, *, actor: User | None, origin: Origin) -> None:
    """Delete the cohort and its memberships (its learning sets go with it)."""
    with transaction.atomic():
        ids = list(Membership.objects.filter(cohort=cohort).values_list("profile_id", flat=True))
        audit.record(
            AuditEvent.Action.COHORT_DELETED,
            actor=actor,
            origin=origin,
            cohort=cohort.name,
            cohort_id=cohort.pk,
            members=len(ids),
        )
        cohort.delete()
        derived_data.refresh_derived_ids(ids, {derived_data.COHORTS})


def _record(action: str, cohort: Cohort, profile_ids: list[int], actor, origin) -> None:
    # One person is the row's subject; for many, how many.
    subject = (
        User.objects.filter(profile__pk=profile_ids[0]).first() if len(profile_ids) == 1 else None
    )
    audit.record(
        action,
        actor=actor,
        origin=origin,
        subject=subject,
        cohort=cohort.name,
        cohort_id=cohort.pk,
        people=len(profile_ids),
    )
