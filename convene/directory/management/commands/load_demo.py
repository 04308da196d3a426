"""Load the demo: organisations, cohorts, ~1,500 fictional leaders and the demo accounts,
with their search entries, graph edges and peer vectors (nothing to rebuild afterwards)."""

import time

from django.core.management.base import BaseCommand

from convene.accounts.services.audit import Origin
from convene.core.plurals import counted
from convene.directory.services.demo import load_demo


class Command(BaseCommand):
    help = "Load demo data (idempotent: a second run adds nothing)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        report = load_demo(actor=None, origin=Origin())
        if report.already_loaded:
            self.stdout.write("Demo data already loaded; organisations refreshed.")
            return
        self.stdout.write(
            f"Demo loaded in {time.perf_counter() - started:.1f} s: "
            f"{counted(report.organisations_created, 'organisation', 'organisations')}, "
            f"{counted(report.leaders_created, 'leader', 'leaders')}, "
            "and the six demo accounts."
        )
