"""Add the graph's edges for shared cohorts (after a bulk load, which skips signals)."""

from django.core.management.base import BaseCommand

from convene.connections.services import graph
from convene.programmes.models import Cohort


class Command(BaseCommand):
    help = "Join every two members of each cohort in the connection graph."

    def handle(self, *args, **options):
        added = sum(graph.connect_cohort(pk) for pk in Cohort.objects.values_list("pk", flat=True))
        self.stdout.write(f"{added} shared-cohort edges added.")
