"""A staff admin imports a file in Chromium, with htmx polling the progress under our CSP."""

import pytest

from convene.directory.models import PeopleImport, Profile
from tests.browser.helpers import sign_in_staff_admin
from tests.directory.imports.people_files import GOOD_ROWS, csv_bytes, places, with_cell

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_staff_check_confirm_and_import_a_file(page):
    sign_in_staff_admin(page)
    places()
    misspelt = with_cell(GOOD_ROWS[0], "Organisation", "Leeds City Counsil")
    page.goto("/staff/people/import/")
    page.get_by_label("File of people").set_input_files(
        files=[{"name": "people.csv", "mimeType": "text/csv", "buffer": csv_bytes([misspelt])}]
    )
    page.get_by_role("button", name="Check the file").click()

    page.get_by_label("Leeds City Council").check()
    page.get_by_role("button", name="Confirm organisations and check again").click()
    page.get_by_role("button", name="Import 1 person").click()

    assert page.get_by_test_id("imported").inner_text() == "1 added, 0 updated"
    assert Profile.objects.get().organisation.name == "Leeds City Council"
    assert not [m for m in page.console_messages if "Content Security Policy" in m]


def test_the_progress_updates_without_a_reload_and_the_report_appears_when_done(page):
    sign_in_staff_admin(page)
    run = PeopleImport.objects.create(
        filename="big.csv", file_format="csv", rows_total=10_000, rows_done=1_000
    )
    page.goto(f"/staff/people/import/{run.pk}/")
    assert "1,000 of 10,000" in page.get_by_test_id("progress").inner_text()

    PeopleImport.objects.filter(pk=run.pk).update(rows_done=6_000)
    page.get_by_text("6,000 of 10,000 lines checked").wait_for(timeout=5_000)

    PeopleImport.objects.filter(pk=run.pk).update(
        status=PeopleImport.Status.CHECKED,
        report={"counts": {"create": 0}, "problems": [], "unmatched": {}, "can_import": False},
    )
    page.get_by_test_id("nothing-to-do").wait_for(timeout=5_000)
    assert not [m for m in page.console_messages if "Content Security Policy" in m]
