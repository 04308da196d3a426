"""Organisations keep their name and acronym normalised as search normalises them, with a
trigram index on PostgreSQL: a misspelt organisation is looked up among the
organisations, not among the entries of everyone in them (services/spelling.py)."""

import importlib

from django.db import migrations, models

from convene.directory.services.search_index import organisation_text

OLD = importlib.import_module("convene.directory.migrations.0005_search_indexes")

POSTGRES_FORWARD = [
    # No pending list (fastupdate): migration 0016 says why.
    "CREATE INDEX directory_organisation_search_name_trgm ON directory_organisation "
    "USING gin (search_name gin_trgm_ops) WITH (fastupdate = off)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS directory_organisation_search_name_trgm"]


def fill_search_names(apps, schema_editor):
    Organisation = apps.get_model("directory", "Organisation")
    organisations = list(Organisation.objects.only("name", "acronym"))
    for organisation in organisations:
        organisation.search_name = organisation_text(organisation)
    Organisation.objects.bulk_update(organisations, ["search_name"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0016_words_index_without_pending_list"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_name",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
        migrations.RunPython(
            OLD._run({"postgresql": POSTGRES_FORWARD}),
            OLD._run({"postgresql": POSTGRES_BACKWARD}),
        ),
    ]
