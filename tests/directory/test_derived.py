"""What a profile derives from what the leader wrote: normalised job title, topic tags."""

import pytest

from convene.accounts.services.audit import Origin
from convene.directory.models import JobTitle, Profile, Topic
from convene.directory.services import derived, profiles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Chief Executive", "Chief executive"),
        ("CEO", "Chief executive"),
        ("Chief Executive and Head of Paid Service", "Chief executive"),
        ("Chief Fire Officer and Chief Executive", "Chief fire officer"),
        ("Deputy Chief Constable", "Deputy chief constable"),
        ("Chief Constable", "Chief constable"),
        ("Police, Fire and Crime Commissioner", "Police and crime commissioner"),
        ("Director of Children's Services", "Director of children's services"),
        ("Second Permanent Secretary", "Permanent secretary"),
    ],
)
def test_a_title_as_written_is_matched_to_the_longest_phrase(written, normalised):
    titles = derived.JobTitles.load()
    assert titles.classify(written) == JobTitle.objects.get(name=normalised).pk


def test_a_phrase_matches_whole_words_only():
    titles = derived.JobTitles.load()
    assert titles.classify("Chairperson of the Board") == JobTitle.objects.get(name="Chair").pk
    assert titles.classify("Head of Coordination") is None  # not "coo"
    assert titles.classify("Wheelchair services lead") is None  # not "chair"


def test_editing_the_title_and_topics_updates_what_the_directory_filters_on(member):
    profile = member.profile
    assert profile.normalised_title.name == "Chief executive"

    profiles.update_profile(
        profile,
        {"job_title": "Chief Constable", "topics": "Net Zero, net  zero, Youth offending"},
        actor=member,
        origin=Origin(),
    )

    profile = Profile.objects.get(pk=profile.pk)
    assert profile.normalised_title.name == "Chief constable"
    assert sorted(t.name for t in profile.topic_tags.all()) == ["net zero", "youth offending"]
    profiles.update_profile(profile, {"topics": "youth offending"}, actor=member, origin=Origin())
    assert [t.name for t in profile.topic_tags.all()] == ["youth offending"]


def test_a_leader_s_tags_are_shared_with_others_who_chose_the_same_words(member, other_member):
    for user in (member, other_member):
        profiles.update_profile(
            user.profile, {"topics": "Hospital discharge"}, actor=user, origin=Origin()
        )
    assert Topic.objects.get().profiles.count() == 2


def test_bulk_written_profiles_get_the_same_tags(db):
    factories.make_member()
    profile = Profile.objects.get()
    Profile.objects.filter(pk=profile.pk).update(topics="SEND deficits, Net zero")
    profile.refresh_from_db()
    derived.tag_topics([profile])
    assert sorted(t.name for t in profile.topic_tags.all()) == ["net zero", "send deficits"]
