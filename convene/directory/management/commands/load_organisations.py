"""Seed or refresh organisations from CSV files (by default the ones Convene ships)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from convene.accounts.services.audit import Origin
from convene.directory.services.organisations import load_organisations


class Command(BaseCommand):
    help = "Create or update organisations from CSV (columns: " + (
        "name, acronym, org_type, sector, region, code, source). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path)

    def handle(self, *args, paths, **options):
        report = load_organisations(paths or None, actor=None, origin=Origin())
        if report.errors:
            raise CommandError(
                "Nothing was loaded. Fix these rows and run again:\n"
                + "\n".join(f"  {error}" for error in report.errors)
            )
        self.stdout.write(
            f"Organisations: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged."
        )
