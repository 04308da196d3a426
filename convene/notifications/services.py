"""E-mail: every message has a plain-text part and an HTML part, and is sent in the background."""

from django.tasks import DEFAULT_TASK_QUEUE_NAME
from django.template.loader import render_to_string

from convene.notifications.tasks import send_email


def render_email(template: str, context: dict) -> tuple[str, str, str]:
    """Render ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html``."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    return subject, text, html


def send_templated_email(
    *,
    to: str,
    template: str,
    context: dict,
    headers: dict[str, str] | None = None,
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
) -> None:
    """Render and enqueue; bulk mail names another queue, so as not to delay sign-in links."""
    subject, text, html = render_email(template, context)
    send_email.using(queue_name=queue_name).enqueue(
        to=to, subject=subject, text=text, html=html, headers=headers
    )
