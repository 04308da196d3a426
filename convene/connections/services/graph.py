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
