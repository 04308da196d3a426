"""Proposing action-learning sets: 6-8 leaders from a cohort, each set mixing sectors and
regions while its members share challenges (topics), so that peers see one problem from
several sides.

The proposal deals people out by sector (so each set starts mixed), then tries swapping
pairs between sets, keeping a swap when it raises the total score: distinct sectors and
regions in each set, plus pairs of members sharing a topic. It is seeded, so the same
cohort gets the same proposal. The facilitator moves or swaps people before confirming;
confirming makes them the sets' facilitator, joins each set's members in the connection
graph and tells each member (a notice and an e-mail) who is in their set. Reopening makes
the sets proposals again; the graph keeps its edges (ADR 31).
"""

import math
import random
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from convene.accounts.models import AuditEvent, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.accounts.services.mail import absolute_url, send_after_commit
from convene.connections.models import Edge
from convene.connections.services import graph
from convene.core.plurals import counted
from convene.directory.models import Profile
from convene.notifications.models import Notice
from convene.notifications.notices import notify_all
from convene.programmes.models import Cohort, LearningSet
from convene.programmes.services import my_sets

SMALLEST, LARGEST = 6, 8
SWAP_ATTEMPTS = 3000
SHARED_TOPIC_WEIGHT = 0.5


class SetsRefused(ValueError):
    """Why sets cannot be proposed or confirmed, for the facilitator."""


@dataclass(frozen=True)
class Member:
    profile_id: int
    sector: str
    region: str
    topics: frozenset[str]


def member_of(profile: Profile) -> Member:
    """What the proposal weighs about a leader (prefetch ``topic_tags``)."""
    organisation = profile.organisation
    topics = frozenset(topic.name for topic in profile.topic_tags.all())
    return Member(profile.pk, organisation.sector_id, organisation.region_id or "", topics)


def _members(cohort: Cohort) -> list[Member]:
    profiles = (
        Profile.objects.filter(cohorts=cohort, user__is_active=True)
        .select_related("organisation")
        .prefetch_related("topic_tags")
        .order_by("pk")
    )
    return [member_of(profile) for profile in profiles]


def score(group: list[Member]) -> float:
    shared = sum(1 for i, a in enumerate(group) for b in group[i + 1 :] if a.topics & b.topics)
    return (
        len({m.sector for m in group})
        + len({m.region for m in group})
        + SHARED_TOPIC_WEIGHT * shared
    )


def propose_groups(members: list[Member], seed: int = 0) -> list[list[Member]]:
    if len(members) < SMALLEST:
        raise SetsRefused(f"A cohort needs at least {SMALLEST} active members to form a set")
    count = math.ceil(len(members) / LARGEST)
    if len(members) < count * SMALLEST:
        fewer = count - 1
        raise SetsRefused(
            f"{counted(len(members), 'person', 'people')} cannot be split into sets of 6 to 8 "
            f"({counted(fewer, 'set takes', 'sets take')} at most {fewer * LARGEST}, "
            f"{count} at least {count * SMALLEST})"
        )
    by_sector = sorted(members, key=lambda m: (m.sector, m.region, m.profile_id))
    groups: list[list[Member]] = [[] for _ in range(count)]
    for position, member in enumerate(by_sector):
        groups[position % count].append(member)
    rng = random.Random(seed)
    for _ in range(SWAP_ATTEMPTS if count > 1 else 0):
        a, b = rng.sample(range(count), 2)
        i, j = rng.randrange(len(groups[a])), rng.randrange(len(groups[b]))
        before = score(groups[a]) + score(groups[b])
        groups[a][i], groups[b][j] = groups[b][j], groups[a][i]
        if score(groups[a]) + score(groups[b]) < before:
            groups[a][i], groups[b][j] = groups[b][j], groups[a][i]
    return groups


def why(group: list[Member]) -> str:
    """What makes the set: its spread, and the challenges its members share."""
    topics = Counter(topic for member in group for topic in member.topics)
    shared = [topic for topic, n in topics.most_common() if n > 1][:3]
    sectors = len({m.sector for m in group})
    regions = len({m.region for m in group})
    said = f"{sectors} sectors, {regions} regions"
    return f"{said}; shared challenges: {', '.join(shared)}" if shared else said


def _record(action: str, cohort: Cohort, *, actor: User, origin: Origin, **detail) -> None:
    audit.record(action, actor=actor, origin=origin, cohort=cohort.pk, **detail)


def propose_sets(cohort: Cohort, *, actor: User, origin: Origin) -> list[LearningSet]:
    """Replace any unconfirmed proposal for the cohort with a new one."""
    if cohort.learning_sets.filter(confirmed_at__isnull=False).exists():
        raise SetsRefused("This cohort's sets are confirmed already")
    groups = propose_groups(_members(cohort), seed=cohort.pk)
    with transaction.atomic():
        cohort.learning_sets.all().delete()
        made = []
        for number, group in enumerate(groups, start=1):
            learning_set = LearningSet.objects.create(cohort=cohort, number=number)
            learning_set.members.set([m.profile_id for m in group])
            made.append(learning_set)
        _record(
            AuditEvent.Action.LEARNING_SETS_PROPOSED,
            cohort,
            actor=actor,
            origin=origin,
            sets=len(made),
        )
    return made


