"""The cohort and topic counts of a word search come from ids the search entries hold:
joining or leaving a cohort, from either side, and changing topics show in the counts."""

import pytest

from convene.directory.models import SearchEntry
from convene.directory.services import search
from convene.programmes.models import Cohort
from tests import factories

pytestmark = pytest.mark.django_db


def counts(name: str, chosen=None) -> dict[str, int]:
    # A word, so the counts come from the entries (the whole directory reads the links).
    found = search.search("housing", chosen or {}, 1)
    return {option.label: option.count for option in found.facets[name]}


@pytest.fixture
def leaders():
    return [
        factories.make_member(
            f"leader{i}@example.gov.uk",
            given=f"Leader{i}",
            family="Okafor",
            working_on="Housing",
            topics="homelessness, net zero",
        ).profile
        for i in range(3)
    ]


@pytest.fixture
def cohorts():
    return Cohort.objects.create(name="Cohort A"), Cohort.objects.create(name="Cohort B")


def test_joining_and_leaving_a_cohort_from_the_profile_shows_in_the_counts(leaders, cohorts):
    first, second = cohorts
    leaders[0].cohorts.add(first, second)
    leaders[1].cohorts.add(first)
    assert counts("cohort") == {"Cohort A": 2, "Cohort B": 1}

    leaders[0].cohorts.remove(second)
    assert counts("cohort") == {"Cohort A": 2}

    leaders[1].cohorts.clear()
    assert counts("cohort") == {"Cohort A": 1}


def test_joining_and_leaving_a_cohort_from_the_cohort_shows_in_the_counts(leaders, cohorts):
    first, _ = cohorts
    first.members.add(*leaders)
    assert counts("cohort") == {"Cohort A": 3}

    first.members.remove(leaders[2])
    assert counts("cohort") == {"Cohort A": 2}

    first.members.clear()
    assert counts("cohort") == {}


def test_a_deleted_cohort_leaves_its_members_entries(leaders, cohorts):
    first, second = cohorts
    first.members.add(*leaders)
    second.members.add(leaders[0])
    first.delete()
    assert counts("cohort") == {"Cohort B": 1}
    entries = SearchEntry.objects.filter(pk__in=[p.pk for p in leaders])
    held = dict(entries.values_list("pk", "cohort_ids"))
    assert held == {leaders[0].pk: f"[{second.pk}]", leaders[1].pk: "[]", leaders[2].pk: "[]"}


def test_changed_topics_show_in_the_counts(leaders):
    assert counts("topic") == {"homelessness": 3, "net zero": 3}
    leaders[0].topics = "homelessness, rough sleeping"
    leaders[0].save()
    assert counts("topic") == {"homelessness": 3, "net zero": 2, "rough sleeping": 1}


def test_a_chosen_cohort_narrows_the_topic_counts_and_not_its_own(leaders, cohorts):
    first, second = cohorts
    first.members.add(leaders[0])
    second.members.add(leaders[1])
    leaders[1].topics = "rough sleeping"
    leaders[1].save()
    chosen = {"cohort": [str(first.pk)]}
    assert counts("topic", chosen) == {"homelessness": 1, "net zero": 1}
    assert counts("cohort", chosen) == {"Cohort A": 1, "Cohort B": 1}
