"""The facilitator swaps two people in one step, reopens confirmed sets to change them,
and downloads the sets as a CSV."""

import csv
import io

import pytest

from convene.accounts.models import AuditEvent
from convene.accounts.services.audit import Origin
from convene.connections.models import Edge
from convene.programmes.models import Cohort, LearningSet
from convene.programmes.services import learning_sets
from tests import factories
from tests.programmes.helpers import cohort_with_sets

pytestmark = pytest.mark.django_db


def url(cohort, action=""):
    return f"/programmes/cohorts/{cohort.pk}/learning-sets/{action}"


def members(learning_set) -> set[int]:
    return set(learning_set.members.values_list("pk", flat=True))


@pytest.fixture
def two_sets():
    cohort = cohort_with_sets(14)
    first, second = LearningSet.objects.filter(cohort=cohort).order_by("number")
    return cohort, first, second


def test_two_people_in_different_sets_swap_in_one_step_and_it_is_audited(
    client_for, facilitator, two_sets
):
    cohort, first, second = two_sets
    one, other = first.members.first(), second.members.first()
    before = (len(members(first)), len(members(second)))
    page = client_for(facilitator).post(
        url(cohort, "swap/"), {"first": one.pk, "second": other.pk}, follow=True
    )
    assert f"{one} moved to set 2 and {other} to set 1" in page.content.decode()
    assert one.pk in members(second)
    assert other.pk in members(first)
    assert (len(members(first)), len(members(second))) == before
    event = AuditEvent.objects.get(action=AuditEvent.Action.LEARNING_SET_MEMBERS_SWAPPED)
    assert event.actor == facilitator
    assert event.detail == {"cohort": cohort.pk, "profiles": [one.pk, other.pk], "sets": [1, 2]}


def bad_swaps(cohort, first, second, elsewhere):
    one, same_set = list(first.members.all())[:2]
    other = second.members.first()
    return {
        "two in the same set": (
            {"first": one.pk, "second": same_set.pk},
            f"Second person to swap: choose someone in a different set: {one} and "
            f"{same_set} are both in set 1",
        ),
        "the same person twice": (
            {"first": one.pk, "second": one.pk},
            "Second person to swap: choose someone other than the first person",
        ),
        "someone not in the cohort": (
            {"first": elsewhere.profile.pk, "second": other.pk},
            "First person to swap: choose someone in one of this cohort",
        ),
        "junk": (
            {"first": one.pk, "second": "abc"},
            "Second person to swap: choose someone in one of this cohort",
        ),
        "a NUL byte": (
            {"first": "1\x00", "second": other.pk},
            "First person to swap: choose someone in one of this cohort",
        ),
        "nothing": ({}, "First person to swap: choose someone in one of this cohort"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "two in the same set",
        "the same person twice",
        "someone not in the cohort",
        "junk",
        "a NUL byte",
        "nothing",
    ],
)
def test_a_bad_swap_is_refused_naming_the_field_and_moves_no_one(
    client_for, facilitator, two_sets, case
):
    cohort, first, second = two_sets
    elsewhere = factories.make_member("away@x.gov.uk", "Away", "Leader")
    factories.join_cohort(Cohort.objects.create(name="Elsewhere"), elsewhere)
    data, said = bad_swaps(cohort, first, second, elsewhere)[case]
    before = (members(first), members(second))
    page = client_for(facilitator).post(url(cohort, "swap/"), data, follow=True)
    assert said in page.content.decode().replace("&#x27;", "'")
    assert (members(first), members(second)) == before
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LEARNING_SET_MEMBERS_SWAPPED)


def test_confirmed_sets_cannot_be_swapped(facilitator, two_sets):
    cohort, first, second = two_sets
    learning_sets.confirm_sets(cohort, actor=facilitator, origin=Origin())
    with pytest.raises(learning_sets.SetsRefused, match="proposed sets"):
        learning_sets.swap_members(
            cohort,
            first.members.first().pk,
            second.members.first().pk,
            actor=facilitator,
            origin=Origin(),
        )


