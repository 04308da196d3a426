"""The connection graph: who is connected to whom, how and since when."""

import pytest
from django.core.management import call_command

from convene.connections.models import Edge
from convene.programmes.models import Cohort
from tests import factories

pytestmark = pytest.mark.django_db


def test_joining_a_cohort_joins_the_graph_to_everyone_in_it(member, other_member, clock):
    clock.move_to("2026-11-24 09:00")
    cohort = Cohort.objects.create(name="North 2026")
    factories.join_cohort(cohort, member)
    assert not Edge.objects.exists()
    factories.join_cohort(cohort, other_member)

    edge = Edge.objects.get()
    assert (edge.kind, {edge.one_id, edge.other_id}) == ("cohort", {member.pk, other_member.pk})
    assert edge.since.isoformat().startswith("2026-11-24T09:00")
    factories.join_cohort(cohort, member)  # again: no second edge
    assert Edge.objects.count() == 1


def test_the_demo_s_cohorts_are_in_the_graph_as_loaded_and_a_rebuild_adds_nothing():
    call_command("load_demo", verbosity=0)
    cohort = Cohort.objects.filter(members__isnull=False).distinct().first()
    size = cohort.members.count()
    kept = Edge.objects.filter(kind="cohort", one__profile__cohorts=cohort).count()
    assert kept >= size * (size - 1) // 2
    call_command("rebuild_graph", verbosity=0)
    assert Edge.objects.filter(kind="cohort", one__profile__cohorts=cohort).count() == kept
