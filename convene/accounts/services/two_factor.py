"""Two-factor sign-in: TOTP authenticators (RFC 6238) and single-use recovery codes."""

import hashlib
import secrets
from datetime import timedelta

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from convene.accounts.models import AuditEvent, RecoveryCode, TOTPDevice, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin

# No 0/O or 1/l/I: recovery codes are read off paper and typed by hand.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class TwoFactorLocked(Exception):
    """Too many wrong codes lately; try again later."""


def pending_device(user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator, made with a fresh secret if there is none."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, defaults={"secret": pyotp.random_base32()}
    )
    return device


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


def provisioning_uri(device: TOTPDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.email, issuer_name=settings.TOTP_ISSUER
    )


def qr_code_svg(device: TOTPDevice) -> str:
    """The provisioning URI as an inline SVG: no external request, nothing inline to run."""
    return segno.make(provisioning_uri(device), error="m").svg_inline(
        scale=4, dark="#0b0c0c", light="#ffffff", omitsize=True
    )


def grouped_secret(device: TOTPDevice) -> str:
    return " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4))


def _accepted_step(device: TOTPDevice, code: str) -> int | None:
    """The time step ``code`` belongs to (allowing one step of clock drift), or None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(device.secret)
    now = timezone.now()
    for drift in (0, -1, 1):
        moment = now + timedelta(seconds=30 * drift)
        if secrets.compare_digest(totp.at(moment), code):
            return totp.timecode(moment)
    return None


def _check_not_locked(user: User) -> None:
    window = timezone.now() - timedelta(minutes=settings.TWO_FACTOR_LOCKOUT_MINUTES)
    failures = AuditEvent.objects.filter(
        action=AuditEvent.Action.TWO_FACTOR_FAILED, subject_user=user, created_at__gt=window
    ).count()
    if failures >= settings.TWO_FACTOR_MAX_FAILURES:
        raise TwoFactorLocked


def _record_failure(user: User, origin: Origin, kind: str) -> None:
    audit.record(
        AuditEvent.Action.TWO_FACTOR_FAILED, actor=user, origin=origin, subject=user, kind=kind
    )


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().lower().replace(" ", "").encode()).hexdigest()


def _new_recovery_codes(user: User) -> list[str]:
    codes = [
        "-".join("".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(n)) for n in (4, 4, 2))
        for _ in range(settings.RECOVERY_CODE_COUNT)
    ]
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash(c)) for c in codes)
    return codes


def confirm_device(user: User, code: str, *, origin: Origin) -> list[str] | None:
    """Confirm the pending authenticator with a code from it. Returns the new recovery codes
    (shown once), or None if the code is wrong."""
    _check_not_locked(user)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(user=user, confirmed_at__isnull=True)
        step = _accepted_step(device, code)
        if step is None:
            wrong = True
        else:
            wrong = False
            device.confirmed_at = timezone.now()
            device.last_used_step = step
            device.save(update_fields=["confirmed_at", "last_used_step"])
            codes = _new_recovery_codes(user)
            audit.record(
                AuditEvent.Action.TWO_FACTOR_ENROLLED, actor=user, origin=origin, subject=user
            )
    if wrong:
        _record_failure(user, origin, "enrolment")
        return None
    return codes


def verify_code(user: User, code: str, *, origin: Origin) -> bool:
    """Check a code from the user's authenticator. Each time step's code works once."""
    _check_not_locked(user)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(user=user, confirmed_at__isnull=False)
        step = _accepted_step(device, code)
        accepted = step is not None and step > device.last_used_step
        if accepted:
            device.last_used_step = step
            device.save(update_fields=["last_used_step"])
    if not accepted:
        _record_failure(user, origin, "authenticator")
    return accepted


def use_recovery_code(user: User, code: str, *, origin: Origin) -> int | None:
    """Spend a recovery code. Returns how many remain, or None if the code is not valid."""
    _check_not_locked(user)
    with transaction.atomic():
        spent = RecoveryCode.objects.filter(
            user=user, code_hash=_hash(code), used_at__isnull=True
        ).update(used_at=timezone.now())
        if spent:
            audit.record(
                AuditEvent.Action.TWO_FACTOR_RECOVERY_USED, actor=user, origin=origin, subject=user
            )
    if not spent:
        _record_failure(user, origin, "recovery code")
        return None
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def reset_two_factor(user: User, *, actor: User, origin: Origin) -> None:
    """Remove the authenticator and recovery codes and end the user's sessions, so they
    enrol again at their next sign-in (staff roles must)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
        audit.record(AuditEvent.Action.TWO_FACTOR_RESET, actor=actor, origin=origin, subject=user)
