"""A cohort's learning sets as a CSV for the facilitator: who is in which set, as the
directory shows every member (no contact details), each cell made inert for
spreadsheets as the directory's download makes them (export.safe_cell)."""

from convene.directory.services.export import as_csv
from convene.programmes.models import Cohort
from convene.programmes.services import my_sets

HEADER = ["Set", "Name", "Job title", "Organisation", "Sector", "Region", "Facilitator"]


def sets_as_csv(cohort: Cohort) -> bytes:
    sets = cohort.learning_sets.select_related("facilitator").prefetch_related(
        "members__organisation__sector", "members__organisation__region"
    )
    rows = []
    for learning_set in sets:
        facilitator = my_sets.facilitator_name(learning_set) if learning_set.confirmed_at else ""
        people = sorted(learning_set.members.all(), key=lambda p: (p.family_name, p.given_name))
        for person in people:
            organisation = person.organisation
            rows.append(
                [
                    str(learning_set.number),
                    str(person),
                    person.job_title,
                    organisation.name,
                    organisation.sector.name,
                    organisation.region.name if organisation.region else "UK-wide",
                    facilitator,
                ]
            )
    return as_csv(HEADER, rows)
