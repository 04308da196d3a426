"""A facilitator brokers an introduction, finding each leader by name (no e-mail
addresses to type), choosing from the matches, and saying why they should meet."""

import re

import pytest
from django.core import mail

from convene.connections.models import Edge, Introduction
from tests import factories

pytestmark = pytest.mark.django_db

BROKER = "/introductions/broker/"


@pytest.fixture
def byrne(db):
    police = factories.make_organisation(
        "West Yorkshire Police", "E23000010", org_type="police_force", sector_id="policing"
    )
    return factories.make_member(
        "cc@wyp.police.uk",
        given="Jo",
        family="Byrne",
        organisation=police,
        job_title="Chief Constable",
    )


def choices(page: str, field: str) -> dict[str, str]:
    """The leaders offered for ``field``: each radio's value and its label."""
    found = re.findall(
        rf'<input type="radio"[^>]*name="{field}" value="(\d+)"[^>]*>\s*'
        r"<label[^>]*>([^<]*)</label>",
        page,
    )
    return dict(found)


def chosen(first, second, reason="Both on youth diversion", **names) -> dict:
    return {
        "first_name": names.get("first_name", first.profile.family_name),
        "second_name": names.get("second_name", second.profile.family_name),
        "first": first.profile.pk,
        "second": second.profile.pk,
        "reason": reason,
    }


def test_a_facilitator_finds_both_leaders_by_name_and_brokers_an_introduction(
    client_for, facilitator, member, byrne
):
    client = client_for(facilitator)
    found = client.get(BROKER, {"first_name": "Okafor", "second_name": "jo byrne"})
    page = found.content.decode()
    assert choices(page, "first") == {
        str(member.profile.pk): "Amara Okafor, Chief Executive, Leeds City Council"
    }
    assert choices(page, "second") == {
        str(byrne.profile.pk): "Jo Byrne, Chief Constable, West Yorkshire Police"
    }
    assert re.search(r"<legend[^>]*>Choose the first leader</legend>", page)
    assert 'value="Okafor"' in page  # the name typed, kept to search again

    made = client.post(BROKER, chosen(member, byrne), follow=True)
    assert "Both leaders have been asked" in made.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, byrne.email])
    introduction = Introduction.objects.get()
    assert (introduction.requester, introduction.recipient) == (member, byrne)
    assert introduction.brokered_by == facilitator

    mail.outbox.clear()
    client_for(member).post(f"/introductions/{introduction.pk}/accept/")
    assert Introduction.objects.get().status == "requested"  # one of two
    assert mail.outbox == []
    again = client_for(member).post(f"/introductions/{introduction.pk}/accept/", follow=True)
    assert "You have already accepted" in again.content.decode()
    client_for(byrne).post(f"/introductions/{introduction.pk}/accept/")
    assert Introduction.objects.get().status == "accepted"
    assert len(mail.outbox) == 2
    assert Edge.objects.filter(kind="introduced").count() == 1


def test_the_only_match_for_a_name_is_chosen_already(client_for, facilitator, member, byrne):
    page = client_for(facilitator).get(BROKER, {"first_name": "Okafor", "second_name": "Byrne"})
    assert re.search(
        rf'name="first" value="{member.profile.pk}"[^>]* checked', page.content.decode()
    )


def test_a_misspelt_name_still_finds_the_leader(client_for, facilitator, member, byrne):
    page = client_for(facilitator).get(BROKER, {"first_name": "Okafr", "second_name": "Byrne"})
    assert str(member.profile.pk) in choices(page.content.decode(), "first")


def test_a_name_that_matches_no_one_says_so_and_offers_no_choice(client_for, facilitator, member):
    page = client_for(facilitator).get(BROKER, {"first_name": "Okafor", "second_name": "Zzyzx"})
    html = page.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_second_name"' in html
    assert "No leader in Convene matches “Zzyzx”" in html
    assert "Ask both leaders" not in html
    assert choices(html, "first") == {}


def test_a_name_left_blank_is_asked_for(client_for, facilitator, member):
    page = client_for(facilitator).get(BROKER, {"first_name": "", "second_name": "Okafor"})
    assert "Enter the first leader&#x27;s name" in page.content.decode()


def test_a_deactivated_leader_is_not_offered(client_for, facilitator, member, byrne):
    byrne.is_active = False
    byrne.save()
    page = client_for(facilitator).get(BROKER, {"first_name": "Okafor", "second_name": "Byrne"})
    assert "No leader in Convene matches “Byrne”" in page.content.decode()


def test_a_name_that_matches_many_lists_the_best_and_says_how_many(client_for, facilitator, member):
    for n in range(12):
        factories.make_member(f"p{n}@x.gov.uk", given="Sam", family=f"Patel{n}")
    page = client_for(facilitator).get(BROKER, {"first_name": "Sam", "second_name": "Okafor"})
    html = page.content.decode()
    assert len(choices(html, "first")) == 10
    assert "The 10 best matches of 12" in html


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"first": "abc"}, "first", "Choose the first leader from the leaders listed"),
        ({"first": "9" * 25}, "first", "Choose the first leader from the leaders listed"),
        ({"second": ""}, "second", "Choose the second leader"),
        ({"second": "other"}, "second", "Choose the second leader from the leaders listed"),
        ({"reason": ""}, "reason", "Say why they should meet"),
    ],
)
def test_a_bad_choice_is_refused_naming_the_field(
    client_for, facilitator, member, other_member, byrne, change, field, message
):
    # Rhys Evans is a leader, but not one the name typed found.
    replace = {"other": other_member.profile.pk}
    fields = chosen(member, byrne) | {k: replace.get(v, v) for k, v in change.items()}
    page = client_for(facilitator).post(BROKER, fields)
    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="#id_{field}' in html
    assert message in html
    # The matches are listed again, to choose from.
    assert str(byrne.profile.pk) in choices(html, "second")
    assert not Introduction.objects.exists()


def test_the_same_leader_twice_is_refused(client_for, facilitator, member):
    fields = chosen(member, member, first_name="Okafor", second_name="Amara")
    page = client_for(facilitator).post(BROKER, fields)
    assert "Choose two different leaders" in page.content.decode()
    assert not Introduction.objects.exists()


def test_only_facilitators_may_broker(client_for, member, byrne):
    page = client_for(member).get(BROKER, {"first_name": "Okafor", "second_name": "Byrne"})
    assert page.status_code == 403
