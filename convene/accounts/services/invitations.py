"""Invitations: the only way in. Staff invite people; a leader invites their PA."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from convene.accounts.email_addresses import EmailRefused, canonical_email
from convene.accounts.models import AuditEvent, Delegation, Invitation, Role, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.links import (
    LinkProblem,
    LinkRefused,
    hash_of,
    refuse_unless_open,
)
from convene.accounts.services.mail import absolute_url, send_after_commit
from convene.core.tokens import new_token
from convene.directory.models import Organisation
from convene.directory.services import profiles


class InvitationError(ValueError):
    """A reason the invitation cannot be sent, for the person sending it; ``field`` names
    the form field it is about."""

    def __init__(self, message: str, *, field: str = "email"):
        super().__init__(message)
        self.field = field


def profile_problems(
    role: str, full_name: str, organisation: Organisation | None, job_title: str
) -> dict[str, str]:
    """What stops the invitation saying what a profile needs, by field. A member's profile
    is created when they accept; no other role has one."""
    if role != Role.MEMBER:
        return {
            field: f"Only a member has {noun}: leave it blank"
            for field, noun, given in [
                ("organisation", "an organisation", organisation is not None),
                ("job_title", "a job title", bool(job_title.strip())),
            ]
            if given
        }
    problems = {}
    if not profiles.split_full_name(full_name)[1]:
        problems["full_name"] = "Enter the member's full name: their first and last names"
    if organisation is None:
        problems["organisation"] = "Enter the member's organisation"
    if not job_title.strip():
        problems["job_title"] = "Enter the member's job title"
    return problems


def invite(
    email: str,
    *,
    role: str,
    actor: User,
    origin: Origin,
    full_name: str = "",
    delegate_for: User | None = None,
    organisation: Organisation | None = None,
    job_title: str = "",
) -> Invitation:
    """Invite ``email`` as ``role``. Any earlier open invitation to the address is replaced.
    A member's invitation names their organisation and job title, for their profile.

    The address is kept, compared and sent to in its canonical form (ADR 20), so a
    look-alike of an account's address "already has an account".
    """
    try:
        email = canonical_email(email)
    except EmailRefused as refused:
        raise InvitationError(refused.message, field="email") from None
    if role not in Role.values:
        raise InvitationError(f"{role!r} is not a role.", field="role")
    for name, problem in profile_problems(role, full_name, organisation, job_title).items():
        raise InvitationError(problem, field=name)
    if User.objects.filter(email=email).exists():
        raise InvitationError(f"{email} already has an account.")
    token, token_hash = new_token()
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(
            email=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation = Invitation.objects.create(
            email=email,
            full_name=full_name.strip(),
            role=role,
            token_hash=token_hash,
            invited_by=actor,
            delegate_for=delegate_for,
            organisation=organisation,
            job_title=job_title.strip(),
            expires_at=now + timedelta(days=settings.INVITATION_EXPIRY_DAYS),
        )
        audit.record(
            AuditEvent.Action.INVITATION_SENT,
            actor=actor,
            origin=origin,
            email=email,
            role=role,
            delegate_for=delegate_for.email if delegate_for else None,
            organisation=organisation.name if organisation else None,
            job_title=invitation.job_title or None,
        )
        send_after_commit(
            email,
            "accounts/email/invitation",
            {
                "invitation": invitation,
                "inviter": actor,
                "url": absolute_url("accounts:invitation", token=token),
                "days": settings.INVITATION_EXPIRY_DAYS,
            },
        )
    return invitation


@dataclass
class BulkResult:
    invited: list[str] = field(default_factory=list)
    # (line number, the text on the line, the reason it was not invited)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)


def parse_invitation_list(text: str) -> tuple[list[tuple[str, str]], list[tuple[int, str, str]]]:
    """Read "email" or "email, full name" lines. Returns (good rows, rejected rows)."""
    rows: list[tuple[str, str]] = []
    rejected: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        email, _, name = (part.strip() for part in line.partition(","))
        try:
            email = canonical_email(email)
        except EmailRefused as refused:
            rejected.append((number, line.strip(), refused.reason))
            continue
        if len(name) > 200:
            rejected.append((number, line.strip(), "is too long"))
        elif email in seen:
            rejected.append((number, line.strip(), "appears more than once in the list"))
        elif User.objects.filter(email=email).exists():
            rejected.append((number, line.strip(), "already has an account"))
        else:
            seen.add(email)
            rows.append((email, name))
    return rows, rejected


def invite_many(text: str, *, role: str, actor: User, origin: Origin) -> BulkResult:
    """Invite every good line, or none if any line is bad: the sender fixes the list and resends.
    Not members: each needs an organisation and job title, which the people import matches
    and checks line by line (docs/decisions/0025)."""
    if role == Role.MEMBER:
        raise InvitationError(
            "Add members through the people import, which sets up their profiles", field="role"
        )
    rows, rejected = parse_invitation_list(text)
    result = BulkResult(rejected=rejected)
    if rejected or not rows:
        return result
    with transaction.atomic():
        for email, name in rows:
            invite(email, role=role, actor=actor, origin=origin, full_name=name)
            result.invited.append(email)
    return result


def find_invitation(token: str) -> Invitation:
    return _open(Invitation.objects.filter(token_hash=hash_of(token)).first())


def _open(invitation: Invitation | None) -> Invitation:
    refuse_unless_open(
        exists=invitation is not None and invitation.revoked_at is None,
        used=invitation is not None and invitation.accepted_at is not None,
        expired=invitation is not None and invitation.is_expired,
    )
    return invitation


def accept_invitation(token: str, *, origin: Origin) -> User:
    """Create the invited user (with their profile, for a member; their delegation, for a
    PA). Only once per invitation."""
    with transaction.atomic():
        invitation = _open(
            # Only the invitation is locked (PostgreSQL locks no outer join's nullable side).
            Invitation.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .filter(token_hash=hash_of(token))
            .first()
        )
        # Stored addresses are canonical (invite, migration 0004): equality is enough.
        if User.objects.filter(email=invitation.email).exists():
            raise LinkRefused(LinkProblem.USED)
        if invitation.role == Role.MEMBER and invitation.organisation is None:
            # Sent before invitations named an organisation (migration 0004 revokes those).
            raise LinkRefused(LinkProblem.INVALID)
        user = User.objects.create_user(
            invitation.email, role=invitation.role, full_name=invitation.full_name
        )
        if invitation.role == Role.MEMBER:
            given_name, family_name = profiles.split_full_name(invitation.full_name)
            profiles.create_profile(
                user,
                organisation=invitation.organisation,
                job_title=invitation.job_title,
                given_name=given_name,
                family_name=family_name,
                actor=invitation.invited_by,
                origin=origin,
            )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        audit.record(AuditEvent.Action.INVITATION_ACCEPTED, actor=user, origin=origin, subject=user)
        if invitation.delegate_for is not None and invitation.delegate_for.is_active:
            Delegation.objects.create(leader=invitation.delegate_for, delegate=user)
            audit.record(
                AuditEvent.Action.DELEGATE_ADDED,
                actor=user,
                origin=origin,
                subject=invitation.delegate_for,
                delegate=user.email,
            )
    return user


def revoke_invitation(invitation: Invitation, *, actor: User, origin: Origin) -> None:
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(
            AuditEvent.Action.INVITATION_REVOKED, actor=actor, origin=origin, email=invitation.email
        )
