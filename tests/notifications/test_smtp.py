"""EMAIL_MODE=smtp: a message reaches a real SMTP server with both its parts."""

import email
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

from convene.notifications.services import send_templated_email


class Inbox(Sink):
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "use_tls": False},
        }
    }
    yield inbox
    controller.stop()


def test_a_message_reaches_the_smtp_server_with_text_and_html(smtp_server):
    send_templated_email(
        to="leader@example.gov.uk",
        template="accounts/email/sign_in_link",
        context={"url": "https://convene.example/sign-in/link/abc/", "minutes": 15},
    )
    [(recipients, message)] = smtp_server.messages
    assert recipients == ["leader@example.gov.uk"]
    assert message["Subject"] == "Your Convene sign-in link"
    parts = {part.get_content_type(): part for part in message.walk()}
    assert (
        "https://convene.example/sign-in/link/abc/"
        in parts["text/plain"].get_payload(decode=True).decode()
    )
    assert "text/html" in parts
