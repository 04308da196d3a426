"""Everything Convene derives from profiles, brought into step by one function.

Each service that writes profiles (an edit, a move, the people import, the demo loader, a
cohort's members changing) calls ``refresh_derived`` inside its transaction, once for all
the profiles it wrote, with the fields it changed: the normalised job title, the topic
tags, the current appointment, the search entries and the filter counts follow, and the
peer-matching vectors are refreshed in the background once the change is committed.
Nothing else keeps them in step: no ``save()`` override, no signal
(docs/decisions/0026-one-writer-per-change.md).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from convene.connections.tasks import refresh_peer_vectors
from convene.directory.models import Profile
from convene.directory.services import appointments, derived, facets, search_index

# The leader's own texts peer matching embeds.
MATCHED_TEXTS = {"working_on", "can_help_with", "want_help_with"}
# What the current appointment copies from the profile.
APPOINTMENT_SOURCES = {"job_title", "normalised_title", "organisation"}
# The memberships a search entry copies: a cohort's service passes this.
COHORTS = "cohorts"
BATCH = 1000


def refresh_derived(profiles: Iterable[Profile], changed_fields: Iterable[str] | None) -> None:
    """Derive again what depends on ``changed_fields`` of these saved profiles (each with
    its organisation loaded); ``None`` for everything, as for profiles just created."""
    profiles = list(profiles)
    if not profiles:
        return
    changed = None if changed_fields is None else set(changed_fields)

    def touched(sources: set[str]) -> bool:
        return changed is None or bool(sources & changed)

    with transaction.atomic():
        if touched({"job_title"}) and classify(profiles) and changed is not None:
            changed.add("normalised_title")
        if touched({"topics"}):
            derived.tag_topics(profiles)
        if touched(APPOINTMENT_SOURCES):
            appointments.mirror_current(profiles)
        if touched(search_index.SOURCE_FIELDS | {COHORTS}):
            search_index.refresh(profiles)
        facets.changed()
        if touched(MATCHED_TEXTS):
            ids = [profile.pk for profile in profiles]
            transaction.on_commit(lambda: refresh_peer_vectors.enqueue(profile_ids=ids))


def refresh_derived_ids(profile_ids: Iterable[int], changed_fields: Iterable[str] | None) -> None:
    """``refresh_derived`` for profiles known by id (a cohort's members)."""
    ids = sorted(set(profile_ids))
    for start in range(0, len(ids), BATCH):
        batch = Profile.objects.filter(pk__in=ids[start : start + BATCH]).select_related(
            "organisation"
        )
        refresh_derived(batch, changed_fields)


def classify(profiles: list[Profile], titles: derived.JobTitles | None = None) -> list[Profile]:
    """Give each profile the normalised title its job title matches; those that changed.
    One UPDATE per title, not per profile: an import of thousands shares a few dozen."""
    titles = titles or derived.JobTitles.load()
    by_title: dict[int | None, list[int]] = defaultdict(list)
    reclassified = []
    for profile in profiles:
        normalised = titles.classify(profile.job_title)
        if normalised != profile.normalised_title_id:
            profile.normalised_title_id = normalised
            by_title[normalised].append(profile.pk)
            reclassified.append(profile)
    for normalised, ids in by_title.items():
        for start in range(0, len(ids), BATCH):
            Profile.objects.filter(pk__in=ids[start : start + BATCH]).update(
                normalised_title_id=normalised
            )
    return reclassified


def reclassify_all() -> int:
    """Match every leader's job title again (staff changed the list); how many changed."""
    titles = derived.JobTitles.load()
    everyone = Profile.objects.only("pk", "job_title", "normalised_title").order_by("pk")
    reclassified = classify(list(everyone.iterator(chunk_size=2000)), titles)
    refresh_derived_ids([profile.pk for profile in reclassified], {"normalised_title"})
    return len(reclassified)
