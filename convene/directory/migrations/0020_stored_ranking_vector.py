"""PostgreSQL keeps each entry's weighted vector, so that ranking reads it rather than
building it from the fields for every match (services/ranking.py; ADR 30: building it
took 5.6 s for the 35,000 matches of "the" at 100,000 people).

The vectors live in a table of their own, one row an entry, kept in step by triggers as
SQLite keeps its FTS5 table (migration 0019): no code path can forget them, and the
entries' rows stay narrow. Kept in the entries' rows, the vectors doubled the table
(87 to 177 MB at 100,000 people) and so the time to count a broad search ("nhs": 44 to
106 ms). No foreign key: Django's test flush truncates the entries without CASCADE, so
a truncate empties this table by a trigger instead. SQLite gets nothing here.
"""

import importlib

from django.db import migrations

OLD = importlib.import_module("convene.directory.migrations.0005_search_indexes")

# The weights as ranking.py gives them: A names; B job title, organisation and topics; C
# working on; D what they want and can help with. 'simple', as matching reads words.
VECTOR = """
    setweight(to_tsvector('simple'::regconfig, {row}.names), 'A')
    || setweight(to_tsvector('simple'::regconfig,
        {row}.job_title || ' ' || {row}.organisation || ' ' || {row}.topics), 'B')
    || setweight(to_tsvector('simple'::regconfig, {row}.working_on), 'C')
    || setweight(to_tsvector('simple'::regconfig,
        {row}.want_help_with || ' ' || {row}.can_help_with), 'D')
"""
FORWARD = [
    """CREATE TABLE directory_searchentry_ranked (
        profile_id bigint PRIMARY KEY, ranked tsvector NOT NULL
    )""",
    f"""CREATE FUNCTION directory_searchentry_ranked_write() RETURNS trigger AS $$
    BEGIN
        INSERT INTO directory_searchentry_ranked (profile_id, ranked)
        VALUES (NEW.profile_id, {VECTOR.format(row="NEW")})
        ON CONFLICT (profile_id) DO UPDATE SET ranked = EXCLUDED.ranked;
        IF TG_OP = 'UPDATE' AND OLD.profile_id <> NEW.profile_id THEN
            DELETE FROM directory_searchentry_ranked WHERE profile_id = OLD.profile_id;
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE FUNCTION directory_searchentry_ranked_delete() RETURNS trigger AS $$
    BEGIN
        DELETE FROM directory_searchentry_ranked WHERE profile_id = OLD.profile_id;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE FUNCTION directory_searchentry_ranked_truncate() RETURNS trigger AS $$
    BEGIN
        TRUNCATE directory_searchentry_ranked;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER directory_searchentry_ranked_write
        AFTER INSERT OR UPDATE ON directory_searchentry
        FOR EACH ROW EXECUTE FUNCTION directory_searchentry_ranked_write()""",
    """CREATE TRIGGER directory_searchentry_ranked_delete
        AFTER DELETE ON directory_searchentry
        FOR EACH ROW EXECUTE FUNCTION directory_searchentry_ranked_delete()""",
    """CREATE TRIGGER directory_searchentry_ranked_truncate
        AFTER TRUNCATE ON directory_searchentry
        FOR EACH STATEMENT EXECUTE FUNCTION directory_searchentry_ranked_truncate()""",
    # The entries there already.
    f"""INSERT INTO directory_searchentry_ranked (profile_id, ranked)
        SELECT profile_id, {VECTOR.format(row="directory_searchentry")}
        FROM directory_searchentry""",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS directory_searchentry_ranked_truncate ON directory_searchentry",
    "DROP TRIGGER IF EXISTS directory_searchentry_ranked_delete ON directory_searchentry",
    "DROP TRIGGER IF EXISTS directory_searchentry_ranked_write ON directory_searchentry",
    "DROP FUNCTION IF EXISTS directory_searchentry_ranked_truncate()",
    "DROP FUNCTION IF EXISTS directory_searchentry_ranked_delete()",
    "DROP FUNCTION IF EXISTS directory_searchentry_ranked_write()",
    "DROP TABLE IF EXISTS directory_searchentry_ranked",
]


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0019_ranking_fields"),
    ]

    operations = [
        migrations.RunPython(
            OLD._run({"postgresql": FORWARD}), OLD._run({"postgresql": BACKWARD})
        ),
    ]
