"""The digest e-mail: new introductions, new questions one could help with, new leaders
in one's sector or region and one's notices not yet read, daily
or weekly as each member chooses (weekly unless they say otherwise), or never.

Idempotent: a digest is claimed for its person and period (a day, or an ISO week) in the
database before it is sent, so a run repeated, or two runs at once, send it once.
"""

import re
from datetime import datetime, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from convene.accounts.models import AuditEvent, Role, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.mail import absolute_url
from convene.connections.models import Introduction
from convene.connections.services import questions
from convene.directory.models import Profile
from convene.notifications import rendering
from convene.notifications.models import DigestChoice, DigestSent, Notice
from convene.notifications.services import send_templated_email

Frequency = DigestChoice.Frequency
SALT = "convene.notifications.unsubscribe"
LENGTH = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}
MAX_NEW_LEADERS = 10


def frequency_of(user: User) -> str:
    choice = DigestChoice.objects.filter(user=user).first()
    return choice.frequency if choice else Frequency.WEEKLY


def choose_digest(frequency: str, *, actor: User, origin: Origin) -> None:
    """``actor`` chooses how often they get the digest (from its page, or its one-click
    unsubscribe link, where the signed link stands for them)."""
    with transaction.atomic():
        DigestChoice.objects.update_or_create(user=actor, defaults={"frequency": frequency})
        audit.record(
            AuditEvent.Action.DIGEST_CHOSEN, actor=actor, origin=origin, frequency=frequency
        )


def period(frequency: str, now: datetime) -> str:
    day = timezone.localdate(now)
    if frequency == Frequency.DAILY:
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def unsubscribe_token(user: User) -> str:
    return signing.dumps(user.pk, salt=SALT)


def user_of(token: str) -> User | None:
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def contents(user: User, since: datetime) -> dict:
    profile = getattr(user, "profile", None)
    introductions = Introduction.objects.filter(
        recipient=user, created_at__gte=since, status=Introduction.Status.REQUESTED
    ).select_related("requester__profile")
    new_leaders = Profile.objects.none()
    if profile is not None:
        organisation = profile.organisation
        nearby = Q(organisation__sector=organisation.sector_id)
        if organisation.region_id:
            nearby |= Q(organisation__region=organisation.region_id)
        new_leaders = (
            Profile.objects.filter(nearby, user__date_joined__gte=since, user__is_active=True)
            .exclude(pk=profile.pk)
            .select_related("organisation")
            .order_by("-user__date_joined")[:MAX_NEW_LEADERS]
        )
    return {
        "introductions": list(introductions),
        "questions": questions_for(user, since),
        "new_leaders": list(new_leaders),
        "notices": notices_for(user, since),
    }


MAX_NOTICES = 10


def notices_for(user: User, since: datetime) -> list[Notice]:
    """Notices of the period not yet read, but requests to meet: the digest lists those
    already, with the leader's job title."""
    return list(
        Notice.objects.filter(user=user, created_at__gte=since, read_at__isnull=True)
        .exclude(kind=Notice.Kind.INTRODUCTION_REQUESTED)
        .select_related(*rendering.RELATED)[:MAX_NOTICES]
    )


WORD = re.compile(r"[a-z]{5,}")
MAX_QUESTIONS = 5


def questions_for(user: User, since: datetime) -> list:
    """New questions this member may read and could help with: those sharing most words
    with what they can help with and their topics, others' questions only."""
    profile = getattr(user, "profile", None)
    if profile is None:
        return []
    offered = set(WORD.findall(f"{profile.can_help_with} {profile.topics}".lower()))
    recent = questions.visible_to(user).filter(created_at__gte=since).exclude(author=user)

    def overlap(question) -> int:
        return len(offered & set(WORD.findall(question.text.lower())))

    ranked = sorted(recent, key=lambda question: (-overlap(question), -question.pk))
    return [question for question in ranked if overlap(question)][:MAX_QUESTIONS]


def send_digests(now: datetime | None = None) -> int:
    """Send every digest due now; how many were sent. Safe to run as often as wanted:
    weekly digests go out on Mondays, daily ones every day, each once."""
    now = now or timezone.now()
    sent = 0
    chosen = dict(DigestChoice.objects.values_list("user_id", "frequency"))
    for user in User.objects.filter(role=Role.MEMBER, is_active=True).select_related(
        "profile__organisation"
    ):
        frequency = chosen.get(user.pk, Frequency.WEEKLY)
        if frequency == Frequency.OFF:
            continue
        if frequency == Frequency.WEEKLY and timezone.localdate(now).weekday() != 0:
            continue
        if _send_one(user, frequency, now):
            sent += 1
    return sent


def _send_one(user: User, frequency: str, now: datetime) -> bool:
    found = contents(user, now - LENGTH[frequency])
    if not any(found.values()):
        return False
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, period=period(frequency, now), sent_at=now)
    except IntegrityError:
        return False  # already sent for this period
    unsubscribe = absolute_url("notifications:unsubscribe", token=unsubscribe_token(user))
    send_templated_email(
        to=user.email,
        template="notifications/email/digest",
        context={
            "introductions": [
                (i, absolute_url("connections:introduction", introduction_id=i.pk))
                for i in found["introductions"]
            ],
            "new_leaders": [
                (p, absolute_url("directory:profile", profile_id=p.pk))
                for p in found["new_leaders"]
            ],
            "questions": [
                (q, absolute_url("connections:question", question_id=q.pk))
                for q in found["questions"]
            ],
            # Named as the reader's pages name people now (rendering.py).
            "notices": rendering.shown(found["notices"], user, absolute=True),
            "notices_url": absolute_url("notifications:notices"),
            "frequency": Frequency(frequency).label.lower(),
            "unsubscribe": unsubscribe,
            "introductions_url": absolute_url("connections:introductions"),
            "choose_url": absolute_url("notifications:digest"),
            "site": absolute_url("home:home"),
        },
        # Mail clients' own one-click unsubscribe (RFC 8058): a POST, which scanners do not make.
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return True
