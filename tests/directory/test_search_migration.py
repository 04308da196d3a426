"""Migration 0012 gives the profiles already stored their search entries, and both
engines' full-text indexes find them; going back restores the old search text."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from convene.directory.services import search_index, text_match

BEFORE = [("directory", "0011_search_indexes")]
AFTER = [("directory", "0012_search_entries")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _store_a_leader(apps) -> int:
    User = apps.get_model("accounts", "User")
    Organisation = apps.get_model("directory", "Organisation")
    Profile = apps.get_model("directory", "Profile")
    organisation = Organisation.objects.create(
        name="Cumbria Constabulary",
        org_type="police_force",
        sector_id="policing",
        region_id="TLD",
        code="test:cumbria",
        source="test",
    )
    user = User.objects.create(email="chief@example.police.uk", role="member")
    profile = Profile.objects.create(
        user=user,
        given_name="Siân",
        family_name="Hughes",
        job_title="Chief Constable",
        organisation=organisation,
        working_on="Rural crime",
    )
    return profile.pk


def _found(entries, word: str) -> list[int]:
    return list(entries.filter(text_match.matches([[word]])).values_list("pk", flat=True))


def test_stored_profiles_are_found_after_the_migration_and_before_it_again():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        pk = _store_a_leader(_migrate(BEFORE))

        apps = _migrate(AFTER)
        entries = apps.get_model("directory", "SearchEntry").objects
        entry = entries.get(pk=pk)
        assert (entry.sector, entry.region, entry.names) == ("policing", "TLD", " sian hughes")
        for word in ["constab", "rural", "sian"]:
            assert _found(entries, word) == [pk], word

        apps = _migrate(BEFORE)
        profile = apps.get_model("directory", "Profile").objects.get(pk=pk)
        assert "rural crime" in profile.search_text
    finally:
        _migrate(latest)


def test_migration_0014_gives_stored_entries_their_topic_and_cohort_ids():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        apps = _migrate([("directory", "0013_profile_social_links")])
        pk = _store_a_leader(apps)
        Profile = apps.get_model("directory", "Profile")
        topic = apps.get_model("directory", "Topic").objects.create(name="rural crime")
        cohort = apps.get_model("programmes", "Cohort").objects.create(name="Cohort 1")
        Profile.topic_tags.through.objects.create(profile_id=pk, topic_id=topic.pk)
        Profile.cohorts.through.objects.create(profile_id=pk, cohort_id=cohort.pk)
        # The entry as migrations 0012 and 0013 leave it: no topic or cohort ids.
        stored = Profile.objects.select_related("organisation").get(pk=pk)
        values = search_index.entry_values(stored, stored.organisation)
        SearchEntry = apps.get_model("directory", "SearchEntry")
        SearchEntry.objects.create(**search_index.own_fields(SearchEntry, values))

        apps = _migrate([("directory", "0014_search_entry_filter_ids")])
        entries = apps.get_model("directory", "SearchEntry").objects
        entry = entries.get(pk=pk)
        assert (entry.topic_ids, entry.cohort_ids) == (f"[{topic.pk}]", f"[{cohort.pk}]")
        # The full-text index still follows changes (SQLite's triggers were made again).
        entries.filter(pk=pk).update(words="sian hughes wigton")
        assert _found(entries, "wigton") == [pk]

        apps = _migrate([("directory", "0013_profile_social_links")])
        entries = apps.get_model("directory", "SearchEntry").objects
        entries.filter(pk=pk).update(words="sian hughes keswick")
        assert _found(entries, "keswick") == [pk]
        assert _found(entries, "wigton") == []
    finally:
        _migrate(latest)


def test_migrations_0019_and_0020_give_stored_entries_their_ranking_and_back_their_role():
    from convene.directory.services.ranking import Score

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    before = [("directory", "0018_exported_people")]
    try:
        apps = _migrate(before)
        pk = _store_a_leader(apps)
        Profile = apps.get_model("directory", "Profile")
        Profile.objects.filter(pk=pk).update(topics="Rural crime, wildlife")
        stored = Profile.objects.select_related("organisation").get(pk=pk)
        SearchEntry = apps.get_model("directory", "SearchEntry")
        values = search_index.entry_values(stored, stored.organisation)
        SearchEntry.objects.create(**search_index.own_fields(SearchEntry, values))

        apps = _migrate([("directory", "0019_ranking_fields")])
        entry = apps.get_model("directory", "SearchEntry").objects.get(pk=pk)
        assert (entry.working_on, entry.topics) == ("rural crime", "rural crime wildlife")

        # 0020 moves the ranked texts to a table of their own, which ranking reads.
        apps = _migrate([("directory", "0020_ranked_texts_of_their_own")])
        text = apps.get_model("directory", "SearchText").objects.get(pk=pk)
        assert (text.working_on, text.topics) == ("rural crime", "rural crime wildlife")
        entries = apps.get_model("directory", "SearchEntry").objects
        assert entries.annotate(score=Score([["wildlife"]])).get(pk=pk).score > 0
        assert _found(entries, "wildlife") == [pk]

        apps = _migrate([("directory", "0019_ranking_fields")])
        entries = apps.get_model("directory", "SearchEntry").objects
        assert entries.get(pk=pk).topics == "rural crime wildlife"

        apps = _migrate(before)
        entries = apps.get_model("directory", "SearchEntry").objects
        assert entries.get(pk=pk).role == " chief constable rural crime wildlife"
        entries.filter(pk=pk).update(words="sian hughes keswick")
        assert _found(entries, "keswick") == [pk]
    finally:
        _migrate(latest)
