import re

import pytest
from django.core import mail
from django.test import TestCase

from convene.accounts.models import AuditEvent, SignInLink
from convene.accounts.services.sign_in import active_user_with_email, deliver_sign_in_link

pytestmark = pytest.mark.django_db


def link_from(message) -> str:
    return re.search(r"http://\S+/sign-in/link/[\w-]+/", message.body).group(0)


def page_text(content: bytes, address: str) -> str:
    """The page with the address, the CSP nonce and the CSRF token taken out."""
    text = content.decode().replace(address, "ADDRESS@")
    text = re.sub(r'nonce="[^"]+"', "", text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def path_of(url: str) -> str:
    return url.split("8000", 1)[1]


def test_it_sends_a_link_to_a_known_address(client, member):
    response = client.post("/sign-in/", {"email": "Member@Example.gov.uk"})
    assert response.status_code == 302
    assert response.url == "/sign-in/check-your-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["member@example.gov.uk"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_it_answers_the_same_for_an_unknown_address(client, member):
    known = client.post("/sign-in/", {"email": "member@example.gov.uk"}, follow=True)
    unknown = client.post("/sign-in/", {"email": "nobody@example.gov.uk"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert page_text(known.content, "member@") == page_text(unknown.content, "nobody@")
    assert len(mail.outbox) == 1


def test_the_link_signs_in_only_after_the_button(client, member):
    client.post("/sign-in/", {"email": "member@example.gov.uk"})
    link = path_of(link_from(mail.outbox[0]))
    confirm = client.get(link)
    assert confirm.status_code == 200
    assert b"Sign in" in confirm.content
    assert SignInLink.objects.get().used_at is None
    assert client.get("/directory/").status_code == 302
    response = client.post(link)
    assert response.status_code == 302
    assert client.get("/directory/").status_code == 200
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGNED_IN, actor=member).exists()


def test_a_used_link_shows_a_clear_page(client, member):
    client.post("/sign-in/", {"email": "member@example.gov.uk"})
    link = path_of(link_from(mail.outbox[0]))
    client.post(link)
    client.post("/sign-out/")
    response = client.post(link)
    assert response.status_code == 410
    assert b"already been used" in response.content
    assert b"Ask for a new sign-in link" in response.content
    assert client.get("/directory/").status_code == 302


def test_an_expired_link_shows_a_clear_page(client, member, clock):
    client.post("/sign-in/", {"email": "member@example.gov.uk"})
    link = path_of(link_from(mail.outbox[0]))
    clock.shift(16 * 60)
    response = client.get(link)
    assert response.status_code == 410
    assert b"has expired" in response.content
    assert client.post(link).status_code == 410
    assert client.get("/directory/").status_code == 302


@pytest.mark.parametrize("token", ["tampered", "x" * 500, "a" * 43, "%3Cscript%3E"])
def test_a_tampered_link_shows_a_clear_page(client, member, token):
    response = client.get(f"/sign-in/link/{token}/")
    assert response.status_code == 404
    assert b"is not valid" in response.content
    assert b"<script>" not in response.content
    assert client.post(f"/sign-in/link/{token}/").status_code == 404
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED).count() == 1


def test_a_deactivated_user_gets_no_link(client, member):
    member.is_active = False
    member.save()
    client.post("/sign-in/", {"email": "member@example.gov.uk"})
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", b"Enter your work e-mail address"),
        ("not-an-email", b"Enter an e-mail address in the correct format"),
        ("a" * 250 + "@example.gov.uk", b"254 characters or fewer"),
    ],
)
def test_bad_addresses_get_a_clear_error(client, member, email, message):
    response = client.post("/sign-in/", {"email": email})
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert message in response.content
    assert b'href="#id_email"' in response.content
    assert mail.outbox == []


def test_it_rejects_a_post_without_csrf(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/sign-in/", {"email": "member@example.gov.uk"})
    assert response.status_code == 403
    assert b"could not be sent" in response.content
    assert mail.outbox == []


def test_known_and_unknown_addresses_do_the_same_work_in_the_request(client, member, settings):
    """The lookup happens in the background task, so response timing reveals nothing."""
    from django.tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client.post("/sign-in/", {"email": member.email})
    client.post("/sign-in/", {"email": "nobody@example.gov.uk"})
    queued = [(r.task.name, r.kwargs) for r in default_task_backend.results]
    assert queued == [
        ("send_sign_in_link", {"email": member.email}),
        ("send_sign_in_link", {"email": "nobody@example.gov.uk"}),
    ]
    assert not SignInLink.objects.exists()
    assert mail.outbox == []


# One canonical address (ADR 20)


def test_a_look_alike_of_a_known_address_sends_the_link_to_the_stored_address(client, researcher):
    response = client.post("/sign-in/", {"email": "\uff52esearcher@convene.example"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[researcher.email]]
    requested = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN_REQUESTED)
    assert requested.subject_email == researcher.email


def test_a_local_part_that_is_not_ascii_is_refused_naming_the_field_and_sends_nothing(
    client, staff_admin
):
    # "admin" with a dotless i (U+0131): PostgreSQL's UPPER() made it ADMIN, staff_admin's address.
    response = client.post("/sign-in/", {"email": "adm\u0131n@convene.example"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_email"' in page
    assert "uses only the letters a to z, numbers and symbols like . - _ before the @" in page
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_REQUESTED).exists()


def test_a_refused_address_gets_the_same_answer_whether_or_not_it_looks_like_an_account(
    client, staff_admin
):
    like_an_account = client.post("/sign-in/", {"email": "adm\u0131n@convene.example"})
    like_no_account = client.post("/sign-in/", {"email": "nob\u0131dy@convene.example"})
    assert like_an_account.status_code == like_no_account.status_code == 200
    assert page_text(like_an_account.content, "adm\u0131n@") == page_text(
        like_no_account.content, "nob\u0131dy@"
    )


def test_the_sign_in_task_finds_the_account_from_any_spelling(researcher):
    assert active_user_with_email("re\u017fearcher@convene.example") == researcher
    assert active_user_with_email("adm\u0131n@convene.example") is None
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert deliver_sign_in_link("RE\u017fEARCHER@convene.example")
    assert mail.outbox[0].to == [researcher.email]
