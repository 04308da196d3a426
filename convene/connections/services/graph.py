"""The connection graph: edges between leaders, each with how and since when."""

from django.db.models import Q

from convene.accounts.models import User
from convene.connections.models import Edge


def connect(a: User, b: User, kind: str) -> Edge:
    """Join two leaders (once per kind; the first date is kept)."""
    one, other = sorted((a.pk, b.pk))
    edge, _ = Edge.objects.get_or_create(one_id=one, other_id=other, kind=kind)
    return edge


def introduced_to(user: User) -> set[int]:
    """The ids of the leaders ``user`` has been introduced to."""
    edges = Edge.objects.filter(Q(one=user) | Q(other=user), kind=Edge.Kind.INTRODUCED)
    return {pk for pair in edges.values_list("one_id", "other_id") for pk in pair} - {user.pk}


def connect_cohort(cohort_id: int) -> int:
    """Edges between every two members of a cohort (kept when someone later leaves: they
    did share it). How many were new."""
    from convene.directory.models import Profile

    members = sorted(
        Profile.objects.filter(cohorts=cohort_id, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    pairs = [(one, other) for i, one in enumerate(members) for other in members[i + 1 :]]
    existing = set(
        Edge.objects.filter(kind=Edge.Kind.SHARED_COHORT, one_id__in=members).values_list(
            "one_id", "other_id"
        )
    )
    new = [
        Edge(one_id=one, other_id=other, kind=Edge.Kind.SHARED_COHORT)
        for one, other in pairs
        if (one, other) not in existing
    ]
    Edge.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return len(new)
