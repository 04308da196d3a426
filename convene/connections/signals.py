"""When a leader's texts change, their matching vectors are refreshed in the background."""

from django.db import transaction

from convene.connections.services import graph
from convene.connections.tasks import refresh_peer_vectors

TEXTS = {"working_on", "can_help_with", "want_help_with"}


def cohort_members_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    """Joining a cohort joins the graph to everyone in it."""
    if action != "post_add":
        return
    cohorts = pk_set if not reverse else {instance.pk}
    for cohort_id in cohorts:
        graph.connect_cohort(cohort_id)


def profile_saved(sender, instance, created, update_fields=None, **kwargs):
    if update_fields is not None and not TEXTS & set(update_fields):
        return
    pk = instance.pk
    transaction.on_commit(lambda: refresh_peer_vectors.enqueue(profile_ids=[pk]))
