"""Close spellings of people's and organisations' names, for typo-tolerant search.

A searched word that matches no profile at all is compared with the vocabulary of name words
(given and family names, organisation names and acronyms). Words one edit apart
(a letter missing, extra, wrong or two swapped) are searched for as well, so
"Manchestr" also finds Manchester. The comparison is in Python against the same
vocabulary on both engines, so PostgreSQL and SQLite find the same people.

Edits are found with a deletion index (the "symmetric delete" method): a word and a
vocabulary entry are one edit apart when deleting at most one letter from each makes
them equal. Building it reads every name once; it is cached for VOCABULARY_SECONDS,
so a new name becomes typo-tolerant within that time (its exact spelling is found at once).
"""

import time
from collections import defaultdict
from dataclasses import dataclass
from threading import Lock

from convene.directory.models import Organisation
from convene.directory.services.search_index import active_entries, normalise

VOCABULARY_SECONDS = 600
# Shorter words have too many neighbours one edit away ("ward" → "word", "card"…).
MIN_LENGTH = 5
MAX_ALTERNATIVES = 5


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass
class Vocabulary:
    words: frozenset[str]
    by_deletion: dict[str, set[str]]
    built_at: float

    @classmethod
    def build(cls) -> "Vocabulary":
        words: set[str] = set()
        names = active_entries().values_list("names", flat=True)
        for name in names.iterator(chunk_size=5000):
            words.update(name.split())
        for name, acronym in Organisation.objects.values_list("name", "acronym"):
            words.update(normalise(f"{name} {acronym}").split())
        by_deletion: dict[str, set[str]] = defaultdict(set)
        for word in words:
            if len(word) >= MIN_LENGTH - 1:
                for deleted in _deletions(word):
                    by_deletion[deleted].add(word)
        return cls(frozenset(words), dict(by_deletion), time.monotonic())

    def close_to(self, word: str) -> list[str]:
        """Name words one edit from ``word``, nearest in length first."""
        if len(word) < MIN_LENGTH:
            return []
        found = set()
        for deleted in _deletions(word):
            found |= self.by_deletion.get(deleted, set())
        found.discard(word)
        return sorted(found, key=lambda close: (abs(len(close) - len(word)), close))[
            :MAX_ALTERNATIVES
        ]


_cache: dict[str, Vocabulary] = {}
_lock = Lock()


def vocabulary() -> Vocabulary:
    with _lock:
        current = _cache.get("vocabulary")
        if current is None or time.monotonic() - current.built_at > VOCABULARY_SECONDS:
            current = _cache["vocabulary"] = Vocabulary.build()
        return current


def forget_vocabulary() -> None:
    """Rebuild on next use (after loading people in bulk, and between tests)."""
    with _lock:
        _cache.clear()
