"""The directory on a phone (320 CSS px: also a 1,280 px screen at 400% zoom) and from
the keyboard: the results come straight after the search box, "Filter results" opens
and filters, "Skip to results" reaches them in a few key presses."""

import re

import pytest

from convene.directory.models import OrganisationType
from tests import factories
from tests.browser.helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
REGIONS = ["TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLI", "TLJ", "TLK", "TLL", "TLM", "TLN"]
SECTORS = ["local_government", "health", "policing", "fire", "central_government", "defence"]
TYPES = [
    OrganisationType.COUNCIL,
    OrganisationType.NHS_TRUST,
    OrganisationType.POLICE_FORCE,
    OrganisationType.FIRE_SERVICE,
    OrganisationType.MINISTERIAL_DEPARTMENT,
    OrganisationType.NON_MINISTERIAL_DEPARTMENT,
]
TOPICS = ["youth offending", "net zero", "hospital discharge", "workforce wellbeing"]


@pytest.fixture
def leaders():
    """A leader in each region, across every sector: about 40 filter boxes, which put the
    results about 2,000 px down a phone's page when the filters came first."""
    made = []
    for n, region in enumerate(REGIONS):
        organisation = factories.make_organisation(
            f"Organisation {n}",
            f"E0{n:07d}",
            region_id=region,
            sector_id=SECTORS[n % len(SECTORS)],
            org_type=TYPES[n % len(TYPES)],
        )
        made.append(
            factories.make_member(
                f"leader{n}@x.gov.uk",
                given="Leader",
                family=f"Number{n:02d}",
                organisation=organisation,
                topics=f"{TOPICS[n % len(TOPICS)]}, {TOPICS[(n + 1) % len(TOPICS)]}",
            )
        )
    return made


def open_directory(page, user, size, path="/directory/"):
    page.set_viewport_size(size)
    sign_in(page, user)
    page.goto(path)


def top_of(page, selector: str) -> float:
    """How far down the page (CSS px) the first element matching ``selector`` starts."""
    return page.evaluate(
        "s => document.querySelector(s).getBoundingClientRect().top + window.scrollY", selector
    )


def nothing_scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def wait_for_count(page, text: str) -> None:
    """Wait for htmx to show this count ("2 leaders found" alone, not in "12 leaders found")."""
    page.get_by_test_id("result-count").filter(has_text=re.compile(f"^{text}$")).wait_for()


def first_result(page):
    return page.get_by_test_id("results").get_by_role("link").first


def focused(page) -> str:
    """The focused element: its id, or its text."""
    return page.evaluate("document.activeElement.id || document.activeElement.innerText.trim()")


def test_on_a_phone_the_results_start_right_after_the_search_box(page, leaders):
    open_directory(page, leaders[0], PHONE)
    assert top_of(page, "[data-testid=results] li") < 1000
    assert top_of(page, "[data-testid=result-count]") < top_of(page, "[data-testid=filters]") + 80
    assert page.get_by_text("Filter results").is_visible()
    assert not page.get_by_label("Policing").is_visible()
    assert nothing_scrolls_sideways(page)


def test_on_a_phone_the_filters_open_tick_and_apply(page, leaders):
    open_directory(page, leaders[0], PHONE)
    page.evaluate("window.notReloaded = true")
    page.get_by_text("Filter results").click()
    page.get_by_label("Policing").check()
    wait_for_count(page, "2 leaders found")
    # The checkboxes were replaced, "Filter results" stays open, the tick and focus stay.
    assert page.get_by_label("Policing").is_checked()
    assert page.get_by_test_id("filters").evaluate("details => details.open")
    assert focused(page) == page.get_by_label("Policing").get_attribute("id")
    assert nothing_scrolls_sideways(page)

    page.get_by_role("button", name="Apply filters").click()
    assert focused(page) == "results"
    assert not page.get_by_label("Policing").is_visible()
    assert "sector=policing" in page.url
    assert page.get_by_role("link", name="Remove filter Sector: Policing").is_visible()
    assert page.evaluate("window.notReloaded") is True
    assert top_of(page, "[data-testid=results] li") < 1000


def test_on_a_phone_without_javascript_the_filters_open_tick_and_apply(
    page_without_javascript, leaders
):
    page = page_without_javascript
    open_directory(page, leaders[0], PHONE)
    page.get_by_text("Filter results").click()
    page.get_by_label("Policing").check()
    page.get_by_label("Yorkshire and The Humber").check()
    page.get_by_role("button", name="Apply filters").click()
    assert page.get_by_test_id("result-count").inner_text() == "1 leader found"
    assert page.get_by_role("link", name="Remove filter Sector: Policing").is_visible()
    assert not page.get_by_label("Policing").is_visible()
    assert top_of(page, "[data-testid=results] li") < 1000
    assert nothing_scrolls_sideways(page)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_skip_to_results_reaches_the_count_and_the_first_result_in_a_few_presses(
    page, leaders, size
):
    open_directory(page, leaders[0], size)
    page.keyboard.press("Tab")
    assert focused(page) == "Skip to main content"
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to results")
    assert focused(page) == "Skip to results"
    assert skip.bounding_box()["height"] > 20  # shown when it has focus
    page.keyboard.press("Enter")
    # Focus is on the results, which begin with the count: two presses of Tab.
    assert focused(page) == "results"
    assert page.locator("#results [data-testid=result-count]").is_visible()
    presses = 2
    name = first_result(page).inner_text()
    while focused(page) != name and presses < 20:
        page.keyboard.press("Tab")
        presses += 1
    assert presses <= 6
    assert not [m for m in page.console_messages if "rror" in m]


def test_on_a_desktop_the_filters_are_a_column_beside_the_results(page, leaders):
    open_directory(page, leaders[0], DESKTOP)
    assert not page.get_by_text("Filter results").is_visible()
    assert filters_are_left_of_the_results(page)

    page.get_by_label("Policing").check()
    wait_for_count(page, "2 leaders found")
    assert filters_are_left_of_the_results(page)
    assert page.get_by_label("Policing").is_checked()
    assert not [m for m in page.console_messages if "Content Security Policy" in m]


def filters_are_left_of_the_results(page) -> bool:
    policing = page.get_by_label("Policing").bounding_box()
    result = first_result(page).bounding_box()
    # Beside the results, and below the search box.
    return policing["x"] + 200 < result["x"] and policing["y"] > top_of(page, "#id_q")


def test_on_a_phone_a_new_search_keeps_the_results_near_the_top(page, leaders):
    open_directory(page, leaders[0], PHONE)
    page.get_by_label("Search the directory").fill("zero")
    wait_for_count(page, "6 leaders found")
    assert not page.get_by_test_id("filters").evaluate("details => details.open")
    assert top_of(page, "[data-testid=results] li") < 1000
    assert nothing_scrolls_sideways(page)
