"""PostgreSQL keeps each entry's weighted vector, so that ranking reads it rather than
building it from the fields for every match (services/ranking.py; ADR 30: building it
took 5.6 s for the 35,000 matches of "the" at 100,000 people).

A generated column: PostgreSQL computes it whenever a row is written, so no code path can
forget it, and Django's model does not know it (it never writes it). SQLite ranks with
the FTS5 table of migration 0019 and gets nothing here.
"""

import importlib

from django.db import migrations

OLD = importlib.import_module("convene.directory.migrations.0005_search_indexes")

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
FORWARD = [
    f"ALTER TABLE directory_searchentry ADD COLUMN ranked tsvector GENERATED ALWAYS AS ({VECTOR}) STORED"
]
BACKWARD = ["ALTER TABLE directory_searchentry DROP COLUMN IF EXISTS ranked"]


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0019_ranking_fields"),
    ]

    operations = [
        migrations.RunPython(
            OLD._run({"postgresql": FORWARD}), OLD._run({"postgresql": BACKWARD})
        ),
    ]
