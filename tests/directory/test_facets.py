"""Filter counts match a plain Python count of the demo's people, whatever is ticked."""

from collections import Counter

import pytest
from django.core.cache import cache
from django.core.management import call_command

from convene.accounts.models import User
from convene.directory.models import Profile
from convene.directory.services import facets, search
from tests import factories

pytestmark = pytest.mark.django_db


def values_of(profile) -> dict[str, set[str]]:
    organisation = profile.organisation
    return {
        "sector": {organisation.sector_id},
        "region": {organisation.region_id} - {None},
        "org_type": {organisation.org_type},
        "title": {str(profile.normalised_title_id)} - {"None"},
        "cohort": {str(c.pk) for c in profile.cohorts.all()},
        "topic": {str(t.pk) for t in profile.topic_tags.all()},
    }


def reference(people: list[dict], chosen: dict[str, list[str]]):
    """OR within a filter, AND across; each filter counted without itself."""

    def meets(person, leave_out=None):
        return all(
            not values or person[name] & set(values)
            for name, values in chosen.items()
            if name != leave_out
        )

    total = sum(1 for person in people if meets(person))
    by_filter = {
        name: Counter(v for person in people if meets(person, name) for v in person[name])
        for name in facets.NAMES
    }
    return total, by_filter


CHOICES = [
    {},
    {"sector": ["policing"]},
    {"sector": ["policing", "health"], "region": ["TLD", "TLE"]},
    {"region": ["TLD"], "org_type": ["council"], "title": ["1"]},
    {"sector": ["health"], "cohort": ["1"], "topic": ["2", "3"]},
    {"cohort": ["1"]},
    {"region": ["TLI"], "org_type": ["nhs_trust", "council"], "sector": ["health"], "topic": ["1"]},
]


@pytest.mark.parametrize("text", ["", "youth"])
def test_counts_match_a_plain_count_for_every_mix_of_filters(text):
    call_command("load_demo", verbosity=0)
    # The deactivated are never counted, whichever way a count leaves them out.
    deactivated = Profile.objects.filter(cohorts__isnull=False, topic_tags__isnull=False)[:3]
    User.objects.filter(profile__in=list(deactivated)).update(is_active=False)
    words = search.terms(text)
    profiles, _ = search.matching_profiles(text, {})
    people = [values_of(p) for p in profiles.prefetch_related("cohorts", "topic_tags")]
    for chosen in CHOICES:
        counts = facets.count(search._base(words), chosen, everyone=not words)
        total, by_filter = reference(people, chosen)
        assert counts.total == total, chosen
        for name in facets.NAMES:
            assert dict(counts.by_filter[name]) == dict(by_filter[name]), (chosen, name)


def test_counts_are_kept_until_a_profile_changes(settings, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.DIRECTORY_COUNTS_CACHE_SECONDS = 60
    cache.clear()
    with CaptureQueriesContext(connection) as first:
        assert search.search("okafor", {}, 1).total == 1
    with CaptureQueriesContext(connection) as second:
        assert search.search("okafor", {}, 1).total == 1

    def counting(queries):
        return [q["sql"] for q in queries if "COUNT(" in q["sql"]]

    assert counting(first)
    assert not counting(second)

    factories.make_member("b@x.gov.uk", given="Bola", family="Okafor")

    assert search.search("okafor", {}, 1).total == 2
    cache.clear()


def test_deactivating_or_reactivating_a_leader_updates_the_cached_counts(
    settings, member, staff_admin, django_capture_on_commit_callbacks
):
    from convene.accounts.services import users
    from convene.accounts.services.audit import Origin

    settings.DIRECTORY_COUNTS_CACHE_SECONDS = 60
    cache.clear()
    other = factories.make_member("b@x.gov.uk", given="Bola", family="Okafor")
    assert search.search("okafor", {}, 1).total == 2
    with django_capture_on_commit_callbacks(execute=True):
        users.deactivate_user(other, actor=staff_admin, origin=Origin())
    assert search.search("okafor", {}, 1).total == 1
    with django_capture_on_commit_callbacks(execute=True):
        users.reactivate_user(other, actor=staff_admin, origin=Origin())
    assert search.search("okafor", {}, 1).total == 2
    cache.clear()
