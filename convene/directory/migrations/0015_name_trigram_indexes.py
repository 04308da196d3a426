"""A trigram index on the search entries' names (PostgreSQL only): it finds the close
spellings of a misspelt name (services/spelling.py). SQLite compares with every name
instead. Organisations' names have theirs in migration 0017."""

import importlib

from django.db import migrations

OLD = importlib.import_module("convene.directory.migrations.0005_search_indexes")

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # No pending list (fastupdate): migration 0016 says why.
    "CREATE INDEX directory_searchentry_names_trgm ON directory_searchentry "
    "USING gin (names gin_trgm_ops) WITH (fastupdate = off)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS directory_searchentry_names_trgm",
]


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0014_search_entry_filter_ids"),
    ]

    operations = [
        migrations.RunPython(
            OLD._run({"postgresql": POSTGRES_FORWARD}),
            OLD._run({"postgresql": POSTGRES_BACKWARD}),
        ),
    ]
