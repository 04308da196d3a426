"""Roles over time: moving job ends the old role and keeps it; the profile shows both."""

import datetime

import pytest

from convene.accounts.services.audit import Origin
from convene.directory.models import Appointment, Profile
from convene.directory.services import profiles
from tests import factories
from tests.directory.imports.people_files import GOOD_ROWS, places, with_cell
from tests.directory.imports.test_checking import import_rows

pytestmark = pytest.mark.django_db

NEXT_YEAR = datetime.date.today().year + 1


@pytest.fixture
def police(db):
    return factories.make_organisation(
        "West Yorkshire Police",
        "E23000010",
        acronym="WYP",
        org_type="police_force",
        sector_id="policing",
    )


def record(client, profile, **data):
    fields = {
        "job_title": "Chief Constable",
        "organisation": "WYP",
        "day": "1",
        "month": "9",
        "year": "2026",
    } | data
    return client.post(f"/people/{profile.pk}/roles/new/", fields, follow=True)


def test_every_leader_has_their_current_role(member):
    current = Appointment.objects.get(profile=member.profile)
    assert (current.job_title, current.ended_on) == ("Chief Executive", None)


def test_a_move_ends_the_old_role_keeps_it_and_is_searchable(client_for, member, police, clock):
    clock.move_to("2026-11-24 10:00")
    page = record(client_for(member), member.profile)

    assert "New role recorded" in page.content.decode()
    profile = Profile.objects.get(pk=member.profile.pk)
    assert (profile.job_title, profile.organisation, profile.normalised_title.name) == (
        "Chief Constable",
        police,
        "Chief constable",
    )
    old, new = profile.appointments.order_by("id")
    assert (old.organisation.name, old.ended_on) == (
        "Leeds City Council",
        datetime.date(2026, 9, 1),
    )
    assert (new.organisation, new.started_on, new.ended_on) == (
        police,
        datetime.date(2026, 9, 1),
        None,
    )
    roles = page.content.decode().split('data-testid="roles">')[1].split("</ul>")[0]
    assert "Chief Constable, West Yorkshire Police" in roles
    assert "Chief Executive, Leeds City Council" in roles
    assert "(from Sep 2026 to now)" in roles
    assert profile.changes.first().changes["organisation"] == [
        "Leeds City Council",
        "West Yorkshire Police",
    ]
    search = client_for(member).get("/directory/", {"q": "west yorkshire police"}).content.decode()
    assert f"/people/{profile.pk}/" in search


def test_correcting_the_title_on_the_profile_is_not_a_move(client_for, member):
    profiles.update_profile(
        member.profile, {"job_title": "Chief Executive Officer"}, actor=member, origin=Origin()
    )
    assert list(Appointment.objects.values_list("job_title", "ended_on")) == [
        ("Chief Executive Officer", None)
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"organisation": "Leeds City Counsil"},
            "No organisation is called “Leeds City Counsil”. Did you mean Leeds City Council?",
        ),
        ({"organisation": "Nowhere at all"}, "No organisation is called “Nowhere at all”"),
        ({"day": "31", "month": "2"}, "The start date must be a real date"),
        ({"day": "", "year": "twenty"}, "Enter the date the role started, like 1 9 2026"),
        ({"year": str(NEXT_YEAR)}, "The start date must be today or in the past"),
        ({"year": "2099"}, f"The year must be a number from 1950 to {NEXT_YEAR}"),
        ({"year": "1234567890123456789012345"}, "The year must be a number from 1950 to"),
        ({"year": "1949"}, f"The year must be a number from 1950 to {NEXT_YEAR}"),
        ({"month": "13"}, "The month must be a number from 1 to 12"),
        ({"day": "1234567890123456789012345"}, "The day must be a number from 1 to 31"),
        ({"day": "a\x00b"}, "The day must be a number from 1 to 31"),
        ({"job_title": "Chief\x00Constable"}, "New job title must not contain null characters"),
        ({"job_title": ""}, "Enter the job title"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(client_for, member, police, data, message):
    page = record(client_for(member), member.profile, **data)
    assert message in page.content.decode()
    assert "govuk-error-summary" in page.content.decode()
    assert Appointment.objects.filter(profile=member.profile).count() == 1


def test_a_new_role_cannot_start_before_the_current_one(client_for, member, police):
    client = client_for(member)
    record(client, member.profile, year="2025")
    page = record(client, member.profile, organisation="Leeds City Council", year="2024")
    assert "The new role must start on or after 1 September 2025" in page.content.decode()
    assert Appointment.objects.filter(profile=member.profile).count() == 2


def test_only_the_leader_their_delegate_and_staff_admins_record_a_role(
    client_for, member, other_member, delegate, staff_admin, police
):
    assert record(client_for(other_member), member.profile).status_code == 403
    for user in (delegate, staff_admin):
        assert record(client_for(user), member.profile).status_code == 200


def test_an_import_that_changes_someone_s_organisation_is_a_move(client_for, staff_admin, police):
    places()
    import_rows(GOOD_ROWS[:1])
    import_rows(
        [with_cell(with_cell(GOOD_ROWS[0], "Organisation", "WYP"), "Job title", "Chief Constable")]
    )

    profile = Profile.objects.get(user__email="sam.okoro@leeds.gov.uk")
    assert [
        (a.organisation.acronym or a.organisation.name, a.ended_on is None)
        for a in profile.appointments.order_by("id")
    ] == [
        ("Leeds City Council", False),
        ("WYP", True),
    ]
