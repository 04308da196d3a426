"""Search entries: what directory search reads of each profile, kept in step with it.

Every service that writes profiles refreshes their entries through
``derived_data.refresh_derived``; the organisations' service calls ``refresh_organisations``
for their people. ``rebuild`` writes every entry afresh, for `manage.py
rebuild_search_index` (a repair after changes made outside Convene, say with SQL).

Text is normalised the same way for entries and for searched words (``normalise``):
accents dropped, case folded, anything but letters and digits a space. Both engines then
see the same words, split at spaces, so a word found by one is found by the other.
"""

import json
import re
import unicodedata
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from convene.accounts.models import Role, User
from convene.directory.models import Organisation, Profile, SearchEntry, SearchText

BATCH = 1000
# The profile fields an entry is made from: saving only others leaves it as it is.
SOURCE_FIELDS = {
    "given_name",
    "family_name",
    "job_title",
    "normalised_title",
    "organisation",
    "topics",
    "working_on",
    "can_help_with",
    "want_help_with",
}
NOT_WORD = re.compile(r"[\W_]+")
# The profile's texts search ranks by, kept normalised in its SearchText (ranking.py).
RANKED_TEXTS = ["job_title", "topics", "working_on", "want_help_with", "can_help_with"]


def normalise(text: str) -> str:
    """ "Siân O'Neill-Brown" -> "sian o neill brown"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(NOT_WORD.sub(" ", bare).split())


def _starts(*parts: str) -> str:
    # A leading space, so that searching for " word" finds a word's start.
    return " " + normalise(" ".join(parts))


def organisation_text(organisation) -> str:
    """What search reads of an organisation's name and acronym: the entries of its people
    and its own ``search_name`` (close spellings) alike."""
    return normalise(f"{organisation.name} {organisation.acronym}")


def entry_values(profile, organisation) -> dict:
    """A search entry's fields for ``profile`` in ``organisation``. Plain attribute reads,
    so a migration can pass its historical models."""
    searched = [
        profile.given_name,
        profile.family_name,
        profile.job_title,
        organisation.name,
        organisation.acronym,
        profile.topics,
        profile.working_on,
        profile.can_help_with,
        profile.want_help_with,
    ]
    words = dict.fromkeys(normalise(" ".join(searched)).split())
    return {
        "profile_id": profile.pk,
        "user_id": profile.user_id,
        "sector": organisation.sector_id,
        "region": organisation.region_id or "",
        "org_type": organisation.org_type,
        "normalised_title_id": profile.normalised_title_id,
        "family_name": profile.family_name,
        "given_name": profile.given_name,
        "names": _starts(profile.given_name, profile.family_name),
        "organisation": " " + organisation_text(organisation),
        **{name: normalise(getattr(profile, name)) for name in RANKED_TEXTS},
        "words": " ".join(words),
    }


def own_fields(entry_model, values: dict) -> dict:
    # A migration's historical entry may predate some fields: it is given those it has.
    names = {field.attname for field in entry_model._meta.concrete_fields}
    return {name: value for name, value in values.items() if name in names}


def _unlisted_users():
    # Deactivated people, and former members, who keep their profile while not members
    # (docs/decisions/0025). The same condition as the partial index user_unlisted.
    return User.objects.filter(Q(is_active=False) | ~Q(role=Role.MEMBER)).values("pk")


def active_entries():
    """Entries of everyone who may be found: active members. Not a join on every user: the
    others are few, and partly indexed for this (an anti-join)."""
    return SearchEntry.objects.exclude(user_id__in=_unlisted_users())


def deactivated_entries():
    """Entries of those who may not be found: the deactivated, and former members."""
    return SearchEntry.objects.filter(user_id__in=_unlisted_users())


def filter_ids(profile_ids: list[int], topic_links, cohort_links) -> dict[int, dict]:
    """Each profile's topics and cohorts, as the entries hold them: JSON arrays of ids.
    The link tables are passed so that a migration can pass its historical ones."""
    found = {pk: {"topic_ids": [], "cohort_ids": []} for pk in profile_ids}
    for links, field, column in [
        (topic_links, "topic_ids", "topic_id"),
        (cohort_links, "cohort_ids", "cohort_id"),
    ]:
        rows = links.objects.filter(profile_id__in=profile_ids).order_by("profile_id", column)
        for profile_id, value in rows.values_list("profile_id", column):
            found[profile_id][field].append(value)
    return {
        pk: {field: json.dumps(ids, separators=(",", ":")) for field, ids in lists.items()}
        for pk, lists in found.items()
    }


def _current_filter_ids(profile_ids: list[int]) -> dict[int, dict]:
    return filter_ids(profile_ids, Profile.topic_tags.through, Profile.cohorts.through)


def refresh(profiles: Iterable, entry_model=None) -> None:
    """Replace the entries of these saved profiles (each with its organisation loaded),
    topic tags and cohorts included. A migration passes its historical ``entry_model``,
    which may predate the topic and cohort ids: it fills them itself (migration 0014)."""
    profiles = list(profiles)
    values = [entry_values(p, p.organisation) for p in profiles]
    if entry_model is None:
        entry_model = SearchEntry
        lists = _current_filter_ids([p.pk for p in profiles])
        for fields in values:
            fields.update(lists[fields["profile_id"]])
    # The current entries come with the texts ranking reads; a migration's, as they were.
    written = [SearchEntry, SearchText] if entry_model is SearchEntry else [entry_model]
    with transaction.atomic():
        for model in written:
            rows = [model(**own_fields(model, fields)) for fields in values]
            for start in range(0, len(rows), BATCH):
                batch = rows[start : start + BATCH]
                model.objects.filter(pk__in=[row.pk for row in batch]).delete()
                model.objects.bulk_create(batch)


def refresh_organisations(organisations: Iterable[Organisation]) -> None:
    """Their people are found by the organisation's name, sector, region and type."""
    people = Profile.objects.filter(organisation__in=list(organisations))
    _refresh_queryset(people)


def refresh_ids(profile_ids: Iterable[int]) -> None:
    ids = list(profile_ids)
    for start in range(0, len(ids), BATCH):
        _refresh_queryset(Profile.objects.filter(pk__in=ids[start : start + BATCH]))


def rebuild() -> int:
    """Every entry afresh; how many profiles there are."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchText.objects.all().delete()
        return _refresh_queryset(Profile.objects.all())


def _refresh_queryset(people) -> int:
    found = people.select_related("organisation").order_by("pk")
    batch, count = [], 0
    for profile in found.iterator(chunk_size=BATCH):
        batch.append(profile)
        if len(batch) == BATCH:
            refresh(batch)
            count, batch = count + len(batch), []
    refresh(batch)
    return count + len(batch)
