"""Staff keep the controlled lists: sectors, regions and normalised job titles."""

import pytest

from convene.accounts.models import AuditEvent
from convene.directory.models import JobTitle, Profile, Sector
from convene.directory.services import search
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client_for, staff_admin):
    return client_for(staff_admin)


def test_each_list_shows_its_entries_and_how_many_use_them(staff, member):
    html = staff.get("/staff/lists/sectors/").content.decode()
    assert "Local government" in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in html
    assert (
        "chief executive, chief executive officer, ceo"
        in staff.get("/staff/lists/job-titles/").content.decode()
    )


def test_renaming_a_sector_shows_everywhere_and_is_recorded(staff, client_for, member):
    sector = Sector.objects.get(code="local_government")
    staff.post(f"/staff/lists/sectors/{sector.pk}/", {"name": "Local and combined authorities"})

    search = client_for(member).get("/directory/").content.decode()
    assert "Local and combined authorities" in search
    assert Sector.objects.get(pk=sector.pk).code == "local_government"  # the code stays
    event = AuditEvent.objects.get(action=AuditEvent.Action.LIST_CHANGED)
    assert event.detail == {
        "list": "sectors",
        "entry": "Local and combined authorities",
        "change": "changed",
        "fields": ["name"],
    }


def test_a_new_region_or_sector_needs_a_unique_code_and_name(staff):
    taken = staff.post("/staff/lists/sectors/", {"code": "policing", "name": "Justice"})
    assert "There is already one with this code" in taken.content.decode()
    blank = staff.post("/staff/lists/regions/", {"code": "", "name": ""})
    assert "Enter the code" in blank.content.decode()
    assert "Enter the name" in blank.content.decode()
    staff.post("/staff/lists/sectors/", {"code": "justice", "name": "Justice"})
    assert Sector.objects.filter(code="justice", name="Justice").exists()


def test_new_phrases_for_a_job_title_re_match_every_leader(staff):
    leader = factories.make_member(job_title="Town Clerk")
    assert Profile.objects.get(pk=leader.profile.pk).normalised_title is None
    title = JobTitle.objects.get(name="Chief executive")

    staff.post(
        f"/staff/lists/job-titles/{title.pk}/",
        {"name": "Chief executive", "phrases": "Chief  Executive\nTown clerk\n\nchief executive"},
    )

    assert JobTitle.objects.get(pk=title.pk).phrases == "chief executive\ntown clerk"
    assert Profile.objects.get(pk=leader.profile.pk).normalised_title == title
    found = search.search("", {"title": [str(title.pk)]}, 1)
    assert leader.profile.pk in [p.pk for p in found.page]


def test_a_job_title_needs_a_phrase(staff):
    title = JobTitle.objects.get(name="Chair")
    page = staff.post(f"/staff/lists/job-titles/{title.pk}/", {"name": "Chair", "phrases": " "})
    assert "Enter the phrases" in page.content.decode()
    assert JobTitle.objects.get(pk=title.pk).phrases.startswith("chair")


def test_an_unknown_list_is_not_found(staff):
    assert staff.get("/staff/lists/shoe-sizes/").status_code == 404
