"""Who may see which of a leader's contact details. Every page, export and API answer
that shows contact details asks here, and nowhere else."""

from dataclasses import dataclass

from django.db.models import Q

from convene.accounts.models import STAFF_ROLES, Delegation, Role, User
from convene.connections.models import Edge
from convene.directory.models import CONTACT_FIELDS, Profile, Visibility
from convene.programmes.models import Cohort


@dataclass(frozen=True)
class Viewer:
    user_id: int
    is_staff: bool
    # Their own cohorts; for a delegate, the cohorts of the leaders they act for.
    cohort_ids: frozenset[int]
    # Leaders whose whole profile this viewer keeps: themselves, or those they act for.
    keeps_profiles_of: frozenset[int]
    # Leaders introduced to the viewer (or to those they act for): they see each other
    # as if they shared a cohort.
    introduced_to: frozenset[int] = frozenset()


def viewer_for(user: User) -> Viewer:
    leaders = {user.pk}
    if user.role == Role.DELEGATE:
        leaders |= set(
            Delegation.objects.filter(
                delegate=user, revoked_at__isnull=True, leader__is_active=True
            ).values_list("leader_id", flat=True)
        )
    cohorts = Cohort.objects.filter(members__user_id__in=leaders).values_list("pk", flat=True)
    introduced = Edge.objects.filter(
        Q(one_id__in=leaders) | Q(other_id__in=leaders), kind=Edge.Kind.INTRODUCED
    ).values_list("one_id", "other_id")
    return Viewer(
        user_id=user.pk,
        is_staff=user.role in STAFF_ROLES,
        cohort_ids=frozenset(cohorts),
        keeps_profiles_of=frozenset(leaders),
        introduced_to=frozenset(pk for pair in introduced for pk in pair) - leaders,
    )


def visible_levels(profile: Profile, viewer: Viewer) -> frozenset[str]:
    """The visibility choices whose fields ``viewer`` may see on ``profile``.

    Reads ``profile.cohorts.all()``: prefetch it when showing many profiles.
    """
    if viewer.is_staff or profile.user_id in viewer.keeps_profiles_of:
        return frozenset(Visibility.values)
    shares_cohort = any(cohort.pk in viewer.cohort_ids for cohort in profile.cohorts.all())
    if shares_cohort or profile.user_id in viewer.introduced_to:
        return frozenset({Visibility.MEMBERS, Visibility.COHORT})
    return frozenset({Visibility.MEMBERS})


def contact_details(profile: Profile, viewer: Viewer) -> list[tuple[str, str, str]]:
    """(field, label, value) for each filled contact field the viewer may see."""
    levels = visible_levels(profile, viewer)
    return [
        (field, label, getattr(profile, field))
        for field, label in CONTACT_FIELDS.items()
        if getattr(profile, field) and getattr(profile, f"{field}_visibility") in levels
    ]
