"""Search indexes, one per database engine, and search text for existing profiles.

PostgreSQL: pg_trgm and a GIN trigram index on search_text (serves ILIKE substring
matches and the `<%` word-similarity operator). SQLite: an FTS5 table with the trigram
tokenizer, kept in step with directory_profile by triggers.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE directory_profile_fts USING fts5(
        search_text, content='directory_profile', content_rowid='id', tokenize='trigram'
    )""",
    """CREATE TRIGGER directory_profile_fts_insert AFTER INSERT ON directory_profile BEGIN
        INSERT INTO directory_profile_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER directory_profile_fts_delete AFTER DELETE ON directory_profile BEGIN
        INSERT INTO directory_profile_fts(directory_profile_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER directory_profile_fts_update AFTER UPDATE ON directory_profile BEGIN
        INSERT INTO directory_profile_fts(directory_profile_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO directory_profile_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS directory_profile_fts_update",
    "DROP TRIGGER IF EXISTS directory_profile_fts_delete",
    "DROP TRIGGER IF EXISTS directory_profile_fts_insert",
    "DROP TABLE IF EXISTS directory_profile_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX directory_profile_search_trgm ON directory_profile "
    "USING gin (search_text gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS directory_profile_search_trgm"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def fill_search_text(apps, schema_editor):
    Profile = apps.get_model("directory", "Profile")
    profiles = list(Profile.objects.select_related("organisation"))
    for profile in profiles:
        parts = [
            profile.given_name,
            profile.family_name,
            profile.job_title,
            profile.organisation.name,
            profile.organisation.acronym,
            profile.topics,
            profile.working_on,
            profile.can_help_with,
            profile.want_help_with,
        ]
        profile.search_text = " \n".join(part for part in parts if part).lower()
    Profile.objects.bulk_update(profiles, ["search_text"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_profile_search_text")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
