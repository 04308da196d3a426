"""What members are shown of learning sets: confirmed sets only (a proposal is the
facilitator's working draft and is never shown to members), and of each person in one
what the directory shows every member: name, job title and organisation.

The home page, the "My cohort" page, the confirmation notice and its e-mail all read
their sets here, so they show the same people the same way.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from convene.accounts.models import User
from convene.directory.models import Profile
from convene.directory.services.profiles import looked_after_by
from convene.programmes.models import Cohort, LearningSet

# A facilitator who has left (or has no name on their account) is named as the team is.
NO_FACILITATOR = "the Convene team"


def facilitator_name(learning_set: LearningSet) -> str:
    facilitator = learning_set.facilitator
    return facilitator.full_name if facilitator and facilitator.full_name else NO_FACILITATOR


def _active_members() -> Prefetch:
    people = Profile.objects.filter(user__is_active=True).select_related("organisation", "user")
    return Prefetch("members", queryset=people.order_by("family_name", "given_name", "pk"))


def confirmed_sets():
    """Confirmed sets, with their cohort, facilitator and active members read at once."""
    return (
        LearningSet.objects.filter(confirmed_at__isnull=False)
        .select_related("cohort", "facilitator")
        .prefetch_related(_active_members())
    )


@dataclass(frozen=True)
class YourSet:
    """A leader's place in one cohort: their confirmed set, if there is one yet."""

    leader: Profile
    cohort: Cohort
    learning_set: LearningSet | None
    # The set's other members, by name.
    others: list[Profile]
    facilitator: str


def others_in(learning_set: LearningSet, leader_user_id: int) -> list[Profile]:
    return [person for person in learning_set.members.all() if person.user_id != leader_user_id]


def places_of(leaders: list[Profile], *, confirmed_only: bool = False) -> list[YourSet]:
    """Each leader's cohorts and their confirmed set in each (in a few queries however many
    leaders); with ``confirmed_only``, only the cohorts where their set is confirmed."""
    found = confirmed_sets().filter(members__in=leaders).distinct()
    by_place = {
        (person.pk, learning_set.cohort_id): learning_set
        for learning_set in found
        for person in learning_set.members.all()
    }
    memberships = Profile.cohorts.through.objects.filter(profile__in=leaders).select_related(
        "cohort"
    )
    cohorts_of: dict[int, list[Cohort]] = {}
    for membership in memberships.order_by("cohort__name"):
        cohorts_of.setdefault(membership.profile_id, []).append(membership.cohort)
    places = []
    for leader in leaders:
        for cohort in cohorts_of.get(leader.pk, []):
            learning_set = by_place.get((leader.pk, cohort.pk))
            if learning_set is None and confirmed_only:
                continue
            places.append(
                YourSet(
                    leader=leader,
                    cohort=cohort,
                    learning_set=learning_set,
                    others=others_in(learning_set, leader.user_id) if learning_set else [],
                    facilitator=facilitator_name(learning_set) if learning_set else "",
                )
            )
    return places


def places_for(user: User, *, confirmed_only: bool = False) -> list[YourSet]:
    """``places_of`` the leaders ``user`` looks after: a member, themselves; a delegate,
    the leaders they act for now (as the navigation counts them)."""
    return places_of(looked_after_by(user), confirmed_only=confirmed_only)
