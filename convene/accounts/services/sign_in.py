"""Magic-link sign-in: request a link, check it, spend it."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from convene.accounts import tasks
from convene.accounts.email_addresses import EmailRefused, canonical_email
from convene.accounts.models import AuditEvent, SignInLink, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.links import LinkRefused, hash_of, refuse_unless_open
from convene.accounts.services.mail import absolute_url, send_after_commit
from convene.accounts.services.rate_limits import RateLimited, check_sign_in_rate
from convene.core.tokens import hash_token, new_token

# The name other modules (delegates) still import; the one rule is canonical_email (ADR 20).
normalise_email = canonical_email


def active_user_with_email(email: str) -> User | None:
    """The active account with this address, however it is spelt; None for a refused one."""
    try:
        email = canonical_email(email)
    except EmailRefused:
        return None
    return User.objects.filter(email=email, is_active=True).first()


def request_sign_in_link(email: str, *, origin: Origin) -> None:
    """Send a link if the address belongs to an active user. Says nothing either way.

    Raises RateLimited (and sends nothing) once this address or client asked too often,
    and EmailRefused for what cannot be an address (the form says so first). Every
    spelling of one address is counted, recorded and looked up as its canonical form.
    """
    email = canonical_email(email)
    try:
        check_sign_in_rate(email=email, ip_address=origin.ip_address)
    except RateLimited:
        audit.record(AuditEvent.Action.SIGN_IN_RATE_LIMITED, actor=None, origin=origin, email=email)
        raise
    # The request does the same work whether or not the address is known, so neither
    # the answer nor its timing says which; the lookup and e-mail happen in the task.
    with transaction.atomic():
        audit.record(AuditEvent.Action.SIGN_IN_REQUESTED, actor=None, origin=origin, email=email)
        transaction.on_commit(lambda: tasks.send_sign_in_link.enqueue(email=email))


def deliver_sign_in_link(email: str) -> bool:
    """Create a link and e-mail it, if ``email`` belongs to an active user (background task)."""
    user = active_user_with_email(email)
    if user is None:
        return False
    with transaction.atomic():
        token = _create_link(user, _normal_lifetime())
        send_after_commit(
            user.email,
            "accounts/email/sign_in_link",
            {
                "user": user,
                "url": absolute_url("accounts:sign_in_link", token=token),
                "minutes": settings.SIGN_IN_LINK_MINUTES,
            },
        )
    return True


def issue_sign_in_link(
    user: User, *, actor: User | None, origin: Origin, lifetime: timedelta | None = None
) -> str:
    """A link for staff to pass on by hand (``manage.py signin_link``). Returns its URL.

    It lasts SIGN_IN_LINK_MINUTES unless ``lifetime`` says otherwise (the demo's start-up
    links, DEMO_SIGN_IN_LINK_HOURS); the audit row records how long.
    """
    lifetime = lifetime or _normal_lifetime()
    with transaction.atomic():
        token = _create_link(user, lifetime)
        audit.record(
            AuditEvent.Action.SIGN_IN_LINK_ISSUED,
            actor=actor,
            origin=origin,
            subject=user,
            minutes=int(lifetime.total_seconds() // 60),
        )
    return absolute_url("accounts:sign_in_link", token=token)


def _normal_lifetime() -> timedelta:
    return timedelta(minutes=settings.SIGN_IN_LINK_MINUTES)


def _create_link(user: User, lifetime: timedelta) -> str:
    token, token_hash = new_token()
    SignInLink.objects.create(
        user=user, token_hash=token_hash, expires_at=timezone.now() + lifetime
    )
    return token


def find_link(token: str) -> SignInLink:
    """The link for ``token`` if it can still be used; otherwise LinkRefused saying why."""
    link = SignInLink.objects.select_related("user").filter(token_hash=hash_of(token)).first()
    return _usable(link)


def _usable(link: SignInLink | None) -> SignInLink:
    refuse_unless_open(
        exists=link is not None and link.user.is_active,
        used=link is not None and link.used_at is not None,
        expired=link is not None and link.is_expired,
    )
    return link


def spend_link(token: str, *, origin: Origin) -> User:
    """Use a link once. Two requests racing for the same link: only one wins."""
    try:
        with transaction.atomic():
            link = _usable(
                SignInLink.objects.select_for_update()
                .select_related("user")
                .filter(token_hash=hash_of(token))
                .first()
            )
            link.used_at = timezone.now()
            link.save(update_fields=["used_at"])
            audit.record(
                AuditEvent.Action.SIGNED_IN, actor=link.user, origin=origin, subject=link.user
            )
    except LinkRefused as refusal:
        # Recorded outside the rolled-back transaction so the failure is kept.
        failed = SignInLink.objects.filter(token_hash=hash_token(token or "")).first()
        audit.record(
            AuditEvent.Action.SIGN_IN_FAILED,
            actor=None,
            origin=origin,
            subject=failed.user if failed else None,
            reason=refusal.problem.value,
        )
        raise
    return link.user
