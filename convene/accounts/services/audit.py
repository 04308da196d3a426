"""The audit log: who did what, to whom, when and from where."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from convene.accounts.models import AuditEvent, User


@dataclass(frozen=True)
class Origin:
    """Where a request came from; ``Origin()`` for the command line and background jobs."""

    ip_address: str | None = None
    user_agent: str = ""


def origin_of(request: HttpRequest) -> Origin:
    return Origin(
        ip_address=client_ip(request), user_agent=request.headers.get("User-Agent", "")[:300]
    )


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, trusting only as many X-Forwarded-For hops as we have proxies."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def record(
    action: str,
    *,
    actor: User | None,
    origin: Origin,
    subject: User | None = None,
    email: str = "",
    **detail,
) -> AuditEvent:
    return AuditEvent.objects.create(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        subject_user=subject,
        subject_email=(email or (subject.email if subject else "")).lower(),
        detail=detail,
        ip_address=origin.ip_address,
        user_agent=origin.user_agent,
    )
