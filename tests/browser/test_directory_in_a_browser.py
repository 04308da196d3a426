"""The directory search in Chromium: enhanced by htmx, and the same without JavaScript."""

import pytest

from tests import factories
from tests.browser.helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def leaders():
    police = factories.make_organisation(
        "West Yorkshire Police", "E23000010", org_type="police_force", sector_id="policing"
    )
    factories.make_member("a@x.gov.uk", given="Aisha", family="Ahmed", topics="youth offending")
    factories.make_member(
        "b@x.gov.uk", given="Ben", family="Brown", organisation=police, topics="youth offending"
    )
    return factories.make_member("c@x.gov.uk", given="Cara", family="Clarke", topics="net zero")


def test_typing_and_ticking_update_the_results_without_reloading_the_page(page, leaders):
    sign_in(page, leaders)
    page.goto("/directory/")
    page.evaluate("window.notReloaded = true")

    page.get_by_label("Search the directory").fill("youth")
    page.get_by_test_id("result-count").filter(has_text="2 leaders found").wait_for()
    assert page.locator("#search-status").inner_text() == "2 leaders found"
    assert "q=youth" in page.url

    page.get_by_label("Policing").check()
    page.get_by_test_id("result-count").filter(has_text="1 leader found").wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert "sector=policing" in page.url
    assert page.get_by_label("Search the directory").input_value() == "youth"
    assert not [m for m in page.console_messages if "Content Security Policy" in m]


def test_without_javascript_the_form_searches_by_page_load(page_without_javascript, leaders):
    page = page_without_javascript
    sign_in(page, leaders)
    page.goto("/directory/")
    page.get_by_label("Search the directory").fill("youth")
    page.get_by_role("button", name="Search", exact=True).click()
    assert page.get_by_test_id("result-count").inner_text() == "2 leaders found"
    page.get_by_label("Policing").check()
    page.get_by_role("button", name="Apply filters").click()
    assert page.get_by_test_id("result-count").inner_text() == "1 leader found"
