"""Downloading a search as CSV or XLSX: chosen columns, only what the viewer may see."""

import csv
import io

import pytest
from openpyxl import load_workbook

from convene.accounts.models import AuditEvent
from tests import factories
from tests.directory.conftest import CONTACT_VALUES, EMAIL, PA_PHONE, PHONE, SOCIAL

pytestmark = pytest.mark.django_db

ALL_CONTACT = ["work_email", "phone", "pa_phone", "social_links"]


def download(client, query="", columns=("name", *ALL_CONTACT), kind="csv"):
    params = {"q": query, "columns": list(columns), "file_format": kind}
    return client.get("/directory/export/", params)


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="convene-people-')
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_only_the_chosen_columns_of_the_people_found_are_exported(client_for, member, leader):
    rows = csv_rows(download(client_for(member), "jones", columns=["name", "organisation"]))
    assert rows == [["Name", "Organisation"], ["Nia Jones", "Leeds City Council"]]


# Who sees the leader's contact details (e-mail: all members; phone and other social
# media: cohort; PA: staff).
SEES = {
    "member outside the cohort": {EMAIL},
    "member in the cohort": {EMAIL, PHONE, SOCIAL},
    "delegate of a member in the cohort": {EMAIL, PHONE, SOCIAL},
    "the leader": {EMAIL, PHONE, PA_PHONE, SOCIAL},
    "the leader's delegate": {EMAIL, PHONE, PA_PHONE, SOCIAL},
    "facilitator": {EMAIL, PHONE, PA_PHONE, SOCIAL},
    "staff_admin": {EMAIL, PHONE, PA_PHONE, SOCIAL},
}


def viewer(who: str, cast: dict, leader):
    if who == "member outside the cohort":
        return cast["member"]
    if who in ("member in the cohort", "delegate of a member in the cohort"):
        factories.join_cohort(leader.cohorts.get(), cast["member"])
        return cast["member" if who.startswith("member") else "delegate"]
    if who == "the leader":
        return leader.user
    if who == "the leader's delegate":
        return factories.delegate_for(leader.user, email="leaders.pa@example.gov.uk")
    return cast[who]


def on_profile(client, leader) -> set[str]:
    html = client.get(f"/people/{leader.pk}/").content.decode()
    return {value for value in CONTACT_VALUES if value in html}


def in_results(client, leader) -> set[str]:
    html = client.get("/directory/", {"q": "Nia Jones"}).content.decode()
    assert f"/people/{leader.pk}/" in html
    return {value for value in CONTACT_VALUES if value in html}


def in_csv(client, leader) -> set[str]:
    rows = csv_rows(download(client, "Nia Jones"))
    return {value for value in rows[1][1:] if value}


def in_xlsx(client, leader) -> set[str]:
    response = download(client, "Nia Jones", kind="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return {value for value in next(sheet.iter_rows(min_row=2, values_only=True))[1:] if value}


@pytest.mark.parametrize("who", SEES)
def test_contact_details_follow_visibility_on_every_surface(client_for, cast, leader, who):
    client = client_for(viewer(who, cast, leader))
    assert on_profile(client, leader) == SEES[who]
    # Results list no contact details at all: they are one click away, on the profile.
    assert in_results(client, leader) == set()
    assert in_csv(client, leader) == SEES[who]
    assert in_xlsx(client, leader) == SEES[who]


def test_several_social_media_addresses_are_one_cell_one_address_a_line(
    client_for, staff_admin, leader
):
    leader.social_links = f"{SOCIAL}\nhttps://x.com/niajones"
    leader.save()
    client = client_for(staff_admin)
    assert "Other social media" in client.get("/directory/export/", {"q": "jones"}).content.decode()

    rows = csv_rows(download(client, "jones", columns=["social_links"]))
    assert rows == [["Other social media"], [f"{SOCIAL}\nhttps://x.com/niajones"]]
    response = download(client, "jones", columns=["social_links"], kind="xlsx")
    assert load_workbook(io.BytesIO(response.content)).active["A2"].value == leader.social_links


def test_researchers_may_not_export(client_for, researcher, leader):
    assert download(client_for(researcher)).status_code == 403


def test_a_cell_a_spreadsheet_would_run_is_made_inert_but_phone_numbers_stay_as_typed(
    client_for, staff_admin, leader
):
    leader.job_title = '=HYPERLINK("https://evil.example","Click")'
    leader.phone = "+44 113 496 0123"
    leader.save()
    client = client_for(staff_admin)

    rows = csv_rows(download(client, "jones", columns=["job_title", "phone"]))
    assert rows[1] == ['\'=HYPERLINK("https://evil.example","Click")', "+44 113 496 0123"]

    response = download(client, "jones", columns=["job_title"], kind="xlsx")
    cell = load_workbook(io.BytesIO(response.content)).active["A2"]
    assert (cell.value, cell.data_type) == (leader.job_title, "s")


def test_members_download_at_most_the_limit_but_staff_admins_everyone(
    client_for, settings, member, staff_admin, leader
):
    settings.DIRECTORY_EXPORT_MAX_PEOPLE = 1
    refused = download(client_for(member))
    assert refused["Content-Type"].startswith("text/html")
    assert "You can download up to 1 leaders at a time" in refused.content.decode()
    assert len(csv_rows(download(client_for(staff_admin)))) == 3  # header, member, leader


def test_choosing_no_column_says_so_and_downloads_nothing(client_for, member, leader):
    response = download(client_for(member), columns=[])
    assert "Choose at least one column" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_an_empty_search_has_nothing_to_download(client_for, member):
    response = download(client_for(member), "zzzz")
    assert "There is no one to download" in response.content.decode()


def test_the_form_keeps_the_search_and_every_download_is_recorded(client_for, member, leader):
    client = client_for(member)
    form = client.get("/directory/export/", {"q": "jones", "sector": "local_government"})
    html = form.content.decode()
    assert '<input type="hidden" name="q" value="jones">' in html
    assert '<input type="hidden" name="sector" value="local_government">' in html

    download(client, "jones")
    event = AuditEvent.objects.get(action=AuditEvent.Action.PEOPLE_EXPORTED)
    assert (event.actor, event.detail["people"], event.detail["format"]) == (member, 1, "csv")
    assert event.detail["search"] == {"q": "jones"}
