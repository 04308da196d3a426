"""The account pages on a phone (320 CSS px: also a 1,280 px screen at 400% zoom): nothing
scrolls sideways, and a long address breaks only at its @ and dots."""

import pytest

from convene.accounts.services import delegate_offers
from convene.accounts.services.audit import Origin
from tests import factories
from tests.browser.helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 320, "height": 640}
LONG_ADDRESS = "private.office.of.the.chief.executive@northumberland-county-council.gov.uk"


@pytest.fixture
def leader():
    leader = factories.make_member(LONG_ADDRESS)
    factories.delegate_for(leader, "executive.assistant.to.the.chief@northumberland.gov.uk")
    delegate_offers.offer_delegate(
        leader, "diary.manager@northumberland.gov.uk", actor=leader, origin=Origin()
    )
    return leader


def width_of(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("path", ["/account/", "/account/delegates/"])
def test_the_account_pages_fit_a_phone_without_scrolling_sideways(page, live_server, leader, path):
    page.set_viewport_size(PHONE)
    sign_in(page, leader)
    page.goto(path)
    assert width_of(page) <= PHONE["width"]
