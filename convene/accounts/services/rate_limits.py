"""Rate limits (sign-in requests, a leader's delegate invitations), counted from the audit
log so every app server sees the same count."""

import math
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from convene.accounts.email_addresses import canonical_email
from convene.accounts.models import AuditEvent


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"Too many sign-in requests; retry after {retry_after} seconds.")
        self.retry_after = retry_after


def seconds_until_free(action: str, *, limit: int, window: timedelta, **match) -> int | None:
    """None if fewer than ``limit`` ``action`` rows matching ``match`` fall in the last
    ``window``; else the seconds until the oldest of them ages out."""
    now = timezone.now()
    recent = list(
        AuditEvent.objects.filter(action=action, created_at__gt=now - window, **match)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return None
    return max(1, math.ceil((recent[-1] + window - now).total_seconds()))


def _sign_in_wait(limit: int, **match) -> int | None:
    window = timedelta(minutes=settings.SIGN_IN_RATE_WINDOW_MINUTES)
    return seconds_until_free(
        AuditEvent.Action.SIGN_IN_REQUESTED, limit=limit, window=window, **match
    )


def check_sign_in_rate(*, email: str, ip_address: str | None) -> None:
    """Raise RateLimited if this address or this client has asked too often.

    The address is counted as its canonical form, the form sign-in requests are recorded
    under, and compared exactly: every look-alike spelling shares one budget (ADR 20).
    """
    email = canonical_email(email)
    waits = [_sign_in_wait(settings.SIGN_IN_RATE_PER_ADDRESS, subject_email=email)]
    if ip_address:
        waits.append(_sign_in_wait(settings.SIGN_IN_RATE_PER_CLIENT, ip_address=ip_address))
    waits = [wait for wait in waits if wait is not None]
    if waits:
        raise RateLimited(max(waits))
