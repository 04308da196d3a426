"""A cohort with proposed learning sets, made through the services."""

from convene.accounts.services.audit import Origin
from convene.programmes.models import Cohort, LearningSet
from convene.programmes.services import learning_sets
from tests import factories


def cohort_with_sets(size: int, name: str = "Cohort A", *, first=None) -> Cohort:
    """A cohort of ``size`` leaders (``first`` among them, if given), its sets proposed."""
    cohort = Cohort.objects.create(name=name, programme="Leading Across Boundaries")
    leaders = [first] if first else []
    leaders += [
        factories.make_member(f"{name[-1].lower()}{n}@x.gov.uk", "Leader", f"{name[-1]}{n:03d}")
        for n in range(size - len(leaders))
    ]
    factories.join_cohort(cohort, *leaders)
    learning_sets.propose_sets(cohort, actor=None, origin=Origin())
    return cohort


def set_of(user) -> LearningSet:
    return LearningSet.objects.get(members=user.profile)
