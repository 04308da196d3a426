"""The cohort and topic counts of a word search come from ids the search entries hold:
joining or leaving a cohort, a cohort deleted, and changing topics show in the counts."""

import pytest

from convene.accounts.services.audit import Origin
from convene.directory.models import SearchEntry
from convene.directory.services import profiles, search
from convene.programmes.models import Cohort
from convene.programmes.services import cohorts as cohorts_service
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


def join(cohort, *people):
    cohorts_service.add_members(cohort, people, actor=None, origin=Origin())


def leave(cohort, *people):
    cohorts_service.remove_members(cohort, people, actor=None, origin=Origin())


def edit(profile, **changes):
    profiles.update_profile(profile, changes, actor=profile.user, origin=Origin())


def test_joining_and_leaving_cohorts_shows_in_the_counts(leaders, cohorts):
    first, second = cohorts
    join(first, leaders[0], leaders[1])
    join(second, leaders[0])
    assert counts("cohort") == {"Cohort A": 2, "Cohort B": 1}

    leave(second, leaders[0])
    assert counts("cohort") == {"Cohort A": 2}

    leave(first, *leaders)
    assert counts("cohort") == {}


def test_a_deleted_cohort_leaves_its_members_entries(leaders, cohorts):
    first, second = cohorts
    join(first, *leaders)
    join(second, leaders[0])
    cohorts_service.delete_cohort(first, actor=None, origin=Origin())
    assert counts("cohort") == {"Cohort B": 1}
    entries = SearchEntry.objects.filter(pk__in=[p.pk for p in leaders])
    held = dict(entries.values_list("pk", "cohort_ids"))
    assert held == {leaders[0].pk: f"[{second.pk}]", leaders[1].pk: "[]", leaders[2].pk: "[]"}


def test_changed_topics_show_in_the_counts(leaders):
    assert counts("topic") == {"homelessness": 3, "net zero": 3}
    edit(leaders[0], topics="homelessness, rough sleeping")
    assert counts("topic") == {"homelessness": 3, "net zero": 2, "rough sleeping": 1}


def test_a_chosen_cohort_narrows_the_topic_counts_and_not_its_own(leaders, cohorts):
    first, second = cohorts
    join(first, leaders[0])
    join(second, leaders[1])
    edit(leaders[1], topics="rough sleeping")
    chosen = {"cohort": [str(first.pk)]}
    assert counts("topic", chosen) == {"homelessness": 1, "net zero": 1}
    assert counts("cohort", chosen) == {"Cohort A": 1, "Cohort B": 1}
