"""Facilitators form action-learning sets of 6-8 that mix sectors and regions."""

import pytest
from django.core.management import call_command

from convene.accounts.models import AuditEvent
from convene.accounts.services.audit import Origin
from convene.connections.models import Edge
from convene.programmes.models import Cohort, LearningSet
from convene.programmes.services import learning_sets
from convene.programmes.services.learning_sets import Member, propose_groups

pytestmark = pytest.mark.django_db

SECTORS = ["local_government", "health", "policing", "fire"]
REGIONS = ["TLC", "TLD", "TLE", "TLF", "TLG"]


def cohort_of(size: int) -> list[Member]:
    return [
        Member(n, SECTORS[n % 4], REGIONS[n % 5], frozenset({f"topic{n % 3}"})) for n in range(size)
    ]


@pytest.mark.parametrize("size", [6, 8, 12, 15, 23, 40])
def test_every_set_has_6_to_8_and_everyone_is_in_exactly_one(size):
    groups = propose_groups(cohort_of(size))
    assert all(6 <= len(group) <= 8 for group in groups)
    assert sorted(m.profile_id for group in groups for m in group) == list(range(size))


def test_sets_mix_sectors_better_than_dealing_in_order():
    members = sorted(cohort_of(24), key=lambda m: m.sector)
    naive = [members[i : i + 8] for i in range(0, 24, 8)]
    proposed = propose_groups(members)

    def sectors(groups):
        return min(len({m.sector for m in g}) for g in groups)

    assert sectors(proposed) == 4
    assert sectors(proposed) > sectors(naive)


def test_a_cohort_that_cannot_make_sets_of_6_to_8_is_refused_saying_why():
    with pytest.raises(learning_sets.SetsRefused, match="at least 6"):
        propose_groups(cohort_of(5))
    with pytest.raises(
        learning_sets.SetsRefused, match=r"9 people .*\(1 set takes at most 8, 2 at least 12\)"
    ):
        propose_groups(cohort_of(9))


@pytest.fixture
def demo_cohort():
    call_command("load_demo", verbosity=0)
    return Cohort.objects.filter(members__isnull=False).distinct().order_by("pk").first()


def test_a_facilitator_proposes_moves_someone_and_confirms(client_for, facilitator, demo_cohort):
    client = client_for(facilitator)
    url = f"/programmes/cohorts/{demo_cohort.pk}/learning-sets/"
    client.post(f"{url}propose/")
    page = client.get(url).content.decode()
    assert 'data-testid="why">' in page  # why each set is as it is
    assert "sectors," in page
    first, second = LearningSet.objects.filter(cohort=demo_cohort).order_by("number")[:2]
    mover = first.members.first()
    client.post(f"{url}move/", {"profile": mover.pk, "to": second.pk})
    assert second.members.filter(pk=mover.pk).exists()
    assert not first.members.filter(pk=mover.pk).exists()

    sizes = [s.members.count() for s in LearningSet.objects.filter(cohort=demo_cohort)]
    confirmed = client.post(f"{url}confirm/", follow=True).content.decode()
    if all(6 <= n <= 8 for n in sizes):
        assert "Sets confirmed" in confirmed
        assert Edge.objects.filter(kind="learning_set").exists()
    else:
        assert "Every set needs 6 to 8 members" in confirmed
        assert not Edge.objects.filter(kind="learning_set").exists()
    recorded = AuditEvent.objects.filter(actor=facilitator, detail__cohort=demo_cohort.pk)
    actions = set(recorded.values_list("action", flat=True))
    assert {"learning_sets.proposed", "learning_sets.moved"} <= actions
    assert ("learning_sets.confirmed" in actions) == ("Sets confirmed" in confirmed)


def test_confirming_a_set_of_the_wrong_size_is_refused(client_for, facilitator):
    from tests import factories

    cohort = Cohort.objects.create(name="Tiny")
    for n in range(13):
        factories.join_cohort(cohort, factories.make_member(f"m{n}@x.gov.uk", "M", f"N{n}"))
    learning_sets.propose_sets(cohort, actor=None, origin=Origin())
    first, second = LearningSet.objects.filter(cohort=cohort).order_by("number")
    assert first.members.count() + second.members.count() == 13
    client = client_for(facilitator)
    url = f"/programmes/cohorts/{cohort.pk}/learning-sets/"
    for profile in list(second.members.all())[:2]:
        client.post(f"{url}move/", {"profile": profile.pk, "to": first.pk})
    page = client.post(f"{url}confirm/", follow=True).content.decode()
    assert "Every set needs 6 to 8 members: move people in set" in page
    assert LearningSet.objects.filter(confirmed_at__isnull=False).count() == 0


@pytest.mark.parametrize("field", ["profile", "to"])
@pytest.mark.parametrize("bad", ["abc", "1234567890123456789012345", "a\x00b", "", "other"])
def test_a_move_to_or_of_anything_but_this_cohort_s_is_refused_and_moves_no_one(
    client_for, facilitator, field, bad
):
    from tests import factories

    cohort, elsewhere = Cohort.objects.create(name="Ours"), Cohort.objects.create(name="Theirs")
    for n in range(12):
        factories.make_member(f"m{n}@x.gov.uk", "M", f"N{n}").profile.cohorts.add(cohort)
    factories.make_member("x@x.gov.uk", "X", "Y").profile.cohorts.add(elsewhere)
    learning_sets.propose_sets(cohort, actor=None, origin=Origin())
    first, second = LearningSet.objects.filter(cohort=cohort).order_by("number")
    before = {s.pk: sorted(s.members.values_list("pk", flat=True)) for s in (first, second)}
    mover = first.members.first()
    if bad == "other":  # one of another cohort's: its member, or a set of its own
        bad = (
            elsewhere.members.get().pk
            if field == "profile"
            else elsewhere.learning_sets.create(number=1).pk
        )
    data = {"profile": mover.pk, "to": second.pk} | {field: bad}

    url = f"/programmes/cohorts/{cohort.pk}/learning-sets/"
    page = client_for(facilitator).post(f"{url}move/", data, follow=True).content.decode()
    named = {
        "profile": "Person to move: choose a member of this cohort",
        "to": "Set to move them to: choose one of this cohort&#x27;s proposed sets",
    }
    assert named[field] in page
    after = {s.pk: sorted(s.members.values_list("pk", flat=True)) for s in (first, second)}
    assert after == before
