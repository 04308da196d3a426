"""Signed-in sessions: start, idle and absolute limits, sign out (here or everywhere)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login, logout
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from convene.accounts.models import AuditEvent, TOTPDevice, User
from convene.accounts.services import audit
from convene.accounts.services.audit import origin_of

EPOCH_KEY = "convene_epoch"
SIGNED_IN_AT_KEY = "convene_signed_in_at"
LAST_SEEN_KEY = "convene_last_seen"
TWO_FACTOR_KEY = "convene_two_factor_done"
# Writing the session on every request costs a database write; a minute's precision will do.
LAST_SEEN_RESOLUTION = timedelta(seconds=60)


def start_session(request: HttpRequest, user: User) -> None:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    now = timezone.now().timestamp()
    request.session[EPOCH_KEY] = user.session_epoch
    request.session[SIGNED_IN_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now
    # Only users who need or have an authenticator have a second step to pass.
    has_device = TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()
    request.session[TWO_FACTOR_KEY] = not (user.needs_two_factor or has_device)


def mark_two_factor_done(request: HttpRequest) -> None:
    # A new session key at each step up in privilege, against session fixation.
    request.session.cycle_key()
    request.session[TWO_FACTOR_KEY] = True


def two_factor_done(request: HttpRequest) -> bool:
    return bool(request.session.get(TWO_FACTOR_KEY))


def expiry_reason(request: HttpRequest) -> str | None:
    """Why this signed-in session must end now ('idle', 'expired', 'ended'), or None."""
    session = request.session
    now = timezone.now().timestamp()
    if session.get(EPOCH_KEY) != request.user.session_epoch:
        return "ended"
    if now - session.get(SIGNED_IN_AT_KEY, 0) > settings.SESSION_MAX_HOURS * 3600:
        return "expired"
    if now - session.get(LAST_SEEN_KEY, 0) > settings.SESSION_IDLE_MINUTES * 60:
        return "idle"
    return None


def touch(request: HttpRequest) -> None:
    now = timezone.now().timestamp()
    if now - request.session.get(LAST_SEEN_KEY, 0) >= LAST_SEEN_RESOLUTION.total_seconds():
        request.session[LAST_SEEN_KEY] = now


def end_session(request: HttpRequest, *, reason: str) -> None:
    user = request.user
    action = (
        AuditEvent.Action.SIGNED_OUT
        if reason == "signed_out"
        else AuditEvent.Action.SESSION_EXPIRED
    )
    audit.record(action, actor=user, origin=origin_of(request), subject=user, reason=reason)
    logout(request)


def sign_out_everywhere(request: HttpRequest) -> None:
    """End every session of this user, on every device, including this one."""
    user = request.user
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
        audit.record(
            AuditEvent.Action.SIGNED_OUT_EVERYWHERE,
            actor=user,
            origin=origin_of(request),
            subject=user,
        )
    logout(request)
