"""Double opt-in introductions: ask with a reason, accept or decline, or let it lapse."""

import pytest
from django.core import mail
from django.core.management import call_command

from convene.accounts.services.audit import Origin
from convene.connections.models import Edge, Introduction
from convene.connections.services import introductions
from convene.directory.models import Visibility
from tests import factories

pytestmark = pytest.mark.django_db

REASON = "We are both reducing delayed discharges: I would value your experience."


@pytest.fixture
def chief_constable(db):
    police = factories.make_organisation(
        "West Yorkshire Police", "E23000010", org_type="police_force", sector_id="policing"
    )
    user = factories.make_member(
        "cc@wyp.police.uk",
        given="Jo",
        family="Byrne",
        organisation=police,
        job_title="Chief Constable",
        phone="0113 496 0200",
        phone_visibility=Visibility.COHORT,
        work_email="jo.byrne@wyp.police.uk",
        social_links="https://x.com/jobyrne\nhttps://mastodon.social/@jobyrne",
        social_links_visibility=Visibility.COHORT,
    )
    return user


def ask(client, profile, reason=REASON):
    return client.post(f"/people/{profile.pk}/introduce/", {"reason": reason}, follow=True)


def test_a_member_asks_the_other_accepts_and_both_get_each_other_s_details(
    client_for, member, chief_constable
):
    page = ask(client_for(member), chief_constable.profile)
    assert "Request sent" in page.content.decode()
    introduction = Introduction.objects.get()
    assert [m.to for m in mail.outbox] == [[chief_constable.email]]
    assert REASON in mail.outbox[0].body
    mail.outbox.clear()

    # Before: the cohort-only phone is hidden from the asker.
    profile_page = client_for(member).get(f"/people/{chief_constable.profile.pk}/").content.decode()
    assert "0113 496 0200" not in profile_page

    client_for(chief_constable).post(f"/introductions/{introduction.pk}/accept/")

    assert Introduction.objects.get().status == "accepted"
    to_member = next(m for m in mail.outbox if m.to == [member.email])
    assert "0113 496 0200" in to_member.body
    assert "jo.byrne@wyp.police.uk" in to_member.body
    html = to_member.alternatives[0].content
    assert "https://x.com/jobyrne<br>https://mastodon.social/@jobyrne" in html
    assert REASON in to_member.body
    assert any(m.to == [chief_constable.email] for m in mail.outbox)
    profile_page = client_for(member).get(f"/people/{chief_constable.profile.pk}/").content.decode()
    assert "0113 496 0200" in profile_page  # the full card, as for a cohort member
    edge = Edge.objects.get()
    assert (edge.kind, {edge.one_id, edge.other_id}) == (
        "introduced",
        {member.pk, chief_constable.pk},
    )


def test_an_unanswered_request_lapses_after_the_named_setting(
    client_for, member, chief_constable, clock, settings, django_capture_on_commit_callbacks
):
    settings.INTRODUCTION_LAPSE_DAYS = 21
    clock.move_to("2026-11-24 09:00")
    ask(client_for(member), chief_constable.profile)
    mail.outbox.clear()
    clock.move_to("2026-12-15 10:00")

    late = client_for(chief_constable).post(
        f"/introductions/{Introduction.objects.get().pk}/accept/", follow=True
    )
    assert "already been answered or has lapsed" in late.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("introductions_daily", verbosity=0)
        call_command("introductions_daily", verbosity=0)

    assert Introduction.objects.get().status == "lapsed"
    assert [m.to for m in mail.outbox] == [[member.email]]  # told once


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("self", "You cannot ask for an introduction to yourself"),
        ("twice", "You have already asked: they have not replied yet"),
        ("blank", "Say why you would like to be introduced"),
        ("too long", "Say why in 1,000 characters or fewer"),
        ("introduced", "You have already been introduced"),
    ],
)
def test_bad_requests_are_refused_with_a_reason_and_store_nothing_new(
    client_for, member, chief_constable, setup, message
):
    client = client_for(member)
    target, reason = chief_constable.profile, REASON
    if setup == "self":
        target = member.profile
    if setup in ("twice", "introduced"):
        ask(client, chief_constable.profile)
    if setup == "introduced":
        client_for(chief_constable).post(f"/introductions/{Introduction.objects.get().pk}/accept/")
    if setup == "blank":
        reason = "   "
    if setup == "too long":
        reason = "x" * 1001
    before = Introduction.objects.count()
    page = ask(client, target, reason)
    assert message in page.content.decode()
    assert Introduction.objects.count() == before


