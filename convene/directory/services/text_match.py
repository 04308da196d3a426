"""How a searched word matches a profile, the same on PostgreSQL and SQLite.

A word matches if it appears anywhere in the profile's search text (lower case), so
"nhs", "constab" and "teenagers" all find what a person would expect. Each engine uses
its own index for it: PostgreSQL a GIN trigram index (pg_trgm serves LIKE '%word%'),
SQLite an FTS5 table with the trigram tokenizer. Near spellings ("Manchestr") are
handled before this, by searching for the names they are close to (spelling.py).
"""

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

EXACT_SQL = "SELECT rowid FROM directory_profile_fts WHERE directory_profile_fts MATCH %s"


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def word_matches(word: str) -> Q:
    """Profiles whose search text contains ``word``."""
    word = word.lower()
    if connection.vendor == "sqlite" and len(word) >= 3:
        # The trigram index cannot look up fewer than three characters; LIKE can.
        return Q(pk__in=RawSQL(EXACT_SQL, [_fts_phrase(word)]))
    return Q(search_text__contains=word)
