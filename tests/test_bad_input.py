"""Tampered input never answers 500: generated from every URL Convene serves.

For every URL in the permission table, as every role: the page's forms are posted with
each field in turn set to letters, a 25-digit number and a NUL byte (which PostgreSQL
refuses to store); the POST-only URLs get the same values in the fields their views read;
and the URL's own ids are set to 25 digits, which must be "not found". Any 500, or any
exception escaping a view, fails the URL's test, naming the role, the form and the field.
"""

import re
from urllib.parse import quote

import pytest
from django.db import transaction
from django.urls import reverse

from convene.accounts.services.audit import Origin
from tests import factories
from tests.conftest import CommittingClient
from tests.html_forms import forms_in
from tests.test_permissions import ANONYMOUS, ROLES, SIGN_IN, TABLE, served_urls

BAD_VALUES = {
    "letters": "abc",
    "a 25-digit number": "1234567890123456789012345",
    "a NUL byte": "a\x00b",
}
HUGE_ID = 1234567890123456789012345
NOT_TAMPERED = {"csrfmiddlewaretoken"}  # a wrong token is refused (403) before any view runs

# What the POST-only views read from the request (grep request.POST in convene/, and the
# fields of the forms they parse), posted to each of them one at a time.
POSTED_NAMES = ["text", "reply", "reason", "to", "profile", "first", "second", "role"]

ROUTES = {name: route for name, _, route in served_urls()}
GET_PAGES = [name for name, (method, _, _) in TABLE.items() if method == "GET"]
POST_ONLY = [name for name, (method, _, _) in TABLE.items() if method == "POST"]
WITH_PARAMETERS = [name for name in TABLE if "<" in ROUTES[name]]


def allowed_roles(name: str) -> list[str]:
    """The roles whose request reaches the view (others are turned away by its guard)."""
    expected_by_role = TABLE[name][2]
    return [role for role in ROLES if expected_by_role[role] not in (SIGN_IN, 403)]


def client_as(role: str, cast) -> CommittingClient:
    client = CommittingClient()
    if role != ANONYMOUS:
        factories.sign_in(client, cast[role])
    return client


def kwargs_with_more_on_the_page(name: str, cast) -> dict:
    """TABLE's kwargs, plus what makes the page show all its forms: a reply under the
    question (moderators may hide it) and proposed learning sets (members can be moved)."""
    kwargs_for = TABLE[name][1]
    kwargs = kwargs_for(cast) if kwargs_for else {}
    if "question_id" in kwargs:
        from convene.connections.models import Question
        from convene.connections.services import questions

        replier = factories.make_member("replier@example.gov.uk", "Reply", "Er")
        questions.reply_to_question(
            Question.objects.get(pk=kwargs["question_id"]),
            actor=replier,
            origin=Origin(),
            text="Try this",
        )
    if "cohort_id" in kwargs:
        from convene.programmes.models import Cohort
        from convene.programmes.services import learning_sets

        cohort = Cohort.objects.get(pk=kwargs["cohort_id"])
        leaders = [
            factories.make_member(f"leader{number}@example.gov.uk", "Leader", f"{number}")
            for number in range(11)
        ]
        factories.join_cohort(cohort, *leaders)
        learning_sets.propose_sets(cohort, actor=None, origin=Origin())
    return kwargs


def filled_in(filled: dict[str, list[str]]) -> dict[str, list[str]]:
    """The form with its empty boxes holding "1": checks that need every box (a date's day,
    month and year) then get as far as the tampered one."""
    return {name: [value or "1" for value in values] for name, values in filled.items()}


def answer(send, *args, **kwargs) -> str:
    """The request's status, or the exception that escaped the view.

    Each request runs in a savepoint, as a real request runs in its own transaction: on
    PostgreSQL one failed statement would otherwise abort every later one in the test."""
    try:
        with transaction.atomic():
            return str(send(*args, **kwargs).status_code)
    except Exception as error:  # any exception escaping a view is the failure
        return f"{type(error).__name__}: {error}"


def outcome(send, *args, **kwargs) -> str | None:
    """What went wrong, if the request answered 500 or raised; None if it did not."""
    status = answer(send, *args, **kwargs)
    return None if status.isdigit() and status != "500" else status


