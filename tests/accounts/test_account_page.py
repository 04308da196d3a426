"""The account page shows a long e-mail address so that a phone wraps it at its @ and dots,
never mid-word, and nothing in an address can become markup."""

import re

import pytest
from django.template import Context, Template

from tests import factories

pytestmark = pytest.mark.django_db

LONG_ADDRESS = "private.office@northumberland-county-council.gov.uk"


def shown_address(page: str) -> str:
    return re.search(r'data-testid="email">(.*?)</dd>', page).group(1)


def test_the_address_may_break_only_after_the_at_and_before_each_dot(client_for):
    leader = factories.make_member(LONG_ADDRESS)
    page = client_for(leader).get("/account/").content.decode()
    assert shown_address(page) == (
        "private<wbr>.office@<wbr>northumberland-county-council<wbr>.gov<wbr>.uk"
    )
    assert "break-all" not in page


def test_an_address_is_escaped_before_its_breaks_are_added():
    shown = Template("{% load addresses %}{{ address|breakable_email }}").render(
        Context({"address": '"<b>x</b>"&co@example.uk'})
    )
    assert shown == "&quot;&lt;b&gt;x&lt;/b&gt;&quot;&amp;co@<wbr>example<wbr>.uk"


def test_the_delegates_page_lists_addresses_that_break_alike(client_for, member, delegate):
    page = client_for(member).get("/account/delegates/").content.decode()
    delegations = page.split('data-testid="delegations"')[1].split("</dl>")[0]
    assert "pa@<wbr>example<wbr>.gov<wbr>.uk" in delegations
    assert "<table" not in page  # rows stack on a phone rather than scroll sideways


def test_a_staff_admin_sees_a_users_address_break_alike(client_for, staff_admin):
    leader = factories.make_member(LONG_ADDRESS)
    page = client_for(staff_admin).get(f"/staff/users/{leader.pk}/").content.decode()
    assert shown_address(page) == (
        "private<wbr>.office@<wbr>northumberland-county-council<wbr>.gov<wbr>.uk"
    )
