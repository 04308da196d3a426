"""Identity e-mails: rendered here, sent by a background task after the transaction commits."""

from django.conf import settings
from django.db import transaction
from django.tasks import DEFAULT_TASK_QUEUE_NAME
from django.urls import reverse

from convene.notifications.services import send_templated_email


def absolute_url(path_name: str, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(path_name, kwargs=kwargs)


def send_after_commit(
    to: str, template: str, context: dict, *, queue_name: str = DEFAULT_TASK_QUEUE_NAME
) -> None:
    transaction.on_commit(
        lambda: send_templated_email(
            to=to, template=template, context=context, queue_name=queue_name
        )
    )
