"""Close spellings of people's and organisations' names, for typo-tolerant search.

A searched word that matches no one is compared with the words of the names and
organisations of everyone who may be found. Words one edit from it (a letter missing,
extra or wrong, or two neighbours swapped) are searched for as well, so "Manchestr" also
finds Manchester. Read from the search entries when asked, so a new name is
typo-tolerant at once and a deactivated or erased person's name is never offered.

- PostgreSQL: trigram indexes (pg_trgm, GIN) on the entries' names and organisation
  narrow the candidates to names with a word similarity of at least WORD_SIMILARITY to
  the searched word. A word one edit from a searched word of MIN_LENGTH letters or more
  is always that similar (the worst case, two neighbours swapped early in a five-letter
  word, is 0.2; tests/directory/test_spelling.py checks every edit of the demo's names).
- SQLite: every name and organisation is a candidate (the scale SQLite serves).

Both engines then keep exactly the words one edit away, so both find the same people.
"""

from django.db import connection, transaction
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from convene.directory.services.search_index import active_entries

# Shorter words have too many neighbours one edit away ("ward" → "word", "card"…).
MIN_LENGTH = 5
MAX_ALTERNATIVES = 5
# Just under the least word similarity of a word one edit from a MIN_LENGTH-letter one.
WORD_SIMILARITY = 0.19


def one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter deleted, inserted or changed, or two
    neighbouring letters swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    changed = a[i + 1 :] == b[i + 1 :]
    swapped = a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    return changed or swapped


# `text %> word` is `word <% text` (word similarity), the form the trigram index answers.
SIMILAR_SQL = {"names": "names %%> %s", "organisation": "organisation %%> %s"}


def _similar(field: str, word: str) -> Q:
    return Q(RawSQL(SIMILAR_SQL[field], [word], output_field=BooleanField()))


def _candidate_texts(word: str) -> list[str]:
    entries = active_entries()
    if connection.vendor != "postgresql":
        names = entries.values_list("names", flat=True)
        return list(names.union(entries.values_list("organisation", flat=True)))
    names = entries.filter(_similar("names", word)).values_list("names", flat=True)
    places = entries.filter(_similar("organisation", word)).values_list("organisation", flat=True)
    with transaction.atomic(), connection.cursor() as cursor:
        # For this transaction only: the default (0.6) would miss most misspellings.
        cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", [WORD_SIMILARITY])
        return list(names.union(places))


def close_to(word: str) -> list[str]:
    """Words of people's and organisations' names one edit from ``word`` (itself
    normalised), nearest in length first."""
    if len(word) < MIN_LENGTH:
        return []
    words = {candidate for text in _candidate_texts(word) for candidate in text.split()}
    close = [candidate for candidate in words if one_edit_apart(word, candidate)]
    close.sort(key=lambda candidate: (abs(len(candidate) - len(word)), candidate))
    return close[:MAX_ALTERNATIVES]
