"""Close introduction requests nobody answered in time (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from convene.connections.services.introductions import lapse_overdue


class Command(BaseCommand):
    help = "Close introduction requests past their reply-by date and tell the askers."

    def handle(self, *args, **options):
        self.stdout.write(f"{lapse_overdue()} requests closed.")
