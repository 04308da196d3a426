"""Suggestions a member hid: hiding one, showing it again, and the list of them.

Hiding is undone as easily as it is done: the home page offers "Undo" straight after, and
lists the leaders hidden, each with "Show again". Both ways are audited.
"""

from django.db import transaction

from convene.accounts.models import AuditEvent, Role, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.connections.models import HiddenSuggestion
from convene.directory.models import Profile


def hide_suggestion(profile: Profile, *, actor: User, origin: Origin) -> None:
    """``actor`` asks not to be suggested ``profile`` again."""
    with transaction.atomic():
        _, hidden = HiddenSuggestion.objects.get_or_create(member=actor, profile=profile)
        if hidden:
            audit.record(
                AuditEvent.Action.SUGGESTION_HIDDEN, actor=actor, origin=origin, profile=profile.pk
            )


def restore_suggestion(profile: Profile, *, actor: User, origin: Origin) -> None:
    """``actor`` may be suggested ``profile`` again (recorded only if they had hidden it)."""
    with transaction.atomic():
        removed, _ = HiddenSuggestion.objects.filter(member=actor, profile=profile).delete()
        if removed:
            audit.record(
                AuditEvent.Action.SUGGESTION_RESTORED,
                actor=actor,
                origin=origin,
                profile=profile.pk,
            )


def hidden_by(member: User) -> list[Profile]:
    """The leaders ``member`` hid, newest first; not those who have left, who are suggested
    to no one and whose profiles are no longer listed."""
    hidden = (
        HiddenSuggestion.objects.filter(
            member=member, profile__user__is_active=True, profile__user__role=Role.MEMBER
        )
        .select_related("profile__organisation")
        .order_by("-hidden_at", "-pk")
    )
    return [row.profile for row in hidden]
