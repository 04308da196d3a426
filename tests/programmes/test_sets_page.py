"""The facilitator's page stays usable for a cohort of 100: a short list per set and one
swap form and one move form at the top (people grouped by set), not a form per person."""

import re

import pytest

from convene.accounts.services.audit import Origin
from convene.programmes.services import learning_sets
from tests.programmes.helpers import cohort_of_100

pytestmark = pytest.mark.django_db


def test_a_cohort_of_100_is_one_compact_page_with_a_handful_of_forms(client_for, facilitator):
    cohort = cohort_of_100()
    page = client_for(facilitator).get(f"/programmes/cohorts/{cohort.pk}/learning-sets/")
    html = page.content.decode()

    assert cohort.learning_sets.count() == 13
    assert html.count("<form") <= 6  # swap, move, confirm, propose again, sign out
    assert html.count('data-testid="set"') == 13
    # Each select of people offers all 100, grouped by set, under a visible label.
    for select in ("swap-first", "swap-second", "move-profile"):
        found = re.search(rf'<select[^>]*id="{select}".*?</select>', html, re.S).group(0)
        assert found.count("<option") == 100
        assert found.count('<optgroup label="Set ') == 13
        assert f'<label class="govuk-label" for="{select}">' in html
    # One line a person: name, organisation, then sector and region.
    assert re.search(r"Leader Number000, Organisation 0 <span[^>]*>· Local government", html)


def test_confirmed_sets_show_who_facilitates_them_and_only_reopen_and_download(
    client_for, facilitator
):
    facilitator.full_name = "Priya Shah"
    facilitator.save(update_fields=["full_name"])
    cohort = cohort_of_100()
    learning_sets.confirm_sets(cohort, actor=facilitator, origin=Origin())
    html = client_for(facilitator).get(f"/programmes/cohorts/{cohort.pk}/learning-sets/")
    html = html.content.decode()
    assert "13 sets, facilitated by Priya Shah" in html
    actions = re.findall(r'<form method="post" action="([^"]+)"', html)
    assert [a for a in actions if "learning-sets" in a] == [
        f"/programmes/cohorts/{cohort.pk}/learning-sets/reopen/"
    ]
    assert f'href="/programmes/cohorts/{cohort.pk}/learning-sets/download/"' in html
