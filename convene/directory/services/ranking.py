"""How well a search entry matches the searched words: a score, higher is better.

Each engine scores with its own full-text ranking over the same fields, weighted the same
way (docs/decisions/0030-ranking-by-field-weights.md): a name counts most, then the job
title, organisation and topics the person chose, then what they are working on, then
what they can help with and want help with. A word found in several fields, or several times,
counts more; a word most people have (BM25's inverse document frequency, on SQLite)
or a long text (both) counts less.

- SQLite: FTS5's ``bm25()`` over a table with one column a field (migration 0019).
- PostgreSQL: ``ts_rank_cd`` (cover density: the words near each other in a field count
  more, so a phrase beats scattered words) over the fields as a weighted ``tsvector``
  that each profile's SearchText stores (migration 0020), 'simple' configuration
  as for matching, divided by 1 + the log of the entry's length.

Which people match is decided by text_match.py alone; the score only orders them, so both
engines find the same people and agree on clear cases, not on every tie.
"""

from django.db.models import Expression, F, FloatField

from convene.directory.services.text_match import postgres_query, sqlite_query

# The weight of each field, in the order of migration 0019's FTS5 columns (SearchText's).
WEIGHTS = {
    "names": 10.0,
    "job_title": 5.0,
    "organisation": 5.0,
    "topics": 5.0,
    "working_on": 2.5,
    "want_help_with": 1.0,
    "can_help_with": 1.0,
}
# {pk} and each field are the columns of the entry as the query names them.
SQLITE_SQL = (
    "(SELECT -bm25(directory_searchentry_fields, {weights}) FROM directory_searchentry_fields"
    " WHERE directory_searchentry_fields MATCH %s AND directory_searchentry_fields.rowid = {{pk}})"
).format(weights=", ".join(str(weight) for weight in WEIGHTS.values()))


# PostgreSQL has four weights, A to D: the fields fall into them as WEIGHTS says (names A;
# job title, organisation and topics B; working on C; the other two D) in the vector
# each SearchText stores (migration 0020), and ts_rank_cd's array gives D, C, B, A in
# the same proportions (10, 5, 2.5, 1).
POSTGRES_SQL = (
    "(SELECT ts_rank_cd('{{0.1, 0.25, 0.5, 1.0}}'::float4[], directory_searchtext.ranked,"
    " to_tsquery('simple'::regconfig, %s), 1) FROM directory_searchtext"
    " WHERE directory_searchtext.profile_id = {pk})"
)

# Above this many matches, results are listed by name, and the page says so. Ranking
# scores every match to find the best twenty: at 100,000 people "the" matches 35,000
# and "chief" 81,000, which PostgreSQL scores at about 8 µs each even from the stored
# vector (ADR 30). A search that broad is better narrowed than ranked.
MOST_RANKED = 5_000


def ranks(words: list[list[str]], total: int) -> bool:
    """Whether a search for these words that found ``total`` people is listed best first."""
    return bool(words) and total <= MOST_RANKED


class Score(Expression):
    """The score of each entry for these words; ``via`` is the path to the entry from the
    model queried ("search_entry__" from profiles)."""

    output_field = FloatField()

    def __init__(self, words: list[list[str]], via: str = ""):
        super().__init__()
        self.words = words
        self.columns = [F(via + "pk")]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, expressions):
        self.columns = expressions

    def as_sql(self, compiler, connection):
        # A plain column: compiling it gives its quoted name and no parameters.
        pk = compiler.compile(self.columns[0])[0]
        if connection.vendor == "sqlite":
            return SQLITE_SQL.format(pk=pk), [sqlite_query(self.words)]
        return POSTGRES_SQL.format(pk=pk), [postgres_query(self.words)]
