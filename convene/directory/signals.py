"""Search entries hold each profile's cohorts (for counting): joining or leaving a cohort,
from either side, or the cohort being deleted, refreshes the entries of the people
concerned.

Code that writes cohort memberships in bulk (bulk_create sends no signal) does so before
calling ``search_index.refresh``.
"""

from convene.directory.services import facets, search_index

# The people whose entries a change of membership touches, by how it was made.
_CLEARED = "_search_entries_to_refresh"


def _remember_members(cohort) -> None:
    # Once its memberships are gone, no one is left to say who was in the cohort.
    setattr(cohort, _CLEARED, list(cohort.members.values_list("pk", flat=True)))


def _refresh(people) -> None:
    search_index.refresh_ids(people)
    facets.changed()


def cohort_members_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    if action == "pre_clear" and reverse:
        _remember_members(instance)
    elif action in {"post_add", "post_remove"}:
        _refresh((pk_set or ()) if reverse else [instance.pk])
    elif action == "post_clear":
        _refresh(getattr(instance, _CLEARED, []) if reverse else [instance.pk])


def cohort_deleting(sender, instance, **kwargs):
    # Deleting a cohort deletes its memberships without an m2m signal.
    _remember_members(instance)


def cohort_deleted(sender, instance, **kwargs):
    _refresh(getattr(instance, _CLEARED, []))