def test_a_member_may_have_only_so_many_requests_waiting(client_for, member, settings):
    settings.INTRODUCTIONS_OPEN_MAX = 2
    others = [factories.make_member(f"o{n}@x.gov.uk", given="O", family=f"N{n}") for n in range(3)]
    client = client_for(member)
    for other in others[:2]:
        ask(client, other.profile)
    page = ask(client, others[2].profile)
    assert "You have 2 requests waiting for a reply" in page.content.decode()
    assert Introduction.objects.count() == 2


def test_no_one_can_ask_to_meet_a_deactivated_leader(client_for, member, chief_constable):
    chief_constable.is_active = False
    chief_constable.save()
    assert ask(client_for(member), chief_constable.profile).status_code == 404


def test_the_reason_is_escaped_and_private_to_the_two_leaders(
    client_for, member, chief_constable, other_member, delegate
):
    ask(client_for(member), chief_constable.profile, "<script>alert(1)</script> hello")
    introduction = Introduction.objects.get()
    page = client_for(chief_constable).get(f"/introductions/{introduction.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; hello" in page
    assert "<script>alert(1)" not in mail.outbox[0].alternatives[0][0]
    assert client_for(other_member).get(f"/introductions/{introduction.pk}/").status_code == 404
    assert client_for(delegate).get(f"/introductions/{introduction.pk}/").status_code == 403


def test_only_the_leader_asked_can_answer(client_for, member, chief_constable):
    ask(client_for(member), chief_constable.profile)
    introduction = Introduction.objects.get()
    page = client_for(member).post(f"/introductions/{introduction.pk}/accept/", follow=True)
    assert "Only the leader asked can answer" in page.content.decode()
    assert Introduction.objects.get().status == "requested"


def listing(client_for, leader) -> str:
    return client_for(leader).get("/introductions/").content.decode()


def part(page: str, testid: str) -> str:
    return page.split(f'data-testid="{testid}"', 1)[1].split("</table>")[0]


def test_an_accepted_introduction_is_listed_for_the_one_asked_and_the_asker(
    client_for, member, chief_constable
):
    introduction = introductions.ask_for_introduction(
        chief_constable, REASON, actor=member, origin=Origin()
    )
    introductions.accept_introduction(introduction, actor=chief_constable, origin=Origin())

    asked = listing(client_for, chief_constable)
    assert "You have not asked for an introduction yet" in asked  # true: they were asked
    made = part(asked, "accepted")
    assert f'href="/people/{member.profile.pk}/">Amara Okafor</a>' in made
    assert "Amara asked you" in made

    asker = listing(client_for, member)
    assert "You have not asked for an introduction yet" not in asker
    assert "None of your requests is waiting" in asker
    made = part(asker, "accepted")
    assert f'href="/people/{chief_constable.profile.pk}/">Jo Byrne</a>' in made
    assert "You asked Jo" in made


def test_a_decline_is_listed_as_declined_only_for_the_one_who_declined(
    client_for, member, chief_constable
):
    introduction = introductions.ask_for_introduction(
        chief_constable, REASON, actor=member, origin=Origin()
    )
    introductions.decline_introduction(introduction, actor=chief_constable, origin=Origin())

    asked = part(listing(client_for, chief_constable), "asked-of-you")
    assert f'href="/introductions/{introduction.pk}/">Amara Okafor</a>' in asked
    assert "Declined by you" in asked

    asker = listing(client_for, member)
    assert "Declined" not in asker
    assert 'data-testid="asked-of-you"' not in asker
    assert "Waiting for a reply" in part(asker, "sent")
