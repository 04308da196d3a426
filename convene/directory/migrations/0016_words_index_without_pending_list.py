"""The full-text index on the search entries' words takes new entries at once, with no
pending list (PostgreSQL's GIN `fastupdate`, on by default).

With a pending list, new entries wait in it, unsorted, until a vacuum merges them; every
search reads all of it, and the planner, costing that, gives up the index: after an
import of 10,000 people into 100,000 it read the whole table instead, computing each
entry's tsvector (0.9 s a search, against 60 ms). Autovacuum would not come for some
time: a tenth more rows is under its threshold. Without the list, each new entry costs
a little more to write (docs/decisions/0017-search-entries.md).
"""

import importlib

from django.db import migrations

OLD = importlib.import_module("convene.directory.migrations.0005_search_indexes")

POSTGRES_FORWARD = [
    "ALTER INDEX directory_searchentry_words SET (fastupdate = off)",
    # What was waiting goes into the index now: turning the list off does not empty it.
    "SELECT gin_clean_pending_list('directory_searchentry_words'::regclass)",
]
POSTGRES_BACKWARD = ["ALTER INDEX directory_searchentry_words RESET (fastupdate)"]


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0015_name_trigram_indexes"),
    ]

    operations = [
        migrations.RunPython(
            OLD._run({"postgresql": POSTGRES_FORWARD}),
            OLD._run({"postgresql": POSTGRES_BACKWARD}),
        ),
    ]
