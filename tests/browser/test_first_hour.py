"""A leader's first hour on the demo, in Chromium, as the demo's people would live it.

Sign-in links are read from what the console e-mail printed, as someone trying `make
demo` copies them; nothing is signed in behind the pages' backs. The chief constable
(police@demo.example) finds the council chief executive's request waiting on their home
page and accepts it, searches a challenge and finds the people working on it first with
the reason shown, opens their own profile; the facilitator then confirms the cohort's
learning sets, and the chief executive sees theirs on their home page.
"""

import re

import pyotp
import pytest
from django.core.management import call_command

from config.settings import base
from convene.accounts.models import TOTPDevice, User
from convene.accounts.services.audit import Origin
from convene.connections.services import introductions
from convene.directory.models import Profile
from convene.programmes.models import Cohort

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def console(settings, capsys):
    """E-mail printed to the console as in the demo; returns what was printed since."""
    settings.MAILERS = base.MAILERS
    capsys.readouterr()
    return lambda: capsys.readouterr().out


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)
    member = User.objects.get(email="member@demo.example")
    police = User.objects.get(email="police@demo.example")
    introductions.ask_for_introduction(
        police,
        "We are both trying to keep young people out of the justice system.",
        actor=member,
        origin=Origin(),
    )


def sign_in_from_the_console(page, email: str, console) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Work e-mail address").fill(email)
    page.get_by_role("button", name="Send me a sign-in link").click()
    assert page.get_by_role("heading", name="Check your e-mail").is_visible()
    (link,) = set(re.findall(r"http://[^/\s]+(/sign-in/link/[\w-]+/)", console()))
    page.goto(link)
    page.get_by_test_id("confirm-sign-in").click()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_the_first_hour(page, demo, console):
    # The chief constable signs in with the link printed on the console.
    sign_in_from_the_console(page, "police@demo.example", console)
    waiting = page.get_by_test_id("waiting-introductions")
    assert "Alex Morgan would like to meet you" in waiting.inner_text()
    waiting.get_by_role("button", name="Read and reply").click()
    page.get_by_role("button", name="Accept").click()
    page.goto("/introductions/")
    assert "Alex Morgan" in page.get_by_test_id("accepted").inner_text()

    # A challenge: those whose own topics name it come first, the words marked.
    page.goto("/directory/?q=youth+offending")
    first = page.get_by_test_id("results").locator("li").first
    marked = first.locator("mark").all_inner_texts()
    assert {word.lower() for word in marked} >= {"youth", "offending"}
    assert first.get_by_test_id("reason").is_visible()
    href = first.get_by_role("link").first.get_attribute("href")
    profile = Profile.objects.get(pk=re.search(r"/people/(\d+)/", href).group(1))
    assert "youth offending" in [topic.name.lower() for topic in profile.topic_tags.all()]

    # Their own profile, from the navigation.
    page.get_by_role("link", name="Your profile").click()
    assert page.get_by_role("heading", name="Sam Idowu").is_visible()
    sign_out(page)

    # The facilitator proposes and confirms the first cohort's learning sets.
    sign_in_from_the_console(page, "facilitator@demo.example", console)
    secret = TOTPDevice.objects.get(user__email="facilitator@demo.example").secret
    page.fill("#id_code", pyotp.TOTP(secret).now())
    page.locator("main button[type=submit]").click()
    page.goto("/programmes/cohorts/")
    cohort = Cohort.objects.filter(members__user__email="member@demo.example").first()
    page.get_by_role("link", name=f"Learning sets for {cohort.name}").click()
    page.get_by_role("button", name="Propose sets").click()
    page.get_by_role("button", name="Confirm these sets").click()
    assert page.get_by_text("Sets confirmed").is_visible()
    sign_out(page)

    # The chief executive sees their set, and its facilitator, on their home page.
    sign_in_from_the_console(page, "member@demo.example", console)
    page.goto("/")
    their_set = page.get_by_test_id("your-learning-set")
    assert their_set.is_visible()
    assert "Alex Morgan" not in their_set.get_by_role("link").all_inner_texts()
    assert len(their_set.get_by_role("link").all_inner_texts()) >= 5
