"""Close spellings of people's and organisations' names, for typo-tolerant search.

A searched word that matches no one is compared with the words of the names of everyone
who may be found and of every organisation's name and acronym. Words one edit from it
(a letter missing, extra or wrong, or two neighbours swapped) are searched for as well,
so "Manchestr" also finds Manchester. Read when asked, so a new name is typo-tolerant at
once and a deactivated or erased person's name is never offered.

- PostgreSQL: trigram indexes (pg_trgm, GIN) on the entries' names and the
  organisations' normalised names narrow the candidates to those with a word
  similarity to the searched word that every word one edit from it reaches
  (``least_similarity``, by the word's length; tests/directory/test_spelling.py checks
  it on every edit of short words and of the demo's names).
- SQLite: every name and organisation is a candidate (the scale SQLite serves).

Both engines then keep exactly the words one edit away, so both find the same people."""

from django.db import connection, transaction
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from convene.directory.models import Organisation
from convene.directory.services.search_index import active_entries

# Shorter words have too many neighbours one edit away ("ward" → "word", "card"…).
MIN_LENGTH = 5
MAX_ALTERNATIVES = 5
# The least word similarity pg_trgm gives a word and any word one edit from it is 0.2 at
# five letters, 0.29 at six to eight and 0.33 from nine: a short word loses a larger share
# of its trigrams (ADR 18 says how this was found). Each threshold is just under.
LEAST_SIMILARITY = [(5, 0.19), (8, 0.28)]
LONGER_WORDS_SIMILARITY = 0.32


def least_similarity(length: int) -> float:
    """The word similarity the trigram index is asked for, for a word of ``length``."""
    for longest, similarity in LEAST_SIMILARITY:
        if length <= longest:
            return similarity
    return LONGER_WORDS_SIMILARITY


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
SIMILAR_SQL = {"names": "names %%> %s", "search_name": "search_name %%> %s"}


def _similar(field: str, word: str) -> Q:
    return Q(RawSQL(SIMILAR_SQL[field], [word], output_field=BooleanField()))


def _candidate_texts(word: str) -> list[str]:
    """People's names (one entry a person) and organisations' (one row an organisation,
    not one a person in it: "councl" is near a quarter of everyone's organisation)."""
    names = active_entries().values_list("names", flat=True)
    places = Organisation.objects.order_by().values_list("search_name", flat=True)
    if connection.vendor != "postgresql":
        return list(names.union(places))
    names = names.filter(_similar("names", word))
    places = places.filter(_similar("search_name", word))
    with transaction.atomic(), connection.cursor() as cursor:
        # For this transaction only: the default (0.6) would miss most misspellings.
        threshold = least_similarity(len(word))
        cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", [threshold])
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