def test_reopened_sets_are_proposals_again_and_the_graph_keeps_its_edges(
    client_for, facilitator, two_sets
):
    cohort, first, second = two_sets
    learning_sets.confirm_sets(cohort, actor=facilitator, origin=Origin())
    edges = Edge.objects.filter(kind=Edge.Kind.LEARNING_SET).count()
    assert edges == 2 * (7 * 6 // 2)
    member = first.members.first().user

    client = client_for(facilitator)
    page = client.post(url(cohort, "reopen/"), follow=True).content.decode()
    assert "Sets reopened: members no longer see them until you confirm" in page
    assert 'action="/programmes/cohorts/' in page
    assert "Swap two people in different sets" in page
    assert not cohort.learning_sets.filter(confirmed_at__isnull=False).exists()
    assert not cohort.learning_sets.filter(facilitator__isnull=False).exists()
    assert Edge.objects.filter(kind=Edge.Kind.LEARNING_SET).count() == edges
    assert AuditEvent.objects.get(action=AuditEvent.Action.LEARNING_SETS_REOPENED).detail == {
        "cohort": cohort.pk,
        "sets": 2,
    }
    home = client_for(member).get("/").content.decode()
    assert 'data-testid="your-learning-set"' not in home

    # Changed and confirmed again: new pairs join the graph, the old ones stay.
    client.post(
        url(cohort, "swap/"), {"first": member.profile.pk, "second": second.members.first().pk}
    )
    client.post(url(cohort, "confirm/"))
    assert cohort.learning_sets.filter(facilitator=facilitator).count() == 2
    assert Edge.objects.filter(kind=Edge.Kind.LEARNING_SET).count() > edges


def test_sets_not_confirmed_cannot_be_reopened(client_for, facilitator, two_sets):
    cohort, _, _ = two_sets
    page = client_for(facilitator).post(url(cohort, "reopen/"), follow=True).content.decode()
    assert "nothing to reopen" in page
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LEARNING_SETS_REOPENED)


def test_the_download_lists_each_set_s_people_without_contact_details(client_for, facilitator):
    facilitator.full_name = "Priya Shah"
    facilitator.save(update_fields=["full_name"])
    cohort = Cohort.objects.create(name="Cohort D")
    sneaky = factories.make_member(
        "sneaky@x.gov.uk",
        '=HYPERLINK("http://x")',
        "Smith",
        job_title="@SUM(1+1)",
        phone="0113 496 0777",
        work_email="sneaky.work@x.example",
    )
    factories.join_cohort(
        cohort,
        sneaky,
        *[factories.make_member(f"d{n}@x.gov.uk", "Dee", f"Leader{n}") for n in range(5)],
    )
    learning_sets.propose_sets(cohort, actor=None, origin=Origin())
    learning_sets.confirm_sets(cohort, actor=facilitator, origin=Origin())

    response = client_for(facilitator).get(url(cohort, "download/"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Set",
        "Name",
        "Job title",
        "Organisation",
        "Sector",
        "Region",
        "Facilitator",
    ]
    assert len(rows) == 7
    assert {row[0] for row in rows[1:]} == {"1"}
    assert {row[6] for row in rows[1:]} == {"Priya Shah"}
    assert rows[1][:4] == ["1", "Dee Leader0", "Chief Executive", "Leeds City Council"]
    assert rows[1][4:6] == ["Local government", "Yorkshire and The Humber"]
    found = next(row for row in rows if "HYPERLINK" in row[1])
    assert found[1].startswith("'=")  # inert in a spreadsheet
    assert found[2] == "'@SUM(1+1)"
    for contact in ("0113 496 0777", "sneaky.work@x.example", "sneaky@x.gov.uk"):
        assert contact not in text
