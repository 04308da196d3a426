"""What search ranks by moves out of the search entries into a table of its own,
``SearchText``, so that the entries' rows, which every count reads, are as narrow as
ADR 17 made them (87 MB at 100,000 people with the texts in them, 52 MB without).

SQLite: the FTS5 table of migration 0019 takes its content from the new table. PostgreSQL:
the new table stores each profile's weighted vector in a generated column, ``ranked``,
so that ranking reads it rather than building it for every match (building it took
5.6 s for the 35,000 matches of "the" at 100,000 people; ADR 30). Removing columns
rebuilds the entries' table on SQLite, which drops its triggers: made again, both ways.
"""

import importlib

from django.db import migrations, models

FIELDS_0019 = importlib.import_module("convene.directory.migrations.0019_ranking_fields")
FILTER_IDS = importlib.import_module("convene.directory.migrations.0014_search_entry_filter_ids")
OLD = importlib.import_module("convene.directory.migrations.0005_search_indexes")
BATCH = 1000
MOVED = ["job_title", "topics", "working_on", "want_help_with", "can_help_with"]
COPIED = ["names", "organisation", *MOVED]

# The weights as ranking.py gives them: A names; B job title, organisation and topics; C
# working on; D what they want and can help with. 'simple', as matching reads words.
VECTOR = """
    setweight(to_tsvector('simple'::regconfig, names), 'A')
    || setweight(to_tsvector('simple'::regconfig,
        job_title || ' ' || organisation || ' ' || topics), 'B')
    || setweight(to_tsvector('simple'::regconfig, working_on), 'C')
    || setweight(to_tsvector('simple'::regconfig,
        want_help_with || ' ' || can_help_with), 'D')
"""
POSTGRES_FORWARD = [
    f"ALTER TABLE directory_searchtext ADD COLUMN ranked tsvector"
    f" GENERATED ALWAYS AS ({VECTOR}) STORED"
]
POSTGRES_BACKWARD = ["ALTER TABLE directory_searchtext DROP COLUMN IF EXISTS ranked"]


def copy_to_texts(apps, schema_editor):
    SearchEntry = apps.get_model("directory", "SearchEntry")
    SearchText = apps.get_model("directory", "SearchText")
    ids = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        rows = SearchEntry.objects.filter(pk__in=ids[start : start + BATCH]).values("pk", *COPIED)
        SearchText.objects.bulk_create(
            SearchText(profile_id=row.pop("pk"), **row) for row in rows
        )


def copy_to_entries(apps, schema_editor):
    SearchEntry = apps.get_model("directory", "SearchEntry")
    SearchText = apps.get_model("directory", "SearchText")
    texts = SearchText.objects.order_by("pk").values("pk", *MOVED)
    entries = [SearchEntry(pk=row.pop("pk"), **row) for row in texts]
    SearchEntry.objects.bulk_update(entries, MOVED, batch_size=BATCH)


def _remove(name):
    return migrations.RemoveField(model_name="searchentry", name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0019_ranking_fields"),
    ]

    operations = [
        # Going back adds the columns, rebuilding the table: the words' triggers last.
        migrations.RunPython(migrations.RunPython.noop, FILTER_IDS.remake_triggers),
        migrations.RunPython(
            OLD._run({"sqlite": FIELDS_0019.SQLITE_BACKWARD}),
            OLD._run({"sqlite": FIELDS_0019.SQLITE_FORWARD}),
        ),
        migrations.CreateModel(
            name="SearchText",
            fields=[
                (
                    "profile",
                    models.OneToOneField(
                        on_delete=models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_text",
                        serialize=False,
                        to="directory.profile",
                    ),
                ),
                ("names", models.TextField()),
                ("organisation", models.TextField()),
                *[(name, models.TextField(default="")) for name in MOVED],
            ],
        ),
        migrations.RunPython(copy_to_texts, copy_to_entries),
        *[_remove(name) for name in MOVED],
        migrations.RunPython(FILTER_IDS.remake_triggers, migrations.RunPython.noop),
        migrations.RunPython(
            OLD._run(
                {
                    "sqlite": FIELDS_0019.sqlite_fields_table("directory_searchtext"),
                    "postgresql": POSTGRES_FORWARD,
                }
            ),
            OLD._run(
                {"sqlite": FIELDS_0019.SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}
            ),
        ),
    ]
