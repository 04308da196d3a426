"""Ask the network: questions to the whole network or an audience, replies, "I have faced
this too" (and taking it back), reports and moderation.

Anonymity: an author may post as a description of themselves ("a chief executive in local
government, North West") only when at least ANONYMITY_THRESHOLD people in the audience
share that description, so that it cannot be traced to them. Staff moderating still see
the author. Only staff ever see who reported what.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from convene.accounts.models import STAFF_ROLES, AuditEvent, Role, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.connections.models import Question, Reply, Report
from convene.directory.models import Profile, Region, Sector
from convene.notifications.models import Notice
from convene.notifications.notices import notify

MAX_TEXT = 2000


class QuestionRefused(ValueError):
    """Why the question, reply or report cannot be posted, for the person posting."""


def description(profile: Profile) -> str:
    """How an anonymous author is shown: role, sector and region, nothing narrower."""
    title = profile.normalised_title.name.lower() if profile.normalised_title else "leader"
    article = "an" if title[0] in "aeiou" else "a"
    organisation = profile.organisation
    place = f", {organisation.region.name}" if organisation.region else ", UK-wide"
    return f"{article} {title} in {organisation.sector.name.lower()}{place}"


def audience(sectors: list[str], regions: list[str], cohort_id: int | None) -> QuerySet:
    """The leaders a question with this audience reaches."""
    people = Profile.objects.filter(user__is_active=True, user__role=Role.MEMBER)
    if sectors:
        people = people.filter(organisation__sector__in=sectors)
    if regions:
        people = people.filter(organisation__region__in=regions)
    if cohort_id:
        people = people.filter(cohorts=cohort_id)
    return people


def sharing_description(profile: Profile, people: QuerySet) -> int:
    """How many in ``people`` would be described as ``profile`` is (themselves included)."""
    organisation = profile.organisation
    return people.filter(
        normalised_title=profile.normalised_title_id,
        organisation__sector=organisation.sector_id,
        organisation__region=organisation.region_id,
    ).count()


def _clean(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise QuestionRefused(f"Write your {what}")
    if len(text) > MAX_TEXT:
        raise QuestionRefused(f"Your {what} must be {MAX_TEXT:,} characters or fewer")
    return text


def _record(action: str, question: Question, *, actor: User, origin: Origin, **detail):
    # The post by id only: the audit log is staff's, who see authors already.
    audit.record(action, actor=actor, origin=origin, question=question.pk, **detail)


def ask_question(
    text: str,
    *,
    actor: User,
    origin: Origin,
    sectors: list[str] = (),
    regions: list[str] = (),
    cohort_id: int | None = None,
    anonymous: bool = False,
) -> Question:
    """``actor`` puts a question to the network or an audience of it."""
    author = actor
    text = _clean(text, "question")
    profile = author.profile
    people = audience(list(sectors), list(regions), cohort_id)
    if anonymous:
        alike = sharing_description(profile, people)
        if alike < settings.ANONYMITY_THRESHOLD:
            raise QuestionRefused(
                f"Too few people in this audience are {description(profile)} "
                f"({alike} of the {settings.ANONYMITY_THRESHOLD} needed) for you to post "
                "without your name: widen the audience, or post with your name"
            )
    with transaction.atomic():
        question = Question.objects.create(
            author=author,
            text=text,
            audience_cohort_id=cohort_id,
            anonymous=anonymous,
            author_description=description(profile),
        )
        question.audience_sectors.set(Sector.objects.filter(code__in=sectors))
        question.audience_regions.set(Region.objects.filter(code__in=regions))
        _record(AuditEvent.Action.QUESTION_ASKED, question, actor=actor, origin=origin)
    return question


def visible_to(user: User) -> QuerySet:
    """Questions this person may read: staff all of them; members those whose audience
    includes them, and their own. Hidden ones only to staff."""
    questions = Question.objects.select_related("author__profile", "audience_cohort")
    if user.role in STAFF_ROLES:
        return questions
    profile = getattr(user, "profile", None)
    if profile is None:
        return questions.none()
    organisation = profile.organisation
    in_region = Q(audience_regions__isnull=True)
    if organisation.region_id:
        in_region |= Q(audience_regions__code=organisation.region_id)
    reaches = (
        (Q(audience_sectors__isnull=True) | Q(audience_sectors__code=organisation.sector_id))
        & in_region
        & (Q(audience_cohort__isnull=True) | Q(audience_cohort__in=profile.cohorts.all()))
    )
    found = questions.filter(reaches | Q(author=user), hidden_at__isnull=True)
    return questions.filter(pk__in=found.values("pk"))


def shown_author(question: Question, viewer: User) -> str:
    if question.anonymous and viewer.role not in STAFF_ROLES:
        described = question.author_description
        return described[:1].upper() + described[1:]
    name = str(question.author.profile)
    if question.anonymous:
        return f"{name} (posted as {question.author_description})"
    return name


def is_anonymous_reply(reply: Reply) -> bool:
    """The anonymous author replying under their own question: the only anonymous reply."""
    question = reply.question
    return question.anonymous and reply.author_id == question.author_id


def shown_replier(reply: Reply, viewer: User) -> str:
    """An anonymous author replying under their own question stays anonymous."""
    if is_anonymous_reply(reply):
        return f"{shown_author(reply.question, viewer)} (who asked)"
    return str(reply.author.profile)


def replier_profile(reply: Reply) -> Profile | None:
    """The profile a reply links to: none for an anonymous reply, whoever reads it (staff
    see the name, but a link would carry the profile's id into every copy of the page),
    and none for a replier who has left, whose profile is no longer listed."""
    if is_anonymous_reply(reply):
        return None
    author = reply.author
    if not author.is_active or author.role != Role.MEMBER:
        return None
    return author.profile


def reply_to_question(question: Question, text: str, *, actor: User, origin: Origin) -> Reply:
    text = _clean(text, "reply")
    with transaction.atomic():
        answer = Reply.objects.create(question=question, author=actor, text=text)
        _record(
            AuditEvent.Action.REPLY_POSTED, question, actor=actor, origin=origin, reply=answer.pk
        )
        if question.author_id != actor.pk:
            # The author learns who replied; repliers are never anonymous.
            notify(question.author, Notice.Kind.QUESTION_REPLIED, question=question, reply=answer)
    return answer


def mark_faced_too(question: Question, *, actor: User, origin: Origin) -> None:
    """``actor`` has faced this challenge too (once, however often they say so)."""
    with transaction.atomic():
        if not question.faced_by.filter(pk=actor.pk).exists():
            question.faced_by.add(actor)
            _record(AuditEvent.Action.FACED_TOO, question, actor=actor, origin=origin)


def take_back_faced_too(question: Question, *, actor: User, origin: Origin) -> None:
    """``actor`` no longer says they have faced this (recorded only if they had said so)."""
    with transaction.atomic():
        if question.faced_by.filter(pk=actor.pk).exists():
            question.faced_by.remove(actor)
            _record(AuditEvent.Action.FACED_TOO_TAKEN_BACK, question, actor=actor, origin=origin)


def report_post(
    question: Question, reason: str, *, actor: User, origin: Origin, reply: Reply | None = None
) -> Report:
    """``actor`` reports the question, or one of its replies, to staff."""
    reason = reason.strip()
    if not reason:
        raise QuestionRefused("Say what is wrong with it")
    with transaction.atomic():
        found = Report.objects.create(
            question=question, reply=reply, reporter=actor, reason=reason[:500]
        )
        _record(
            AuditEvent.Action.POST_REPORTED,
            question,
            actor=actor,
            origin=origin,
            reply=reply.pk if reply else None,
        )
    return found


def hide_post(item: Question | Reply, *, reason: str, actor: User, origin: Origin) -> None:
    """A moderator hides a question or reply, with the reason its author is told; the
    reports on its question are resolved."""
    reason = reason.strip()
    if not reason:
        raise QuestionRefused("Give the reason it is hidden: the author is told it")
    question = item if isinstance(item, Question) else item.question
    with transaction.atomic():
        item.hidden_at = timezone.now()
        item.hidden_reason = reason[:500]
        item.hidden_by = actor
        item.save(update_fields=["hidden_at", "hidden_reason", "hidden_by"])
        Report.objects.filter(question=question, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        _record(AuditEvent.Action.POST_HIDDEN, question, actor=actor, origin=origin, **_which(item))
        notify(item.author, Notice.Kind.POST_HIDDEN, **_which(item, objects=True))


def restore_post(item: Question | Reply, *, actor: User, origin: Origin) -> None:
    """A moderator shows a hidden question or reply again."""
    question = item if isinstance(item, Question) else item.question
    with transaction.atomic():
        item.hidden_at = None
        item.hidden_by = None
        item.save(update_fields=["hidden_at", "hidden_by"])
        _record(
            AuditEvent.Action.POST_RESTORED, question, actor=actor, origin=origin, **_which(item)
        )


def _which(item: Question | Reply, *, objects: bool = False) -> dict:
    """The reply moderated, if it is one: as an id for the audit row, or the object."""
    if isinstance(item, Question):
        return {"question": item} if objects else {}
    return {"reply": item if objects else item.pk}
