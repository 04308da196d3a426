"""The facilitator's learning-set page for a cohort of 100, in Chromium at a desktop
width: a few screens tall (it was about 14,000 px with a Move form per person), and a
swap made with its one form."""

import pytest

from convene.programmes.models import LearningSet
from tests.browser.helpers import sign_in_staff_admin
from tests.programmes.helpers import cohort_of_100

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESKTOP = {"width": 1280, "height": 800}
TALLEST = 5000


def test_a_cohort_of_100_fits_a_few_screens_and_two_people_swap_in_one_step(page):
    cohort = cohort_of_100()
    page.set_viewport_size(DESKTOP)
    sign_in_staff_admin(page, role="facilitator")
    page.goto(f"/programmes/cohorts/{cohort.pk}/learning-sets/")

    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < TALLEST, f"the page is {height} px tall"

    first, second = LearningSet.objects.filter(cohort=cohort).order_by("number")[:2]
    one, other = first.members.order_by("pk").first(), second.members.order_by("pk").first()
    page.get_by_label("Swap", exact=True).select_option(str(one.pk))
    page.get_by_label("With", exact=True).select_option(str(other.pk))
    page.get_by_role("button", name="Swap", exact=True).click()
    page.get_by_text(f"{one} moved to set 2 and {other} to set 1").wait_for()
    assert second.members.filter(pk=one.pk).exists()
    assert first.members.filter(pk=other.pk).exists()
