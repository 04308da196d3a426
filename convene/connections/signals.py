"""When a leader's texts change, their matching vectors are refreshed in the background."""

from django.db import transaction

from convene.connections.tasks import refresh_peer_vectors

TEXTS = {"working_on", "can_help_with", "want_help_with"}


def profile_saved(sender, instance, created, update_fields=None, **kwargs):
    if update_fields is not None and not TEXTS & set(update_fields):
        return
    pk = instance.pk
    transaction.on_commit(lambda: refresh_peer_vectors.enqueue(profile_ids=[pk]))
