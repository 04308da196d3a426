import re

import pytest
from django.core import mail

from tests.factories import make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def emailed_link() -> str:
    return re.search(r"/sign-in/link/[\w-]+/", mail.outbox[-1].body).group(0)


def test_a_member_signs_in_with_javascript_off(page_without_javascript):
    page = page_without_javascript
    make_member("leader@example.gov.uk")
    page.goto("/directory/")
    assert page.url.endswith("/sign-in/?next=/directory/")
    page.get_by_label("Work e-mail address").fill("leader@example.gov.uk")
    page.get_by_role("button", name="Send me a sign-in link").click()
    assert page.get_by_role("heading", name="Check your e-mail").is_visible()
    page.goto(emailed_link())
    page.get_by_test_id("confirm-sign-in").click()
    assert page.url.endswith("/directory/")
    assert page.get_by_role("heading", name="Directory").is_visible()


def test_an_error_summary_links_to_the_field(page_without_javascript):
    page = page_without_javascript
    page.goto("/sign-in/")
    page.get_by_label("Work e-mail address").fill("not an address")
    page.get_by_role("button", name="Send me a sign-in link").click()
    summary = page.locator(".govuk-error-summary")
    assert "Enter an e-mail address in the correct format" in summary.inner_text()
    assert page.title().startswith("Error: ")
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_email"


def test_govuk_frontend_runs_under_the_content_security_policy(page):
    page.goto("/sign-in/")
    page.wait_for_load_state("networkidle")
    classes = page.evaluate("document.body.className")
    assert "js-enabled" in classes
    assert "govuk-frontend-supported" in classes
    assert page.console_messages == []


def test_the_idle_warning_appears_and_stay_signed_in_works(page, settings):
    settings.SESSION_IDLE_MINUTES = 1
    settings.SESSION_IDLE_WARNING_MINUTES = 1
    make_member("leader@example.gov.uk")
    page.goto("/sign-in/")
    page.get_by_label("Work e-mail address").fill("leader@example.gov.uk")
    page.get_by_role("button", name="Send me a sign-in link").click()
    page.goto(emailed_link())
    page.get_by_test_id("confirm-sign-in").click()
    warning = page.get_by_role("alert").filter(has_text="You will be signed out soon")
    warning.wait_for(state="visible")
    with page.expect_response("**/session/keep-alive/") as response:
        page.get_by_role("button", name="Stay signed in").click()
    assert response.value.status == 204
    assert page.console_messages == []
