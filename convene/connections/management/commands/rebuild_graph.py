"""A repair tool: add the graph's shared-cohort edges from the memberships as they are.

Convene's own code never needs it (the cohorts' service joins people in the graph as they
join a cohort); run it after memberships were changed outside Convene, say with SQL.
"""

from django.core.management.base import BaseCommand

from convene.connections.services import graph
from convene.programmes.models import Cohort


class Command(BaseCommand):
    help = (
        "Repair tool: join every two members of each cohort in the connection graph "
        "(only needed after memberships were changed outside Convene, say with SQL)."
    )

    def handle(self, *args, **options):
        added = sum(graph.connect_cohort(pk) for pk in Cohort.objects.values_list("pk", flat=True))
        self.stdout.write(f"{added} shared-cohort edges added.")
