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


SECTORS = ["local_government", "health", "policing", "fire", "central_government"]
REGIONS = ["TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLI", "TLJ", "TLK"]


def cohort_of_100(name: str = "Cohort of 100") -> Cohort:
    """A cohort of 100 leaders in 20 organisations across sectors and regions, with its 13
    sets proposed: the size the facilitator's page must stay usable at."""
    organisations = [
        factories.make_organisation(
            f"Organisation {n}",
            f"T{n:07d}",
            sector_id=SECTORS[n % len(SECTORS)],
            region_id=REGIONS[n % len(REGIONS)],
        )
        for n in range(20)
    ]
    cohort = Cohort.objects.create(name=name)
    leaders = [
        factories.make_member(
            f"l{n}@x.gov.uk",
            "Leader",
            f"Number{n:03d}",
            organisation=organisations[n % 20],
            job_title="Director of Children's Services",
        )
        for n in range(100)
    ]
    factories.join_cohort(cohort, *leaders)
    learning_sets.propose_sets(cohort, actor=None, origin=Origin())
    return cohort
