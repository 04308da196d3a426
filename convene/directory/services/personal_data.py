"""Data rights: everything Convene holds about a person, and erasing it.

The download holds what the person did and what was recorded about them, never a secret
(token hashes, the authenticator's key). Other people appear in it only as the person's
own pages show them: by name, never by their sign-in address (but for the PA the person
gave Convene themselves); an introduction's status as the person sees it (only the one
who declined ever reads "declined"); where and with what browser only for what the
person did themselves, never for what staff or a delegate did.
Erasing removes the person; records others need (the audit log's counts, other people's
profiles) are kept with the person's identity taken out.
"""

import base64

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from convene.accounts.email_addresses import same_address
from convene.accounts.models import (
    AuditEvent,
    Delegation,
    Invitation,
    Role,
    TOTPDevice,
    User,
)
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.connections.services import introductions
from convene.directory.imports.reading import UnreadableFile, read_rows
from convene.directory.models import PeopleImport, ProfileChange
from convene.directory.services import facets
from convene.directory.services.profiles import EDITABLE_FIELDS

ERASED = "[erased]"
ERASABLE_ROLES = (Role.MEMBER, Role.DELEGATE)


class ErasureRefused(ValueError):
    """Why this account cannot be erased, for the staff admin."""


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def _profile(user: User) -> dict | None:
    profile = getattr(user, "profile", None)
    if profile is None:
        return None
    return {
        **{name: getattr(profile, name) for name in EDITABLE_FIELDS},
        "organisation": profile.organisation.name,
        "cohorts": [cohort.name for cohort in profile.cohorts.all()],
        "photo_jpeg_base64": (
            base64.b64encode(bytes(profile.photo.jpeg)).decode()
            if hasattr(profile, "photo")
            else None
        ),
        "roles": [
            {
                "job_title": role.job_title,
                "organisation": role.organisation.name,
                "started_on": _when(role.started_on),
                "ended_on": _when(role.ended_on),
            }
            for role in profile.appointments.select_related("organisation")
        ],
        "history": [
            {
                "when": _when(change.changed_at),
                "by": _who(change.actor, user),
                "changes": change.changes,
            }
            for change in ProfileChange.objects.filter(profile=profile).select_related("actor")
        ],
    }


def _who(actor: User | None, user: User) -> str:
    """Who did something to ``user``'s records, as their own pages name them."""
    if actor is None:
        return "Convene (an import, a job, or a person since removed)"
    if actor.pk == user.pk:
        return "you"
    if actor.role == Role.DELEGATE:
        # The delegate's address is one the leader gave Convene themselves.
        return f"your delegate {actor.email}"
    if actor.role == Role.MEMBER:
        return "another leader"
    return "Convene staff"


def download_own_data(*, actor: User, origin: Origin) -> dict:
    """What Convene holds about ``actor``, for them to download; the download is recorded."""
    with transaction.atomic():
        held = everything_about(actor)
        audit.record(
            AuditEvent.Action.PERSONAL_DATA_DOWNLOADED, actor=actor, origin=origin, subject=actor
        )
    return held


def everything_about(user: User) -> dict:
    """What Convene holds about ``user``, as a JSON-ready dict."""
    events = (
        AuditEvent.objects.filter(Q(subject_user=user) | Q(actor=user))
        .select_related("actor")
        .order_by("created_at")
    )
    return {
        "generated_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "role": user.get_role_display(),
            "active": user.is_active,
            "joined": _when(user.date_joined),
            "two_factor_set_up": TOTPDevice.objects.filter(
                user=user, confirmed_at__isnull=False
            ).exists(),
        },
        "profile": _profile(user),
        "delegates": [
            {"delegate": d.delegate.email, "from": _when(d.created_at), "to": _when(d.revoked_at)}
            for d in Delegation.objects.filter(leader=user).select_related("delegate")
        ],
        "acting_for": [
            {"leader": str(d.leader), "from": _when(d.created_at), "to": _when(d.revoked_at)}
            for d in Delegation.objects.filter(delegate=user).select_related("leader")
        ],
        "invitations": [
            {"sent": _when(i.created_at), "accepted": _when(i.accepted_at), "role": i.role}
            for i in Invitation.objects.filter(email=user.email)
        ],
        **_network(user),
        "activity": [_activity(event, user) for event in events],
    }


def _activity(event: AuditEvent, user: User) -> dict:
    by_you = event.actor_id == user.pk
    return {
        "when": _when(event.created_at),
        "what": event.get_action_display(),
        "by": _who(event.actor, user),
        # Where from and with what: the person's own, never another's.
        **({"ip_address": event.ip_address, "browser": event.user_agent} if by_you else {}),
    }


