"""Search finds the same people on PostgreSQL and SQLite, through each engine's index."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from convene.directory.models import SearchEntry
from convene.directory.services import search_index
from convene.directory.services.search import search

pytestmark = pytest.mark.django_db


def found_in(searched: str, word: str) -> bool:
    return word.startswith(searched) if len(searched) >= 3 else word == searched


def reference(query: str) -> set[int]:
    """What every engine must find: each searched word begins a word of the entry (or is
    one, if shorter than three letters)."""
    searched = search_index.normalise(query).split()
    return {
        pk
        for pk, text in SearchEntry.objects.values_list("pk", "words")
        if all(any(found_in(s, word) for word in text.split()) for s in searched)
    }


def found_by(result) -> set[int]:
    return set(result.page.paginator.object_list)


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
    "offend",
    "constab",
    "o'neill",
    "on-call",
    "children's",
    "stoke-on-trent",
    "high needs",
]


def test_the_database_finds_the_same_people_as_the_reference_on_the_demo_data():
    call_command("load_demo", verbosity=0)
    for query in QUERIES:
        found = found_by(search(query, {}, 1))
        expected = reference(query)
        assert found == expected, query
        assert expected, f"{query!r} should find someone in the demo"


def test_the_search_index_follows_edits_and_renames():
    from convene.accounts.services.audit import Origin
    from convene.directory.services import profiles
    from tests import factories

    leader = factories.make_member(working_on="Temporary accommodation costs")
    assert [p.pk for p in search("accommodation", {}, 1).page] == [leader.profile.pk]
    profiles.update_profile(
        leader.profile, {"working_on": "Net zero estates"}, actor=leader, origin=Origin()
    )
    assert list(search("accommodation", {}, 1).page) == []
    assert [p.pk for p in search("estates", {}, 1).page] == [leader.profile.pk]


def test_accents_case_and_punctuation_do_not_matter():
    from tests import factories

    leader = factories.make_member(given="Siân", family="O'Brien-Hughes")
    for query in ["sian", "Siân", "SIAN", "o'brien", "brien hughes", "O\u2019Brien\u2013Hughes"]:
        assert [p.pk for p in search(query, {}, 1).page] == [leader.profile.pk], query


def test_a_word_finds_words_it_begins_not_words_it_is_inside():
    from tests import factories

    leader = factories.make_member(working_on="Constabulary collaboration")
    assert [p.pk for p in search("constab", {}, 1).page] == [leader.profile.pk]
    assert list(search("stabulary", {}, 1).page) == []


def test_a_short_word_must_be_a_whole_word():
    from tests import factories

    emergency = factories.make_member(
        "ae@example.gov.uk", working_on="A&E waiting times", topics="estates"
    )
    factories.make_member("hr@example.gov.uk", working_on="Agency staff and HR")
    assert [p.pk for p in search("a&e", {}, 1).page] == [emergency.profile.pk]
    assert len(search("hr", {}, 1).page) == 1
    assert list(search("ho", {}, 1).page) == []


def test_each_engine_has_its_full_text_index():
    from tests import factories

    factories.make_member()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM directory_searchentry_fts")
            assert cursor.fetchone()[0] == SearchEntry.objects.count() == 1
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'directory_searchentry_words'"
            )
            assert "to_tsvector('simple'::regconfig, words)" in cursor.fetchone()[0]
            # No pending list: after a bulk import it made the planner give up the index.
            cursor.execute(
                "SELECT relname, reloptions FROM pg_class WHERE relname IN"
                " ('directory_searchentry_words', 'directory_searchentry_names_trgm',"
                " 'directory_organisation_search_name_trgm')"
            )
            options = dict(cursor.fetchall())
            assert len(options) == 3
            assert all("fastupdate=off" in (found or []) for found in options.values()), options


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
        found = found_by(result)
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


def test_rebuilding_the_index_restores_entries_lost_outside_convene():
    from tests import factories

    leader = factories.make_member(working_on="Temporary accommodation costs")
    SearchEntry.objects.all().delete()
    assert list(search("accommodation", {}, 1).page) == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "written for 1 profile." in out.getvalue()
    assert [p.pk for p in search("accommodation", {}, 1).page] == [leader.profile.pk]
