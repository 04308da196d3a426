"""Search entries (narrow rows for directory search) with full-text indexes, in place of
the profiles' search text and its trigram indexes (docs/decisions/0017-search-entries.md).

PostgreSQL: a GIN index on to_tsvector('simple', words). SQLite: an FTS5 table over
words (unicode61 tokenizer, prefix indexes), kept in step by triggers.
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

from convene.directory.services import search_index

OLD = importlib.import_module("convene.directory.migrations.0005_search_indexes")

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE directory_searchentry_fts USING fts5(
        words, content='directory_searchentry', content_rowid='profile_id',
        tokenize='unicode61', prefix='2 3'
    )""",
    """CREATE TRIGGER directory_searchentry_fts_insert AFTER INSERT ON directory_searchentry
    BEGIN
        INSERT INTO directory_searchentry_fts(rowid, words) VALUES (new.profile_id, new.words);
    END""",
    """CREATE TRIGGER directory_searchentry_fts_delete AFTER DELETE ON directory_searchentry
    BEGIN
        INSERT INTO directory_searchentry_fts(directory_searchentry_fts, rowid, words)
        VALUES ('delete', old.profile_id, old.words);
    END""",
    """CREATE TRIGGER directory_searchentry_fts_update AFTER UPDATE ON directory_searchentry
    BEGIN
        INSERT INTO directory_searchentry_fts(directory_searchentry_fts, rowid, words)
        VALUES ('delete', old.profile_id, old.words);
        INSERT INTO directory_searchentry_fts(rowid, words) VALUES (new.profile_id, new.words);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS directory_searchentry_fts_update",
    "DROP TRIGGER IF EXISTS directory_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS directory_searchentry_fts_insert",
    "DROP TABLE IF EXISTS directory_searchentry_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX directory_searchentry_words ON directory_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, words))"
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS directory_searchentry_words"]


def restore_old_indexes(apps, schema_editor):
    # The text first, then the index built from it: the old triggers would otherwise ask
    # FTS5 to forget text it was never given, which corrupts the index.
    OLD.fill_search_text(apps, schema_editor)
    OLD._run({"sqlite": OLD.SQLITE_FORWARD, "postgresql": OLD.POSTGRES_FORWARD})(
        apps, schema_editor
    )
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "INSERT INTO directory_profile_fts(directory_profile_fts) VALUES ('rebuild')"
        )


def fill_entries(apps, schema_editor):
    Profile = apps.get_model("directory", "Profile")
    SearchEntry = apps.get_model("directory", "SearchEntry")
    profiles = Profile.objects.select_related("organisation").order_by("pk")
    search_index.refresh(list(profiles), entry_model=SearchEntry)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0011_search_indexes"),
    ]

    operations = [
        # The profiles' own search text and its indexes go first: SQLite rebuilds the
        # table to drop a column, which the old triggers would break.
        migrations.RunPython(
            OLD._run({"sqlite": OLD.SQLITE_BACKWARD, "postgresql": OLD.POSTGRES_BACKWARD}),
            restore_old_indexes,
        ),
        migrations.RemoveField(model_name="profile", name="search_text"),
        migrations.RemoveIndex(model_name="profile", name="profile_by_name"),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "profile",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="directory.profile",
                    ),
                ),
                ("user_id", models.BigIntegerField()),
                ("sector", models.CharField(max_length=40)),
                ("region", models.CharField(blank=True, max_length=3)),
                ("org_type", models.CharField(max_length=40)),
                ("normalised_title_id", models.BigIntegerField(null=True)),
                ("family_name", models.CharField(max_length=100)),
                ("given_name", models.CharField(max_length=100)),
                ("names", models.TextField()),
                ("organisation", models.TextField()),
                ("role", models.TextField()),
                ("words", models.TextField()),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["family_name", "given_name", "profile"], name="search_by_name"
                    ),
                    models.Index(
                        fields=["sector", "region", "org_type", "normalised_title_id", "user_id"],
                        name="search_cells",
                    ),
                ],
            },
        ),
        migrations.RunPython(
            OLD._run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            OLD._run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
        migrations.RunPython(fill_entries, migrations.RunPython.noop),
    ]