def move_member(
    cohort: Cohort, profile_id: int, to_set: LearningSet, *, actor: User, origin: Origin
) -> None:
    """Move one member of the cohort into another proposed set."""
    if to_set.cohort_id != cohort.pk or to_set.confirmed_at:
        raise SetsRefused("Choose one of this cohort's proposed sets")
    with transaction.atomic():
        for learning_set in cohort.learning_sets.all():
            learning_set.members.remove(profile_id)
        to_set.members.add(profile_id)
        _record(
            AuditEvent.Action.LEARNING_SET_MEMBER_MOVED,
            cohort,
            actor=actor,
            origin=origin,
            profile=profile_id,
            to_set=to_set.number,
        )


def swap_members(
    cohort: Cohort, first_id: int, second_id: int, *, actor: User, origin: Origin
) -> tuple[LearningSet, LearningSet]:
    """Swap two members of the cohort's proposal who are in different sets, in one step:
    the sets keep their sizes. The sets they were in, first's then second's."""
    proposed = cohort.learning_sets.filter(confirmed_at__isnull=True)
    first_set = proposed.filter(members=first_id).first()
    second_set = proposed.filter(members=second_id).first()
    if first_set is None or second_set is None:
        raise SetsRefused("Choose two people in this cohort's proposed sets")
    if first_set.pk == second_set.pk:
        raise SetsRefused(f"Both are in set {first_set.number}: choose people in different sets")
    with transaction.atomic():
        first_set.members.remove(first_id)
        second_set.members.remove(second_id)
        first_set.members.add(second_id)
        second_set.members.add(first_id)
        _record(
            AuditEvent.Action.LEARNING_SET_MEMBERS_SWAPPED,
            cohort,
            actor=actor,
            origin=origin,
            profiles=[first_id, second_id],
            sets=[first_set.number, second_set.number],
        )
    return first_set, second_set


def confirm_sets(cohort: Cohort, *, actor: User, origin: Origin) -> None:
    """Fix the proposal: each set's members are joined in the connection graph."""
    sets = list(cohort.learning_sets.prefetch_related("members__user"))
    if not sets:
        raise SetsRefused("Propose sets first")
    wrong = [s.number for s in sets if not SMALLEST <= s.members.count() <= LARGEST]
    if wrong:
        numbers = ", ".join(map(str, wrong))
        raise SetsRefused(f"Every set needs 6 to 8 members: move people in set {numbers}")
    with transaction.atomic():
        for learning_set in sets:
            learning_set.confirmed_at = timezone.now()
            learning_set.facilitator = actor
            learning_set.save(update_fields=["confirmed_at", "facilitator"])
            people = [profile.user for profile in learning_set.members.all()]
            for i, a in enumerate(people):
                for b in people[i + 1 :]:
                    graph.connect(a, b, Edge.Kind.LEARNING_SET)
        _tell_members(sets)
        _record(
            AuditEvent.Action.LEARNING_SETS_CONFIRMED,
            cohort,
            actor=actor,
            origin=origin,
            sets=len(sets),
        )


def _tell_members(sets: list[LearningSet]) -> None:
    """Each active member of each set: a notice, and an e-mail naming the others (as the
    directory shows them to every member: name, job title, organisation) and the
    facilitator. Delegates are not told, as with every other notice (ADR 31): they see
    the set on the leader's "My cohort" page."""
    url = absolute_url("programmes:my_cohort")
    notices = []
    for learning_set in my_sets.confirmed_sets().filter(pk__in=[s.pk for s in sets]):
        facilitator = my_sets.facilitator_name(learning_set)
        for person in learning_set.members.all():
            notices.append(
                (person.user, {"by": learning_set.facilitator, "learning_set": learning_set})
            )
            others = my_sets.others_in(learning_set, person.user_id)
            send_after_commit(
                person.user.email,
                "programmes/email/set_confirmed",
                {
                    "leader": person.given_name,
                    "cohort": learning_set.cohort.name,
                    "number": learning_set.number,
                    "others": [(str(p), p.job_title, p.organisation.name) for p in others],
                    "facilitator": facilitator,
                    "url": url,
                },
            )
    notify_all(Notice.Kind.LEARNING_SET_CONFIRMED, notices)


def reopen_sets(cohort: Cohort, *, actor: User, origin: Origin) -> None:
    """Make the cohort's confirmed sets proposals again, to change them: the facilitator is
    cleared and members no longer see them. The learning-set edges stay in the graph
    (they did share a confirmed set) and members are not told (ADR 31)."""
    with transaction.atomic():
        reopened = cohort.learning_sets.filter(confirmed_at__isnull=False).update(
            confirmed_at=None, facilitator=None
        )
        if not reopened:
            raise SetsRefused("This cohort's sets are not confirmed: there is nothing to reopen")
        _record(
            AuditEvent.Action.LEARNING_SETS_REOPENED,
            cohort,
            actor=actor,
            origin=origin,
            sets=reopened,
        )
