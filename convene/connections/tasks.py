"""Background work for connections: keeping the peer-matching vectors fresh."""

from django.tasks import task


@task
def refresh_peer_vectors(*, profile_ids: list[int] | None = None) -> int:
    from convene.connections.services import matching

    return matching.refresh(profile_ids)
