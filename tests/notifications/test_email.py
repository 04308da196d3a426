from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from notifications_python_client.errors import HTTPError

from convene.notifications.backends import NotifyEmailBackend
from convene.notifications.services import send_templated_email


def test_every_message_has_a_plain_text_and_an_html_part():
    send_templated_email(
        to="someone@example.gov.uk",
        template="accounts/email/sign_in_link",
        context={"url": "https://convene.example/sign-in/link/abc/", "minutes": 15},
    )
    message = mail.outbox[0]
    assert message.subject == "Your Convene sign-in link"
    assert "https://convene.example/sign-in/link/abc/" in message.body
    assert "<" not in message.body
    html, content_type = message.alternatives[0]
    assert content_type == "text/html"
    assert 'href="https://convene.example/sign-in/link/abc/"' in html


def test_names_are_escaped_in_html_but_plain_in_text():
    send_templated_email(
        to="someone@example.gov.uk",
        template="accounts/email/invitation",
        context={
            "inviter": "<b>Ada</b> & co",
            "invitation": {"delegate_for": None},
            "url": "https://convene.example/invitations/x/",
            "days": 14,
        },
    )
    message = mail.outbox[0]
    assert "<b>Ada</b> & co" in message.body
    assert "&lt;b&gt;Ada&lt;/b&gt; &amp; co" in message.alternatives[0][0]


@pytest.fixture
def notify():
    with mock.patch(
        "convene.notifications.backends.NotificationsAPIClient", autospec=True
    ) as client_class:
        backend = NotifyEmailBackend(api_key="key-" + "0" * 70, template_id="template-1")
        yield backend, client_class.return_value


def test_notify_sends_each_recipient_the_subject_and_plain_text(notify):
    backend, client = notify
    message = EmailMultiAlternatives("Hello", "Plain body", "from@example.gov.uk", ["a@x.gov.uk"])
    message.attach_alternative("<p>HTML</p>", "text/html")
    assert backend.send_messages([message]) == 1
    client.send_email_notification.assert_called_once_with(
        email_address="a@x.gov.uk",
        template_id="template-1",
        personalisation={"subject": "Hello", "body": "Plain body"},
    )


def test_notify_refusals_fail_the_send_so_the_task_is_marked_failed(notify):
    backend, client = notify
    client.send_email_notification.side_effect = HTTPError(message="rejected")
    message = EmailMultiAlternatives("Hello", "Body", "from@example.gov.uk", ["a@x.gov.uk"])
    with pytest.raises(HTTPError):
        backend.send_messages([message])
