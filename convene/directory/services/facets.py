"""Filter counts for a directory search, in two or three queries whatever the filters.

A filter's counts are computed with the other filters applied but not itself, so they
say how many people ticking that box would add (OR within a filter, AND across).

The four filters that are a single value per profile (sector, region, organisation type
and normalised job title) come from one grouped query: how many matching people have
each combination of the four. Each filter's counts, and the total, are then sums over
those combinations in Python (a few thousand at most), instead of one scan of the
matching people per filter. Cohorts and topics (a profile has several) are counted from
the ids each matching entry holds, both in one query unless one of them is ticked (then
each is counted without itself); over the whole directory, from their link tables.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet

from convene.directory.models import Profile
from convene.directory.services import search_index

# Filters with one value per profile: name -> the search entry's field holding it.
SINGLE = {
    "sector": "sector",
    "region": "region",
    "org_type": "org_type",
    "title": "normalised_title_id",
}
# Filters with several values per profile: name -> (link table, its column).
SEVERAL = {
    "cohort": (Profile.cohorts.through, "cohort_id"),
    "topic": (Profile.topic_tags.through, "topic_id"),
}
NAMES = [*SINGLE, *SEVERAL]


def filtered(base: QuerySet, chosen: dict[str, list[str]], leave_out: str | None = None):
    """Search entries ``base`` narrowed by every chosen filter but ``leave_out``.
    Several-valued filters are subqueries on their link tables, so no one is counted twice."""
    for name, values in chosen.items():
        if not values or name == leave_out:
            continue
        if name in SINGLE:
            base = base.filter(**{f"{SINGLE[name]}__in": values})
        else:
            link, column = SEVERAL[name]
            base = base.filter(
                pk__in=link.objects.filter(**{f"{column}__in": values}).values("profile_id")
            )
    return base


@dataclass
class Counts:
    total: int
    by_filter: dict[str, dict[str, int]]


VERSION_KEY = "directory-counts-version"


def changed() -> None:
    """Profiles changed: counts kept from before are not used again."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def cached(words: list[list[str]], chosen: dict[str, list[str]], compute) -> Counts:
    """The counts for this search, kept for DIRECTORY_COUNTS_CACHE_SECONDS or until a
    profile changes: paging through results and coming back from a profile ask for the
    same counts again. The results themselves are always read afresh. (With the default
    per-process cache, a change made in another process shows within those seconds.)"""
    seconds = settings.DIRECTORY_COUNTS_CACHE_SECONDS
    if not seconds:
        return compute()
    search = [
        cache.get(VERSION_KEY, 0),
        words,
        sorted((name, sorted(values)) for name, values in chosen.items() if values),
    ]
    key = "directory-counts:" + hashlib.sha256(json.dumps(search).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found


def _near_misses(chosen: dict[str, list[str]]) -> Q:
    """People meeting all the chosen single-valued filters but at most one: no one else
    counts towards any of them. With fewer than two chosen, that is everyone."""
    named = [name for name in SINGLE if chosen.get(name)]
    if len(named) < 2:
        return Q()
    meets = {name: Q(**{f"{SINGLE[name]}__in": chosen[name]}) for name in named}
    return reduce(or_, (reduce(and_, (meets[g] for g in named if g != missed)) for missed in named))


def count(base: QuerySet, chosen: dict[str, list[str]], *, everyone: bool = False) -> Counts:
    """The counts for the entries ``base`` (everyone active, if ``everyone`` says so:
    no words searched) under the filters ``chosen``."""
    several_only = {name: values for name, values in chosen.items() if name in SEVERAL}
    combinations = (
        filtered(base, several_only)
        .filter(_near_misses(chosen))
        .order_by()
        .values(*SINGLE.values())
        # COUNT(*), not of a column: the search_cells index then answers it alone.
        .annotate(n=Count("*"))
    )
    wanted = {name: set(chosen.get(name) or ()) for name in SINGLE}
    by_filter = {name: Counter() for name in NAMES}
    total = 0
    for row in combinations:
        values = {name: _text(row[lookup]) for name, lookup in SINGLE.items()}
        fits = {name: not wanted[name] or values[name] in wanted[name] for name in SINGLE}
        if all(fits.values()):
            total += row["n"]
        for name in SINGLE:
            others_fit = all(fit for other, fit in fits.items() if other != name)
            if others_fit and values[name] is not None:
                by_filter[name][values[name]] += row["n"]
    listed = []
    for name, (link, column) in SEVERAL.items():
        if everyone and not any(v for other, v in chosen.items() if other != name):
            by_filter[name] = _everyone_in(link, column)
        else:
            listed.append(name)
    if listed and not any(chosen.get(name) for name in SEVERAL):
        # Neither is chosen, so both count the same people: one scan of them.
        by_filter.update(_listed(filtered(base, chosen), listed))
    else:
        for name in listed:
            by_filter.update(_listed(filtered(base, chosen, leave_out=name), [name]))
    return Counts(total=total, by_filter=by_filter)


def _everyone_in(link, column: str) -> Counter:
    """A link table's counts over the whole directory: all but the deactivated, an
    anti-join on the few (unpacking every entry's ids instead takes 100 ms at 100,000
    people)."""
    left_out = search_index.deactivated_entries().values("pk")
    rows = link.objects.exclude(profile_id__in=left_out).order_by().values(column)
    return Counter({str(row[column]): row["n"] for row in rows.annotate(n=Count("pk"))})


# Counted from the JSON arrays of ids the entries hold ("[3,17]" is 3 and 17). PostgreSQL
# unpacks them in one scan of the entries, each filter's ids under a sign of its own (a
# cohort's id negated) so that one integer names filter and option: grouping on it is a
# fifth quicker than on the filter's name and the id as text. SQLite has no LATERAL: one
# scan a filter there.
SIGN = {"topic": 1, "cohort": -1}
POSTGRES_UNPACK = "SELECT {sign} * unnest(string_to_array(btrim(m.{field}, '[]'), ','))::int AS id"
POSTGRES_LISTED = (
    "SELECT x.id, COUNT(*) FROM ({entries}) AS m CROSS JOIN LATERAL ({unpacked}) AS x GROUP BY 1"
)
SQLITE_LISTED = (
    "SELECT {sign} * j.value, COUNT(*) FROM ({entries}) AS m, json_each(m.{field}) AS j GROUP BY 1"
)
LISTED_FIELD = {"cohort": "cohort_ids", "topic": "topic_ids"}


def _listed_sql(entries: QuerySet, names: list[str]) -> tuple[str, list]:
    fields = [LISTED_FIELD[name] for name in names]
    sql, params = entries.order_by().values(*fields).query.sql_with_params()
    parts = [{"sign": SIGN[name], "field": LISTED_FIELD[name], "entries": sql} for name in names]
    if connection.vendor == "postgresql":
        unpacked = " UNION ALL ".join(POSTGRES_UNPACK.format(**part) for part in parts)
        return POSTGRES_LISTED.format(entries=sql, unpacked=unpacked), list(params)
    scans = [SQLITE_LISTED.format(**part) for part in parts]
    return " UNION ALL ".join(scans), list(params) * len(scans)


def _listed(entries: QuerySet, names: list[str]) -> dict[str, Counter]:
    """Counts of the several-valued filters ``names`` over ``entries``, from the ids each
    entry holds: no semi-join of the link tables on the matches (55 ms instead of 100 ms
    for a word that 80% of 100,000 people match)."""
    sql, params = _listed_sql(entries, names)
    by_sign = {SIGN[name]: name for name in names}
    counts = {name: Counter() for name in names}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for signed_id, n in cursor.fetchall():
            counts[by_sign[1 if signed_id > 0 else -1]][str(abs(signed_id))] = n
    return counts


def _text(value) -> str | None:
    # No title, or no region (a UK-wide body): counted under no option.
    return None if value in (None, "") else str(value)
