"""Search entries hold their profile's topic and cohort ids, for counting those filters in
one scan of the matches (docs/decisions/0017-search-entries.md).

On SQLite, adding a NOT NULL column rebuilds the table, which drops its full-text
triggers: they are made again (the FTS5 index itself, keyed by profile, is unchanged).
"""

import importlib

from django.db import migrations, models

from convene.directory.services import search_index

ENTRIES = importlib.import_module("convene.directory.migrations.0012_search_entries")
TRIGGERS = [sql for sql in ENTRIES.SQLITE_FORWARD if sql.startswith("CREATE TRIGGER")]
DROP_TRIGGERS = [sql for sql in ENTRIES.SQLITE_BACKWARD if sql.startswith("DROP TRIGGER")]
BATCH = 1000


def remake_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in [*DROP_TRIGGERS, *TRIGGERS]:
            schema_editor.execute(sql)


def fill_filter_ids(apps, schema_editor):
    Profile = apps.get_model("directory", "Profile")
    SearchEntry = apps.get_model("directory", "SearchEntry")
    links = Profile.topic_tags.through, Profile.cohorts.through
    ids = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        lists = search_index.filter_ids(batch, *links)
        entries = [SearchEntry(pk=pk, **values) for pk, values in lists.items()]
        SearchEntry.objects.bulk_update(entries, ["topic_ids", "cohort_ids"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0013_profile_social_links"),
    ]

    operations = [
        # Going back removes the columns, rebuilding the table again: triggers last.
        migrations.RunPython(migrations.RunPython.noop, remake_triggers),
        migrations.AddField(
            model_name="searchentry",
            name="topic_ids",
            field=models.TextField(default="[]"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="cohort_ids",
            field=models.TextField(default="[]"),
        ),
        migrations.RunPython(remake_triggers, migrations.RunPython.noop),
        migrations.RunPython(fill_filter_ids, migrations.RunPython.noop),
    ]