def _network(user: User) -> dict:
    """What they did in the network: introductions, questions, replies, notices, choices."""
    from convene.connections.models import HiddenSuggestion, Question, Reply
    from convene.notifications import rendering
    from convene.notifications.models import DigestChoice, Notice

    choice = DigestChoice.objects.filter(user=user).first()
    return {
        "introductions": [
            _introduction(introduction, user)
            for introduction in introductions.of_member(user).select_related("brokered_by")
        ],
        "questions": [
            {"text": q.text, "without_name": q.anonymous, "posted": _when(q.created_at)}
            for q in Question.objects.filter(author=user)
        ],
        "replies": [
            {"question": r.question.text, "text": r.text, "posted": _when(r.created_at)}
            for r in Reply.objects.filter(author=user).select_related("question")
        ],
        # Notices store no text: each is rendered as the person's notices page shows it.
        "notices": [
            {"text": rendering.text_of(n, user), "when": _when(n.created_at)}
            for n in Notice.objects.filter(user=user).select_related(*rendering.RELATED)
        ],
        "digest": choice.frequency if choice else "weekly",
        "hidden_suggestions": list(
            HiddenSuggestion.objects.filter(member=user).values_list(
                "profile__given_name", "profile__family_name"
            )
        ),
    }


def _introduction(introduction, user: User) -> dict:
    """One introduction as the person's introduction page shows it."""
    asked = introduction.requester_id == user.pk
    other = introduction.recipient if asked else introduction.requester
    if introduction.brokered_by_id:
        how = "suggested by Convene"
    else:
        how = "you asked" if asked else "they asked"
    # When it was answered is shown for an introduction made, and to the one who
    # declined: to anyone else a decline has no moment.
    answered = introduction.status == introduction.Status.ACCEPTED or introduction.declined_by(user)
    return {
        "with": str(getattr(other, "profile", None) or other),
        "how": how,
        "reason": introduction.reason,
        "status": introductions.shown_status(introduction, user),
        "asked": _when(introduction.created_at),
        "answered": _when(introduction.responded_at) if answered else None,
    }


def erase(user: User, *, actor: User, origin: Origin) -> None:
    """Remove ``user`` and what names them; record the erasure without naming them."""
    if user.pk == actor.pk:
        raise ErasureRefused("You cannot erase your own account")
    if user.role not in ERASABLE_ROLES:
        raise ErasureRefused(
            "Only members and delegates can be erased: deactivate a staff account instead"
        )
    email, account_id, role = user.email, user.pk, user.role
    with transaction.atomic():
        _anonymise_audit_log(user, email)
        Invitation.objects.filter(email=email).delete()
        _forget_in_imports(email)
        # The profile, its history, cohort places, delegations, sign-in links and the
        # authenticator all go with the account (their foreign keys cascade).
        user.delete()
        facets.changed()
        audit.record(
            AuditEvent.Action.MEMBER_ERASED,
            actor=actor,
            origin=origin,
            account=account_id,
            role=role,
        )


def _anonymise_audit_log(user: User, email: str) -> None:
    """Keep each event (what happened, when: the counts) but not who it was or where from.

    Addresses are stored canonical (ADR 20: sign-in, invitations, migration 0004), so
    equality finds the rows recorded under any look-alike; the detail's mentions, written
    by anyone, are compared as canonical forms too.
    """
    events = AuditEvent.objects.filter(
        Q(subject_user=user) | Q(actor=user) | Q(subject_email=email)
    )
    for event in events:
        event.subject_email = ""
        event.ip_address = None
        event.user_agent = ""
        if isinstance(event.detail, dict):
            event.detail = {
                key: ERASED if isinstance(value, str) and same_address(value, email) else value
                for key, value in event.detail.items()
            }
        event.save(update_fields=["subject_email", "ip_address", "user_agent", "detail"])


def _forget_in_imports(email: str) -> None:
    """Files uploaded but not imported, and their reports, may name the person: those that
    do are deleted (staff upload them again). Finished imports keep only counts."""
    for people_import in PeopleImport.objects.exclude(status=PeopleImport.Status.IMPORTED):
        if email in str(people_import.report).lower() or _file_names(people_import, email):
            people_import.delete()


def _file_names(people_import: PeopleImport, email: str) -> bool:
    if not people_import.content:
        return False
    try:
        rows = read_rows(bytes(people_import.content), people_import.file_format)
    except UnreadableFile:
        return False
    return any(same_address(row.values.get("email", ""), email) for row in rows)
