"""Search entries keep each ranked field of their profile (job title, topics, the three
texts) in place of ``role``, so that search ranks by where words were found and how often
(services/ranking.py, docs/decisions/0030-ranking-by-field-weights.md).

SQLite: an FTS5 table with one column a field, for ``bm25()``, kept in step by triggers;
matching still reads the ``words`` table of migration 0012. Adding and removing columns
rebuilds the entries' table, which drops its triggers: they are made again, both ways.
PostgreSQL ranks with ``ts_rank_cd`` over the fields as they are: no index is needed.
"""

import importlib

from django.db import migrations, models

from convene.directory.services.search_index import RANKED_TEXTS, normalise

ENTRIES = importlib.import_module("convene.directory.migrations.0012_search_entries")
FILTER_IDS = importlib.import_module("convene.directory.migrations.0014_search_entry_filter_ids")
OLD = importlib.import_module("convene.directory.migrations.0005_search_indexes")
BATCH = 1000

# The order of bm25()'s weights (text_match.SQLITE_WEIGHTS).
FIELDS = ["names", "job_title", "organisation", *RANKED_TEXTS[1:]]
COLUMNS = ", ".join(FIELDS)
NEW = ", ".join(f"new.{name}" for name in FIELDS)
OLD_VALUES = ", ".join(f"old.{name}" for name in FIELDS)


def sqlite_fields_table(content: str) -> list[str]:
    """The FTS5 table of the ranked fields over the ``content`` table, which has them
    under the same names (the entries here; migration 0020 moves them), and its
    triggers."""
    return [
        f"""CREATE VIRTUAL TABLE directory_searchentry_fields USING fts5(
            {COLUMNS}, content='{content}', content_rowid='profile_id',
            tokenize='unicode61', prefix='2 3'
        )""",
        f"""CREATE TRIGGER directory_searchentry_fields_insert AFTER INSERT ON {content}
        BEGIN
            INSERT INTO directory_searchentry_fields(rowid, {COLUMNS})
            VALUES (new.profile_id, {NEW});
        END""",
        f"""CREATE TRIGGER directory_searchentry_fields_delete AFTER DELETE ON {content}
        BEGIN
            INSERT INTO directory_searchentry_fields(directory_searchentry_fields, rowid, {COLUMNS})
            VALUES ('delete', old.profile_id, {OLD_VALUES});
        END""",
        f"""CREATE TRIGGER directory_searchentry_fields_update AFTER UPDATE ON {content}
        BEGIN
            INSERT INTO directory_searchentry_fields(directory_searchentry_fields, rowid, {COLUMNS})
            VALUES ('delete', old.profile_id, {OLD_VALUES});
            INSERT INTO directory_searchentry_fields(rowid, {COLUMNS})
            VALUES (new.profile_id, {NEW});
        END""",
        # Built from the rows as they are: the fields were filled before the triggers.
        "INSERT INTO directory_searchentry_fields(directory_searchentry_fields)"
        " VALUES ('rebuild')",
    ]


SQLITE_FORWARD = sqlite_fields_table("directory_searchentry")
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS directory_searchentry_fields_update",
    "DROP TRIGGER IF EXISTS directory_searchentry_fields_delete",
    "DROP TRIGGER IF EXISTS directory_searchentry_fields_insert",
    "DROP TABLE IF EXISTS directory_searchentry_fields",
]


def fill_fields(apps, schema_editor):
    Profile = apps.get_model("directory", "Profile")
    SearchEntry = apps.get_model("directory", "SearchEntry")
    ids = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        profiles = Profile.objects.filter(pk__in=ids[start : start + BATCH]).only(*RANKED_TEXTS)
        entries = [
            SearchEntry(pk=p.pk, **{name: normalise(getattr(p, name)) for name in RANKED_TEXTS})
            for p in profiles
        ]
        SearchEntry.objects.bulk_update(entries, RANKED_TEXTS)


def fill_role(apps, schema_editor):
    # What role held: " " and the job title and topics, normalised (search_index._starts).
    SearchEntry = apps.get_model("directory", "SearchEntry")
    entries = list(SearchEntry.objects.only("job_title", "topics"))
    for entry in entries:
        entry.role = " " + normalise(f"{entry.job_title} {entry.topics}")
    SearchEntry.objects.bulk_update(entries, ["role"], batch_size=BATCH)


def _field(name):
    return migrations.AddField(
        model_name="searchentry", name=name, field=models.TextField(default="")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0018_exported_people"),
    ]

    operations = [
        # Adding and removing columns rebuilds the table on SQLite, which drops the words'
        # triggers: they are made again after, both ways (this runs last going back).
        migrations.RunPython(migrations.RunPython.noop, FILTER_IDS.remake_triggers),
        *[_field(name) for name in RANKED_TEXTS],
        migrations.RunPython(fill_fields, fill_role),
        # A default, so that going back can add the column to rows that have one.
        migrations.AlterField(
            model_name="searchentry", name="role", field=models.TextField(default="")
        ),
        migrations.RemoveField(model_name="searchentry", name="role"),
        migrations.RunPython(FILTER_IDS.remake_triggers, migrations.RunPython.noop),
        migrations.RunPython(
            OLD._run({"sqlite": SQLITE_FORWARD}), OLD._run({"sqlite": SQLITE_BACKWARD})
        ),
    ]
