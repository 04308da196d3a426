"""How many people a user may download: per file, and different people in any 24 hours
(docs/decisions/0022-export-limits-per-day-and-no-store.md). Staff admins are not limited.

The daily limit counts people, not files: one row per downloader and person
(ExportedPerson), its time moved on when they are downloaded again, so a person counts
once and stops counting 24 hours after they were last downloaded.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Max, Min

from convene.accounts.models import AuditEvent, Role, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.mail import absolute_url, send_after_commit
from convene.directory.models import ExportedPerson
from convene.notifications.models import Notice
from convene.notifications.notices import notify

WINDOW = timedelta(hours=24)


def file_limit(user: User) -> int | None:
    """The most people one download may hold (None: everyone)."""
    return None if user.role == Role.STAFF_ADMIN else settings.DIRECTORY_EXPORT_MAX_PEOPLE


def daily_limit(user: User) -> int | None:
    """The most different people downloaded in any 24 hours (None: no limit)."""
    return None if user.role == Role.STAFF_ADMIN else settings.DIRECTORY_EXPORT_PEOPLE_PER_DAY


@dataclass(frozen=True)
class Allowance:
    limit: int | None
    used: int = 0
    # When the earliest of the people counted stops counting, and when the last one does.
    first_frees_at: datetime | None = None
    all_free_at: datetime | None = None

    @property
    def left(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)


class DailyLimitReached(Exception):
    """The download would take the user past the daily limit; nothing was downloaded."""

    def __init__(self, allowance: Allowance, new_people: int):
        super().__init__(f"{new_people} new people asked for, {allowance.left} left")
        self.allowance = allowance
        self.new_people = new_people


def _counted(user: User, now: datetime):
    return ExportedPerson.objects.filter(exported_by=user, exported_at__gt=now - WINDOW)


def allowance(user: User, now: datetime) -> Allowance:
    limit = daily_limit(user)
    if limit is None:
        return Allowance(limit=None)
    counted = _counted(user, now).aggregate(
        used=Count("pk"), first=Min("exported_at"), last=Max("exported_at")
    )
    if not counted["used"]:
        return Allowance(limit=limit)
    return Allowance(
        limit=limit,
        used=counted["used"],
        first_frees_at=counted["first"] + WINDOW,
        all_free_at=counted["last"] + WINDOW,
    )


def spend(user: User, profile_ids: list[int], *, now: datetime) -> int:
    """Count ``profile_ids`` against the user's daily limit. Returns how many of them were
    not already counted; raises DailyLimitReached, counting none, if those do not fit.

    Run it inside the download's transaction with the user's row locked
    (select_for_update), so that two downloads at once are counted one after the other.
    """
    limit = daily_limit(user)
    if limit is None:
        return len(profile_ids)
    ExportedPerson.objects.filter(exported_by=user, exported_at__lte=now - WINDOW).delete()
    already = _counted(user, now).filter(profile_id__in=profile_ids).count()
    new_people = len(profile_ids) - already
    left = allowance(user, now)
    if new_people > left.left:
        raise DailyLimitReached(left, new_people)
    ExportedPerson.objects.bulk_create(
        [ExportedPerson(exported_by=user, profile_id=pk, exported_at=now) for pk in profile_ids],
        update_conflicts=True,
        unique_fields=["exported_by", "profile"],
        update_fields=["exported_at"],
    )
    return new_people


def record_refusal(
    user: User, refusal: DailyLimitReached, detail: dict, *, now: datetime, origin: Origin
) -> None:
    """The refusal's audit row; the first refusal in 24 hours also tells every staff admin
    (a notice and an e-mail naming the user, never whom they tried to download)."""
    told = AuditEvent.objects.filter(
        action=AuditEvent.Action.PEOPLE_EXPORT_REFUSED,
        subject_email=user.email,
        created_at__gt=now - WINDOW,
        detail__staff_told=True,
    ).exists()
    audit.record(
        AuditEvent.Action.PEOPLE_EXPORT_REFUSED,
        actor=user,
        origin=origin,
        subject=user,
        new_people=refusal.new_people,
        left=refusal.allowance.left,
        staff_told=not told,
        **detail,
    )
    if not told:
        _tell_staff(user)


def _tell_staff(user: User) -> None:
    context = {
        "who": user,
        "role": user.get_role_display().lower(),
        "limit": settings.DIRECTORY_EXPORT_PEOPLE_PER_DAY,
        "url": absolute_url("accounts:staff_user", user_id=user.pk),
    }
    for admin in User.objects.filter(role=Role.STAFF_ADMIN, is_active=True):
        notify(admin, Notice.Kind.EXPORT_LIMIT_REACHED, person=user)
        send_after_commit(admin.email, "directory/email/export_limit", context)
