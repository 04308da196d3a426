"""Peer suggestions: leaders whose work answers mine, across sectors, with a reason."""

import builtins

import pytest
from django.core.management import call_command

from convene.accounts.models import AuditEvent, User
from convene.accounts.services.audit import Origin
from convene.connections.models import ProfileVector
from convene.connections.services import hidden_suggestions, introductions, matching
from convene.directory.services import profiles

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["embeddings", "tfidf"])
def matcher(request, settings):
    """Every test runs with each matcher: the embeddings extra and the TF-IDF fallback."""
    settings.PEER_MATCHER = "auto" if request.param == "embeddings" else "tfidf"
    matching.embedder.cache_clear()
    matching.forget()
    yield request.param
    matching.embedder.cache_clear()
    matching.forget()


@pytest.fixture
def demo(matcher, django_capture_on_commit_callbacks):
    # The loader refreshes the vectors once its work commits: no separate step.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0)
    return User.objects.get(email="member@demo.example"), User.objects.get(
        email="police@demo.example"
    )


def test_the_two_demo_leaders_see_each_other_suggested_with_the_shared_challenge(demo, matcher):
    member, peer = demo
    assert matching.matcher_name() == (
        "tfidf" if matcher == "tfidf" else matching.WordLlamaEmbedder.name
    )
    for me, other in ((member, peer), (peer, member)):
        found = matching.suggestions_for(me)
        assert other.profile.pk in [s.profile.pk for s in found], (matcher, me)
        reason = next(s.reason for s in found if s.profile.pk == other.profile.pk)
        assert reason == "Also working on youth offending"


def test_suggestions_favour_other_sectors_and_leave_out_one_s_own_organisation(demo):
    member, _ = demo
    found = matching.suggestions_for(member)
    assert len(found) == 5
    assert all(s.profile.organisation_id != member.profile.organisation_id for s in found)
    other_sector = [s for s in found if s.profile.organisation.sector_id != "local_government"]
    assert len(other_sector) >= 3


def test_people_already_introduced_or_hidden_are_not_suggested(demo):
    member, peer = demo
    introductions.accept_introduction(
        introductions.ask_for_introduction(
            peer, actor=member, origin=Origin(), reason="Youth diversion"
        ),
        actor=peer,
        origin=Origin(),
    )
    assert peer.profile.pk not in [s.profile.pk for s in matching.suggestions_for(member)]
    first = matching.suggestions_for(member)[0].profile
    hidden_suggestions.hide_suggestion(first, actor=member, origin=Origin())
    assert first.pk not in [s.profile.pk for s in matching.suggestions_for(member)]


def test_the_home_page_shows_suggestions_and_hides_one(demo, client_for):
    member, peer = demo
    client = client_for(member)
    page = client.get("/").content.decode()
    assert 'data-testid="suggestions"' in page
    assert f'href="/people/{peer.profile.pk}/">Sam Idowu</a>' in page
    client.post(f"/suggestions/{peer.profile.pk}/hide/")
    hid = client.post(f"/suggestions/{peer.profile.pk}/hide/", follow=True)  # twice: once
    page = hid.content.decode()
    assert f'href="/people/{peer.profile.pk}/">Sam Idowu</a>' not in page
    assert "You hid Sam Idowu: they will not be suggested to you again." in page
    assert f'action="/suggestions/{peer.profile.pk}/restore/"' in page
    hidden = AuditEvent.objects.filter(action="suggestion.hidden", actor=member)
    assert list(hidden.values_list("detail", "subject_user")) == [
        ({"profile": peer.profile.pk}, None)
    ]


def test_undo_brings_a_hidden_suggestion_back(demo, client_for):
    member, peer = demo
    client = client_for(member)
    client.post(f"/suggestions/{peer.profile.pk}/hide/")
    undone = client.post(f"/suggestions/{peer.profile.pk}/restore/", follow=True)
    page = undone.content.decode()
    assert "Sam Idowu can be suggested to you again" in page
    assert f'href="/people/{peer.profile.pk}/">Sam Idowu</a>' in page
    assert "You hid" not in page
    restored = AuditEvent.objects.filter(action="suggestion.restored", actor=member)
    assert list(restored.values_list("detail", flat=True)) == [{"profile": peer.profile.pk}]


def test_changed_texts_are_embedded_again_in_the_background_and_only_they(
    demo, matcher, django_capture_on_commit_callbacks
):
    member, _ = demo
    if matcher == "tfidf":
        assert matching.refresh() == 0  # nothing is stored without the extra
        return
    before = ProfileVector.objects.get(profile=member.profile).source_hash
    assert matching.refresh() == 0
    with django_capture_on_commit_callbacks(execute=True):
        profiles.update_profile(
            member.profile,
            {"working_on": "Net zero estates and fleet"},
            actor=member,
            origin=Origin(),
        )
    assert ProfileVector.objects.get(profile=member.profile).source_hash != before
    assert matching.refresh() == 0


def test_without_the_extra_the_tf_idf_fallback_is_used(settings, monkeypatch, member):
    real_import = builtins.__import__

    def no_wordllama(name, *args, **kwargs):
        if name.startswith("wordllama"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    settings.PEER_MATCHER = "auto"
    matching.embedder.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_wordllama)
    try:
        assert matching.embedder() is None
        assert matching.matcher_name() == "tfidf"
    finally:
        monkeypatch.undo()
        matching.embedder.cache_clear()


def test_a_member_with_nothing_written_gets_no_suggestions_but_a_prompt(client_for, member):
    profiles.update_profile(
        member.profile,
        {"working_on": "", "want_help_with": "", "can_help_with": ""},
        actor=member,
        origin=Origin(),
    )
    page = client_for(member).get("/").content.decode()
    assert "Tell other leaders what you are working on" in page


def test_the_demo_pair_suggested_asks_accepts_and_joins_the_graph(
    demo, client_for, django_capture_on_commit_callbacks
):
    """The issue's "done": suggested with a reason, introduced, e-mailed, in the graph."""
    from django.core import mail

    from convene.connections.models import Edge, Introduction

    member, peer = demo
    home = client_for(member).get("/").content.decode()
    assert "Also working on youth offending" in home
    client_for(member).post(
        f"/people/{peer.profile.pk}/introduce/", {"reason": "We both divert teenagers from court"}
    )
    introduction = Introduction.objects.get(requester=member, recipient=peer)
    mail.outbox.clear()
    client_for(peer).post(f"/introductions/{introduction.pk}/accept/")

    to_member = next(m for m in mail.outbox if m.to == [member.email])
    assert "police@demo.example" in to_member.body  # the peer's work e-mail
    assert "0161 496 0002" in to_member.body  # cohort-only before: now shared
    assert any(m.to == [peer.email] for m in mail.outbox)
    assert Edge.objects.filter(kind="introduced", one=min(member.pk, peer.pk)).exists()


def test_a_leader_waiting_for_one_s_reply_is_not_also_suggested(demo):
    member, peer = demo
    assert peer.profile.pk in [s.profile.pk for s in matching.suggestions_for(member)]
    asked = introductions.ask_for_introduction(
        member, actor=peer, origin=Origin(), reason="Youth diversion"
    )
    assert peer.profile.pk not in [s.profile.pk for s in matching.suggestions_for(member)]
    # Nor to the asker, while they wait; declined, it looks the same to them (ADR 27).
    assert member.profile.pk not in [s.profile.pk for s in matching.suggestions_for(peer)]
    introductions.decline_introduction(asked, actor=member, origin=Origin())
    assert member.profile.pk not in [s.profile.pk for s in matching.suggestions_for(peer)]
