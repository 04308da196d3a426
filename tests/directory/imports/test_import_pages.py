"""Staff upload a file, read the dry run, confirm organisations and import, in the browser's
order: the background tasks run in-process here, as in the demo."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from convene.directory.forms_staff import PeopleFileForm
from convene.directory.models import PeopleImport, Profile
from tests.directory.imports.people_files import GOOD_ROWS, csv_bytes, places, with_cell, xlsx_bytes
from tests.factories import unread_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client_for, staff_admin):
    places()
    return client_for(staff_admin)


def upload(client, content: bytes, name="people.csv", invite=False):
    data = {"file": SimpleUploadedFile(name, content)}
    if invite:
        data["invite"] = "on"
    return client.post("/staff/people/import/", data, follow=True)


def test_a_good_file_is_checked_then_imported_once_and_a_second_upload_has_nothing_to_do(staff):
    page = upload(staff, xlsx_bytes(GOOD_ROWS), "people.xlsx")
    html = page.content.decode()
    assert 'New people</dt><dd class="govuk-summary-list__value">2<' in html
    assert "Import 2 people" in html
    assert not Profile.objects.exists()  # a dry run saves no one

    run = PeopleImport.objects.get()
    imported = staff.post(f"/staff/people/import/{run.pk}/import/", follow=True)

    assert "2 added, 0 updated" in imported.content.decode()
    assert Profile.objects.count() == 2
    run.refresh_from_db()
    assert run.content is None  # the personal data in the file is not kept

    again = upload(staff, xlsx_bytes(GOOD_ROWS), "people.xlsx").content.decode()
    assert 'Already up to date</dt><dd class="govuk-summary-list__value">2<' in again
    assert "There is nothing to import" in again
    assert "Import 0 people" not in again


def test_a_bad_file_lists_each_line_column_and_reason_and_offers_no_import(staff):
    rows = [
        with_cell(GOOD_ROWS[0], "E-mail", "sam at leeds"),
        with_cell(GOOD_ROWS[1], "Phone", "<b>ring me</b>"),
    ]
    html = upload(staff, csv_bytes(rows)).content.decode()
    line_and_column = (
        '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>'
        '<td class="govuk-table__cell">E-mail</td>'
    )
    assert line_and_column in html
    assert "E-mail is not an e-mail address" in html
    assert "<b>ring me" not in html
    assert "Phone is not a phone number" in html
    assert '/import/"' not in html.split("Lines with problems</h2>")[1]
    run = PeopleImport.objects.get()
    staff.post(f"/staff/people/import/{run.pk}/import/")
    assert not Profile.objects.exists()


def test_an_unreadable_file_says_why_and_keeps_nothing(staff):
    html = upload(staff, "E-mail,Prénom\n".encode("cp1252")).content.decode()
    assert "The file could not be read" in html
    assert "not UTF-8" in html
    assert PeopleImport.objects.get().content is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("people.pdf", b"%PDF-1.7", "The file must be a CSV (.csv) or Excel workbook (.xlsx)"),
        ("people.csv", b"x" * (5 * 1024 * 1024 + 1), "The file must be smaller than 5 MB"),
        ("people.csv", b"", "The submitted file is empty."),
    ],
)
def test_the_wrong_kind_or_size_of_file_is_refused_on_the_form(staff, name, content, message):
    page = upload(staff, content, name)
    assert message in page.content.decode()
    assert "govuk-error-summary" in page.content.decode()
    assert not PeopleImport.objects.exists()


def test_staff_confirm_an_unmatched_organisation_and_the_file_is_checked_again(staff):
    misspelt = with_cell(GOOD_ROWS[0], "Organisation", "Leeds City Counsil")
    html = upload(staff, csv_bytes([misspelt])).content.decode()
    assert "Organisations to confirm" in html
    assert "“Leeds City Counsil” (line 2)" in html
    run = PeopleImport.objects.get()
    leeds_id = run.report["unmatched"]["Leeds City Counsil"]["candidates"][0][0]

    page = staff.post(
        f"/staff/people/import/{run.pk}/organisations/",
        {"organisation_0": str(leeds_id)},
        follow=True,
    )

    assert "Import 1 person" in page.content.decode()
    staff.post(f"/staff/people/import/{run.pk}/import/")
    assert Profile.objects.get().organisation_id == leeds_id


def test_new_people_are_e_mailed_only_when_staff_ask(staff):
    upload(staff, csv_bytes(GOOD_ROWS[:1]), invite=True)
    staff.post(f"/staff/people/import/{PeopleImport.objects.get().pk}/import/")
    assert [message.to for message in mail.outbox] == [["sam.okoro@leeds.gov.uk"]]
    assert "/sign-in/" in mail.outbox[0].body

    mail.outbox.clear()
    upload(staff, csv_bytes(GOOD_ROWS[1:]))
    staff.post(f"/staff/people/import/{PeopleImport.objects.first().pk}/import/")
    assert Profile.objects.count() == 2
    assert mail.outbox == []


def test_a_double_click_imports_once(staff):
    upload(staff, csv_bytes(GOOD_ROWS))
    run = PeopleImport.objects.get()
    staff.post(f"/staff/people/import/{run.pk}/import/")
    second = staff.post(f"/staff/people/import/{run.pk}/import/", follow=True)
    assert "This file cannot be imported" in second.content.decode()
    assert Profile.objects.count() == 2


def test_the_enhanced_page_polls_progress_and_reloads_when_the_work_is_done(staff):
    run = PeopleImport.objects.create(
        filename="people.csv", file_format="csv", rows_total=10_000, rows_done=2_500
    )
    polled = staff.get(f"/staff/people/import/{run.pk}/", headers={"HX-Request": "true"})
    assert "2,500 of 10,000 lines checked" in polled.content.decode()
    assert "<html" not in polled.content.decode()
    assert "HX-Refresh" not in polled.headers

    PeopleImport.objects.filter(pk=run.pk).update(status=PeopleImport.Status.CHECKED)
    done = staff.get(f"/staff/people/import/{run.pk}/", headers={"HX-Request": "true"})
    assert done.headers["HX-Refresh"] == "true"


def test_an_oversize_file_is_refused_from_its_declared_size_without_being_read():
    form = PeopleFileForm(files={"file": unread_upload("people.csv", 10**9)})
    assert form.errors == {"file": ["The file must be smaller than 5 MB"]}
