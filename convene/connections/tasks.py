"""Background work for connections: keeping the peer-matching vectors fresh."""

from django.conf import settings
from django.tasks import task


# Embedding an import's thousands of texts is long work: on the imports queue, it never
# waits ahead of a sign-in link (ADR 19).
@task(queue_name=settings.PEOPLE_IMPORT_QUEUE)
def refresh_peer_vectors(*, profile_ids: list[int] | None = None) -> int:
    from convene.connections.services import matching

    return matching.refresh(profile_ids)
