"""Search finds the same people on PostgreSQL and SQLite, through each engine's index."""

import pytest
from django.core.management import call_command
from django.db import connection

from convene.directory.models import Profile
from convene.directory.services.search import search

pytestmark = pytest.mark.django_db


def reference(query: str) -> set[int]:
    """What every engine must find: every word somewhere in the profile's search text."""
    words = [word.lower() for word in query.split()]
    return {
        pk
        for pk, text in Profile.objects.values_list("pk", "search_text")
        if all(word in text for word in words)
    }


QUERIES = [
    "manchester",
    "youth offending",
    "chief constable",
    "net zero",
    "birmingham",
    "cumbria fire",
    "delayed discharge",
    "nhs trust wellbeing",
    "okafor",
    "county lines exploitation",
    "hmrc",
    "of",
]


def test_the_database_finds_the_same_people_as_the_reference_on_the_demo_data():
    call_command("load_demo", verbosity=0)
    for query in QUERIES:
        found = set(search(query, {}, 1).page.paginator.object_list.values_list("pk", flat=True))
        expected = reference(query)
        assert found == expected, query
        assert expected, f"{query!r} should find someone in the demo"


def test_the_search_index_follows_edits_and_renames():
    from tests import factories

    leader = factories.make_member(working_on="Temporary accommodation costs")
    assert [p.pk for p in search("accommodation", {}, 1).page] == [leader.profile.pk]
    leader.profile.working_on = "Net zero estates"
    leader.profile.save()
    assert list(search("accommodation", {}, 1).page) == []
    assert [p.pk for p in search("estates", {}, 1).page] == [leader.profile.pk]


def test_each_engine_has_its_search_index():
    from tests import factories

    factories.make_member()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM directory_profile_fts")
            assert cursor.fetchone()[0] == Profile.objects.count()
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'directory_profile_search_trgm'"
            )
            assert "gin_trgm_ops" in cursor.fetchone()[0]


# A misspelling of a place or person in the demo, and the word meant.
TYPOS = {
    "manchestr": "manchester",
    "birmingam": "birmingham",
    "cumbira": "cumbria",
    "okafr": "okafor",
    "hampshrie": "hampshire",
}


def test_a_misspelt_name_finds_the_people_the_right_spelling_finds():
    call_command("load_demo", verbosity=0)
    for typo, meant in TYPOS.items():
        result = search(typo, {}, 1)
        assert meant in result.corrections[typo], typo
        found = set(result.page.paginator.object_list.values_list("pk", flat=True))
        expected = set().union(*(reference(word) for word in result.corrections[typo]))
        assert found == expected, typo
        assert reference(meant) <= found, typo


def test_words_that_match_someone_are_never_respelt():
    call_command("load_demo", verbosity=0)
    # "youth" is one letter from "south", but it is a word leaders use: no correction.
    for query in ["youth", "constable", "discharge manchester"]:
        assert search(query, {}, 1).corrections == {}, query
    # Short words have too many neighbours to guess from.
    assert search("lede", {}, 1).corrections == {}
