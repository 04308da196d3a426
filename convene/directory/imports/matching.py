"""Matching the organisation names in a file to the organisations Convene holds.

A name matches when, normalised, it is an organisation's name, its acronym, or an alias
staff confirmed before. Otherwise the closest spellings are offered for staff to confirm:
a close spelling is never taken on trust ("Westmorland" is not "Westminster").
"""

import difflib
import re
from collections import defaultdict

from convene.directory.models import Organisation, OrganisationAlias

CANDIDATES = 3
CLOSE_ENOUGH = 0.75


def normalise(name: str) -> str:
    name = name.lower().replace("&", " and ")
    name = re.sub(r"[^a-z0-9 ]+", " ", name)
    name = re.sub(r"^the ", "", " ".join(name.split()))
    return name


class OrganisationMatcher:
    def __init__(self):
        self._by_name: dict[str, set[int]] = defaultdict(set)
        self._names: dict[int, str] = {}
        for pk, name, acronym in Organisation.objects.values_list("pk", "name", "acronym"):
            self._names[pk] = name
            self._by_name[normalise(name)].add(pk)
            if acronym:
                self._by_name[normalise(acronym)].add(pk)
        for alias, pk in OrganisationAlias.objects.values_list("name", "organisation_id"):
            # A confirmed alias outranks a name or acronym another organisation shares.
            self._by_name[alias] = {pk}
        self._known = list(self._by_name)
        self._unmatched: dict[str, list[tuple[int, str]]] = {}

    def match(self, name: str) -> int | None:
        """The organisation's id, or None (then ``candidates(name)`` says what is close)."""
        found = self._by_name.get(normalise(name), set())
        return next(iter(found)) if len(found) == 1 else None

    def name_of(self, pk: int) -> str:
        return self._names[pk]

    def candidates(self, name: str) -> list[tuple[int, str]]:
        """(id, name) of the organisations spelt most like ``name``, closest first."""
        key = normalise(name)
        if key not in self._unmatched:
            close = difflib.get_close_matches(key, self._known, n=CANDIDATES, cutoff=CLOSE_ENOUGH)
            ids = [pk for spelling in close for pk in sorted(self._by_name[spelling])]
            ids.extend(sorted(self._by_name.get(key, ())))
            unique = list(dict.fromkeys(ids))[: CANDIDATES * 2]
            self._unmatched[key] = [(pk, self._names[pk]) for pk in unique]
        return self._unmatched[key]
