"""axe-core's automated WCAG 2.2 AA checks on every kind of page built so far.

Automated checks find perhaps a third of problems; they stop regressions, not replace
testing with people and assistive technology.
"""

from pathlib import Path

import pytest

from convene.accounts.services import delegate_offers
from convene.accounts.services.audit import Origin
from convene.connections.services import hidden_suggestions, introductions, questions
from convene.directory.services import profiles
from convene.programmes.models import Cohort
from convene.programmes.services import learning_sets
from tests import factories
from tests.browser.helpers import sign_in, sign_in_staff_admin
from tests.directory.imports.people_files import GOOD_ROWS, csv_bytes, places, with_cell

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).resolve().parents[2] / "var" / "axe" / "axe.min.js"
# WCAG 2.2 A and AA, and axe's best practices (landmarks, one main heading…).
RULE_SETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture
def axe_page(chromium, live_server):
    # axe is injected as a script: only this test's browser context bypasses the CSP.
    context = chromium.new_context(base_url=live_server.url, bypass_csp=True)
    yield context.new_page()
    context.close()


def violations(page, path: str | None = None) -> list[str]:
    """WCAG 2.2 AA violations on ``path``, or on the page as it is now."""
    if path:
        page.goto(path)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' ')))",
        RULE_SETS,
    )
    return found


@pytest.mark.parametrize(
    "path",
    ["/sign-in/", "/accessibility/", "/privacy/", "/cookies/", "/signed-out/?reason=idle"],
)
def test_public_pages_pass_axe(axe_page, path):
    assert violations(axe_page, path) == []


def test_a_form_with_errors_passes_axe(axe_page):
    axe_page.goto("/sign-in/")
    axe_page.get_by_label("Work e-mail address").fill("not an address")
    axe_page.locator("main button[type=submit]").click()
    assert violations(axe_page) == []


def test_member_pages_pass_axe(axe_page):
    member = factories.make_member()
    delegate = factories.delegate_for(member)
    # An offer waiting for an answer, listed on the delegates page.
    delegate_offers.offer_delegate(member, "new.pa@x.gov.uk", actor=member, origin=Origin())
    # A change by the delegate: the history's marked words, and a notice of it.
    profiles.update_profile(
        member.profile, {"working_on": "Discharge <b>delays</b>"}, actor=delegate, origin=Origin()
    )
    profiles.update_profile(
        member.profile, {"working_on": "Hospital discharge delays"}, actor=delegate, origin=Origin()
    )
    sign_in(axe_page, member)
    profile = f"/people/{member.profile.pk}/"
    pages = [profile, f"{profile}edit/", f"{profile}history/", f"{profile}roles/new/"]
    pages.append(f"{profile}photo/edit/")
    pages.append("/directory/?q=chief")
    more = ["/account/", "/account/delegates/", "/account/your-data/", "/directory/export/?q=chief"]
    asker = factories.make_member("asker@x.gov.uk", given="Asker", family="Leader")
    request = introductions.ask_for_introduction(
        member, actor=asker, origin=Origin(), reason="To compare notes on discharge"
    )
    question = questions.ask_question(
        "How do you keep teenagers out of court?", actor=asker, origin=Origin()
    )
    # The question's page with a reply linked to its replier and "Take it back"; the home
    # page naming a leader just hidden, with "Undo", and listing those hidden.
    questions.reply_to_question(question, "Early help panels", actor=asker, origin=Origin())
    questions.mark_faced_too(question, actor=member, origin=Origin())
    hidden_suggestions.hide_suggestion(asker.profile, actor=member, origin=Origin())
    more += [
        f"/?hidden={asker.profile.pk}",
        "/introductions/",
        "/notices/",
        "/account/digest/",
        "/ask/",
        "/ask/new/",
        f"/ask/{question.pk}/",
        f"/introductions/{request.pk}/",
        f"/people/{asker.profile.pk}/introduce/",
    ]
    # A confirmed learning set: on the home page, "My cohort" and the notices.
    cohort = Cohort.objects.create(name="Axe set cohort")
    factories.join_cohort(
        cohort,
        member,
        *[factories.make_member(f"peer{n}@x.gov.uk", "Peer", f"Leader{n}") for n in range(6)],
    )
    learning_sets.propose_sets(cohort, actor=None, origin=Origin())
    learning_sets.confirm_sets(cohort, actor=None, origin=Origin())
    more.append("/programmes/my-cohort/")
    # The home page again, with an introduction waiting for the member.
    for path in ["/", "/directory/", *pages, *more, "/"]:
        assert violations(axe_page, path) == [], path


