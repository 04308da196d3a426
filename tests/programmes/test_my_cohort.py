"""Members see their confirmed learning set on their home page and on "My cohort";
their delegates on "My cohort". A proposal is never shown to them."""

import re

import pytest

from convene.accounts.services.audit import Origin
from convene.programmes.models import Cohort
from convene.programmes.services import learning_sets
from tests import factories
from tests.programmes.helpers import cohort_with_sets, set_of

pytestmark = pytest.mark.django_db


def section(page: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}".*?</(section|div)>', page, re.S)
    return found.group(0) if found else ""


@pytest.fixture
def confirmed(member, facilitator):
    facilitator.full_name = "Priya Shah"
    facilitator.save(update_fields=["full_name"])
    cohort = cohort_with_sets(14, first=member)
    learning_sets.confirm_sets(cohort, actor=facilitator, origin=Origin())
    return cohort


def test_the_home_page_shows_the_member_s_set_linked_to_each_profile(client_for, member, confirmed):
    shown = section(client_for(member).get("/").content.decode(), "your-learning-set")
    assert "Your learning set" in shown
    assert 'facilitated by <span data-testid="facilitator">Priya Shah</span>' in shown
    others = [p for p in set_of(member).members.all() if p.user_id != member.pk]
    for person in others:
        assert f'href="/people/{person.pk}/">{person}</a>' in shown
        assert person.job_title in shown
    # Only their own set: none of the cohort's other set.
    elsewhere = confirmed.learning_sets.exclude(pk=set_of(member).pk).get()
    assert not any(str(person) in shown for person in elsewhere.members.all())
    assert 'href="/programmes/my-cohort/"' in shown


def test_a_proposal_is_never_shown_to_its_members(client_for, member):
    cohort = cohort_with_sets(6, first=member)
    client = client_for(member)
    other = next(p for p in set_of(member).members.all() if p.user_id != member.pk)
    home = client.get("/").content.decode()
    mine = client.get("/programmes/my-cohort/").content.decode()
    assert 'data-testid="your-learning-set"' not in home
    assert str(other) not in home
    assert cohort.name in mine
    assert "Your learning set has not been confirmed yet" in mine
    assert str(other) not in mine


def test_my_cohort_lists_each_cohort_and_the_set_confirmed_in_it(client_for, member, confirmed):
    later = Cohort.objects.create(name="Cohort B")
    factories.join_cohort(later, member)
    page = client_for(member).get("/programmes/my-cohort/").content.decode()
    assert page.index("Cohort A") < page.index("Cohort B")
    shown = section(page, "learning-set")
    assert "Set " in shown
    assert "Priya Shah" in shown
    assert all(str(p) in shown for p in set_of(member).members.all() if p.user_id != member.pk)
    assert "Your learning set has not been confirmed yet" in page  # in Cohort B
    assert 'href="/programmes/my-cohort/"' in page  # in the navigation


def test_a_delegate_sees_the_set_of_the_leader_they_act_for(
    client_for, delegate, member, confirmed
):
    page = client_for(delegate).get("/programmes/my-cohort/").content.decode()
    assert f"{member.profile}: Cohort A" in page
    assert "Amara\u2019s learning set" in page
    shown = section(page, "learning-set")
    assert "With Amara in it" in shown
    other = next(p for p in set_of(member).members.all() if p.user_id != member.pk)
    assert f'href="/people/{other.pk}/"' in shown


def test_a_delegate_no_longer_acting_sees_nothing_of_the_set(
    client_for, delegate, member, confirmed
):
    from convene.accounts.services import delegates

    delegates.revoke_delegate(member.delegations.get(), actor=member, origin=Origin())
    page = client_for(delegate).get("/programmes/my-cohort/").content.decode()
    assert "Cohort A" not in page
    assert "The leaders you act for are not in a cohort" in page


def test_a_member_in_no_cohort_is_told_so(client_for, member):
    page = client_for(member).get("/programmes/my-cohort/").content.decode()
    assert "You are not in a cohort yet" in page


def test_in_the_demo_the_facilitator_confirms_alex_morgan_s_cohort_and_alex_sees_their_set(
    client_for,
):
    from django.core.management import call_command

    from convene.accounts.models import User

    call_command("load_demo", verbosity=0)
    alex = User.objects.get(email="member@demo.example")
    facilitator = User.objects.get(email="facilitator@demo.example")
    cohort = alex.profile.cohorts.get()
    client = client_for(facilitator)
    client.post(f"/programmes/cohorts/{cohort.pk}/learning-sets/propose/")
    client.post(f"/programmes/cohorts/{cohort.pk}/learning-sets/confirm/")

    shown = section(client_for(alex).get("/").content.decode(), "your-learning-set")
    assert "Priya Shah" in shown
    assert shown.count('href="/people/') >= 5
    jordan = User.objects.get(email="delegate@demo.example")
    assert "Alex Morgan: " in client_for(jordan).get("/programmes/my-cohort/").content.decode()
