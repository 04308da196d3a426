"""Send Django e-mail through GOV.UK Notify.

Notify sends from a template made in its dashboard; Convene's template there has two
placeholders, ((subject)) and ((body)), and we pass the plain-text part as the body
(Notify renders its own HTML from it, so every message still has a plain-text part).
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

logger = logging.getLogger(__name__)


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, *, api_key: str, template_id: str, **kwargs):
        super().__init__(**kwargs)
        self.client = NotificationsAPIClient(api_key)
        self.template_id = template_id

    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages:
            for recipient in message.recipients():
                try:
                    self.client.send_email_notification(
                        email_address=recipient,
                        template_id=self.template_id,
                        personalisation={"subject": message.subject, "body": message.body},
                    )
                except HTTPError:
                    # The task fails and is recorded as failed; the worker can retry it.
                    logger.exception("GOV.UK Notify refused a message")
                    raise
                sent += 1
        return sent