@pytest.mark.parametrize("name", GET_PAGES)
def test_no_form_on_the_page_answers_500_to_tampered_fields(name, cast):
    kwargs = kwargs_with_more_on_the_page(name, cast)
    url = reverse(name, kwargs=kwargs)
    failures, tried = [], set()
    for role in ROLES:
        client = client_as(role, cast)
        page = client.get(url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        for form in forms_in(page.content.decode(), url):
            key = (form.method, form.action, tuple(form.names))
            if key in tried:
                continue
            tried.add(key)
            submit = client.post if form.method == "post" else client.get
            for field in sorted(set(form.names) - NOT_TAMPERED):
                for label, bad in BAD_VALUES.items():
                    for others in (form.filled, filled_in(form.filled)):
                        data = {**others, field: [bad]}
                        problem = outcome(submit, form.action, data)
                        if problem:
                            where = f"{role} {form.method} {form.action} {field}={label}"
                            failures.append(f"{where}: {problem}")
                            break
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", POST_ONLY)
def test_posting_tampered_fields_answers_no_500(name, cast):
    url = reverse(name, kwargs=kwargs_with_more_on_the_page(name, cast))
    failures = []
    for role in allowed_roles(name):
        client = client_as(role, cast)
        for field in POSTED_NAMES:
            for label, bad in BAD_VALUES.items():
                problem = outcome(client.post, url, {field: bad})
                if problem:
                    failures.append(f"{role} POST {url} {field}={label}: {problem}")
    assert not failures, "\n".join(failures)


def tampered_path(name: str, kwargs: dict, bad_for) -> str:
    """The URL's route with each parameter replaced by ``bad_for(value)``, or by
    ``bad_for`` itself when it is a text (ids and texts)."""

    def part(match):
        return bad_for(kwargs[match["name"]]) if callable(bad_for) else bad_for

    return re.sub(r"<(?:\w+:)?(?P<name>\w+)>", part, ROUTES[name])


@pytest.mark.parametrize("name", WITH_PARAMETERS)
def test_tampered_values_in_the_address_answer_no_500(name, cast):
    method = TABLE[name][0]
    kwargs = kwargs_with_more_on_the_page(name, cast)
    failures = []
    for role in allowed_roles(name):
        client = client_as(role, cast)
        send = client.post if method == "POST" else client.get
        huge = tampered_path(
            name, kwargs, lambda value: str(HUGE_ID) if isinstance(value, int) else str(value)
        )
        if huge != reverse(name, kwargs=kwargs):
            status = answer(send, huge)
            if status != "404":
                failures.append(f"{role} {method} {huge}: {status}, not 404")
        for label, bad in BAD_VALUES.items():
            path = tampered_path(name, kwargs, quote(bad))
            problem = outcome(send, path)
            if problem:
                failures.append(f"{role} {method} {path} ({label}): {problem}")
    assert not failures, "\n".join(failures)


def test_the_form_reader_sees_what_a_browser_would_send():
    html = """
      <form method="post" action="/x/"><input type="hidden" name="csrfmiddlewaretoken"
        value="t"><input name="text" value="hello"><input type="checkbox" name="box" value="1">
        <input type="checkbox" name="tick" value="2" checked><textarea name="bio">
      About me</textarea><select name="to"><option value="4">Four</option>
        <option value="5" selected>Five</option></select><input type="file" name="photo">
        <button type="submit" name="remove" value="1">Remove</button></form>
      <form><input name="q"></form>
    """
    first, second = forms_in(html, "/page/")
    assert (first.method, first.action) == ("post", "/x/")
    assert first.filled == {
        "csrfmiddlewaretoken": ["t"],
        "text": ["hello"],
        "tick": ["2"],
        "bio": ["      About me"],
        "to": ["5"],
    }
    # Unticked boxes, files and named buttons are tampered with too.
    assert first.names == [
        *["csrfmiddlewaretoken", "text", "box", "tick", "bio", "to", "photo", "remove"]
    ]
    assert (second.method, second.action, second.filled) == ("get", "/page/", {"q": [""]})
