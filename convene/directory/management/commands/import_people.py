"""Import people from a CSV or XLSX file: a dry run unless --import is given."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from convene.accounts.email_addresses import EmailRefused, canonical_email
from convene.accounts.models import Role, User
from convene.accounts.services.audit import Origin
from convene.directory.imports import applying
from convene.directory.imports.checking import Checker, Plan
from convene.directory.imports.reading import UnreadableFile, file_format, read_rows

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Check a file of people (a dry run) and, with --import, import it all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--import", action="store_true", dest="commit", help="Import it")
        parser.add_argument("--invite", action="store_true", help="E-mail the new people")
        parser.add_argument("--as", dest="actor", help="The staff admin's e-mail, for the record")

    def handle(self, *args, file: Path, commit: bool, invite: bool, actor: str | None, **options):
        staff = self._staff_admin(actor)
        try:
            rows = read_rows(file.read_bytes(), file_format(file.name))
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        except UnreadableFile as error:
            raise CommandError(f"{file}: {error}") from error
        plan = Checker().check(rows, progress=self._bar(len(rows)))
        self.stderr.write("")
        self._report(plan)
        if plan.problems or plan.unmatched:
            raise CommandError("Nothing was imported: correct the lines above and run again.")
        if not commit:
            self.stdout.write("Dry run: nothing was saved. Add --import to import.")
            return
        if not plan.can_import:
            self.stdout.write("Nothing to import.")
            return
        result = applying.apply(
            plan, actor=staff, origin=Origin(), filename=file.name, invite=invite
        )
        self.stdout.write(
            self.style.SUCCESS(f"Imported: {result.created} added, {result.changed} updated.")
        )

    def _staff_admin(self, email: str | None) -> User | None:
        if email is None:
            return None
        try:
            email = canonical_email(email)
        except EmailRefused as refused:
            raise CommandError(f"--as: {refused.message}") from None
        # Stored addresses are canonical (ADR 20): equality finds any spelling of one.
        staff = User.objects.filter(email=email, role=Role.STAFF_ADMIN, is_active=True)
        if not staff.exists():
            raise CommandError(f"{email} is not an active staff admin")
        return staff.get()

    def _bar(self, total: int):
        def show(done: int) -> None:
            if not sys.stderr.isatty() and done != total:
                return
            filled = BAR_WIDTH * done // max(total, 1)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stderr.write(f"\rChecking [{bar}] {done:,}/{total:,} lines", ending="")

        return show

    def _report(self, plan: Plan) -> None:
        counts = plan.report()["counts"]
        self.stdout.write(
            f"New: {counts['create']}  Changed: {counts['change']}  "
            f"Unchanged: {counts['unchanged']}  Lines with problems: {counts['rejected']}  "
            f"Waiting for an organisation: {counts['unmatched']}"
        )
        for problem in plan.problems:
            self.stdout.write(
                f"Line {problem.line}, {problem.column}: {problem.column} {problem.reason}"
            )
        for name, entry in plan.unmatched.items():
            close = "; ".join(candidate for _, candidate in entry["candidates"]) or "none close"
            lines = ", ".join(map(str, entry["lines"]))
            self.stdout.write(
                f"Organisation “{name}” (lines {lines}) matches none. Closest: {close}"
            )