def test_staff_pages_pass_axe(axe_page):
    def set_up_page_passes(page):
        assert violations(page, "/account/two-factor/set-up/") == []

    admin = sign_in_staff_admin(axe_page, on_set_up=set_up_page_passes)
    for path in [
        "/",
        "/staff/invitations/",
        "/staff/users/",
        f"/staff/users/{admin.pk}/",
        "/staff/audit/",
        "/staff/people/import/",
        "/staff/lists/",
        "/staff/lists/job-titles/",
        "/staff/lists/regions/1/",
        f"/staff/users/{factories.make_member().pk}/erase/",
    ]:
        assert violations(axe_page, path) == [], path


def test_an_import_report_with_problems_and_organisations_to_confirm_passes_axe(axe_page):
    sign_in_staff_admin(axe_page)
    places()
    rows = [
        with_cell(GOOD_ROWS[0], "Organisation", "Leeds City Counsil"),
        with_cell(GOOD_ROWS[1], "E-mail", "not an address"),
    ]
    axe_page.goto("/staff/people/import/")
    assert violations(axe_page) == []
    axe_page.get_by_label("File of people").set_input_files(
        files=[{"name": "people.csv", "mimeType": "text/csv", "buffer": csv_bytes(rows)}]
    )
    axe_page.get_by_role("button", name="Check the file").click()
    axe_page.get_by_text("Organisations to confirm").wait_for()
    assert violations(axe_page) == []


def test_facilitator_pages_pass_axe(axe_page):
    sign_in_staff_admin(axe_page, role="facilitator")
    factories.make_member("axe@x.gov.uk", "Axel", "Okafor")
    assert violations(axe_page, "/introductions/broker/") == []
    axe_page.get_by_role("button", name="Find leaders").click()
    assert violations(axe_page) == []  # with its errors
    axe_page.get_by_label("The first leader's name").fill("Okafor")
    axe_page.get_by_label("The second leader's name").fill("Axel")
    axe_page.get_by_role("button", name="Find leaders").click()
    axe_page.get_by_role("button", name="Ask both leaders").click()
    axe_page.get_by_text("Say why they should meet").first.wait_for()
    assert violations(axe_page) == []  # the matches to choose from, with errors
    assert violations(axe_page, "/staff/moderation/") == []
    assert violations(axe_page, "/programmes/cohorts/") == []
    cohort = Cohort.objects.create(name="Axe cohort")
    for n in range(12):
        factories.join_cohort(
            cohort, factories.make_member(f"set{n}@x.gov.uk", "Set", f"Member{n}")
        )
    learning_sets.propose_sets(cohort, actor=None, origin=Origin())
    assert violations(axe_page, f"/programmes/cohorts/{cohort.pk}/learning-sets/") == []
    axe_page.get_by_role("button", name="Swap", exact=True).click()  # both in set 1: refused
    assert violations(axe_page) == []
    axe_page.get_by_role("button", name="Confirm these sets").click()
    assert violations(axe_page) == []


@pytest.mark.parametrize("width", [320, 1280])
def test_the_directory_passes_axe_on_a_phone_and_a_desktop(axe_page, width):
    """320 CSS px is also a 1,280 px screen at 400% zoom."""
    axe_page.set_viewport_size({"width": width, "height": 800})
    police = factories.make_organisation(
        "West Yorkshire Police", "E23000010", org_type="police_force", sector_id="policing"
    )
    factories.make_member("b@x.gov.uk", given="Ben", family="Brown", organisation=police)
    sign_in(axe_page, factories.make_member(topics="youth offending"))
    assert violations(axe_page, "/directory/") == []
    if width == 320:
        axe_page.get_by_text("Filter results").click()
    axe_page.get_by_label("Policing").check()  # htmx replaces the results and checkboxes
    axe_page.get_by_test_id("result-count").filter(has_text="1 leader found").wait_for()
    assert violations(axe_page) == []
    assert axe_page.evaluate("document.documentElement.scrollWidth") <= width
