"""Search entries hold each profile's cohorts (for counting): joining or leaving a cohort,
from either side, or the cohort being deleted, refreshes the entries of the people
concerned.

Code that writes cohort memberships in bulk (bulk_create sends no signal) does so before
calling ``search_index.refresh``.
"""

from convene.directory.services import facets, search_index

# The people whose entries a change of membership touches, by how it was made.
_CLEARED = "_search_entries_to_refresh"


def cohort_members_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    if action == "pre_clear" and reverse:
        # cohort.members.clear(): after it, no one is left to say who was in it.
        setattr(instance, _CLEARED, list(instance.members.values_list("pk", flat=True)))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        people = [instance.pk]
    elif action == "post_clear":
        people = getattr(instance, _CLEARED, [])
    else:
        people = list(pk_set or ())
    search_index.refresh_ids(people)
    facets.changed()


def cohort_deleting(sender, instance, **kwargs):
    # Deleting a cohort deletes its memberships without an m2m signal.
    setattr(instance, _CLEARED, list(instance.members.values_list("pk", flat=True)))


def cohort_deleted(sender, instance, **kwargs):
    search_index.refresh_ids(getattr(instance, _CLEARED, []))
    facets.changed()
