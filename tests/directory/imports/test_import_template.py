"""Staff download a template of the people file, fill it in and import it cleanly."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from convene.directory.models import PeopleImport, Profile
from tests.directory.imports.people_files import places

pytestmark = pytest.mark.django_db

# One leader, by the column names a person filling in the template reads.
NIA = {
    "E-mail": "nia.adeyemi@leeds.gov.uk",
    "Title": "Dr",
    "First name": "Nia",
    "Last name": "Adeyemi",
    "Organisation": "Leeds City Council",
    "Job title": "Director of Public Health",
    "Phone": "0113 496 0300",
    "PA name": "Pat Lee",
    "PA e-mail": "pat.lee@leeds.gov.uk",
    "PA phone": "0113 496 0301",
    "LinkedIn": "https://www.linkedin.com/in/nia-adeyemi",
    "Other social media": "https://bsky.app/profile/nia-adeyemi.example",
    "Cohort": "Cohort 7",
}


@pytest.fixture
def staff(client_for, staff_admin):
    places()
    return client_for(staff_admin)


def downloaded_template(staff):
    page = staff.get("/staff/people/import/").content.decode()
    link = re.search(r'<a class="govuk-link" href="([^"]+)" download[^>]*>([^<]+)</a>', page)
    assert link.group(2) == "Download a template (CSV)"
    response = staff.get(link.group(1))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="convene-people-template.csv"'
    return response.content, page


def test_the_template_is_the_header_of_the_columns_the_page_lists_and_nothing_else(staff):
    content, page = downloaded_template(staff)
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    listed = re.findall(
        r'<tr class="govuk-table__row"><td class="govuk-table__cell">([^<]+)</td>', page
    )
    assert lines == [listed]  # one header line: no example row to import by mistake
    assert lines[0][:3] == ["E-mail", "Title", "First name"]


def test_the_template_filled_in_with_one_leader_imports_cleanly(staff):
    content, _ = downloaded_template(staff)
    text = content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out).writerow([NIA[column] for column in header])
    filled = "\ufeff" + text + out.getvalue()

    checked = staff.post(
        "/staff/people/import/",
        {"file": SimpleUploadedFile("people.csv", filled.encode())},
        follow=True,
    ).content.decode()
    assert 'New people</dt><dd class="govuk-summary-list__value">1<' in checked
    assert 'Lines with problems</dt><dd class="govuk-summary-list__value">0<' in checked
    run = PeopleImport.objects.get()
    imported = staff.post(f"/staff/people/import/{run.pk}/import/", follow=True)

    assert "1 added, 0 updated" in imported.content.decode()
    profile = Profile.objects.get()
    assert (profile.user.email, profile.title, profile.given_name, profile.family_name) == (
        "nia.adeyemi@leeds.gov.uk",
        "Dr",
        "Nia",
        "Adeyemi",
    )
    assert (profile.organisation.name, profile.pa_name, profile.cohorts.get().name) == (
        "Leeds City Council",
        "Pat Lee",
        "Cohort 7",
    )


def test_members_cannot_download_the_template(client_for, member):
    assert client_for(member).get("/staff/people/import/template.csv").status_code == 403
