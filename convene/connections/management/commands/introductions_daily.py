"""Daily introduction housekeeping (run from cron or a scheduler): close requests nobody
answered in time, and ask "did you meet?" of introductions accepted weeks ago."""

from django.core.management.base import BaseCommand

from convene.connections.services.follow_up import ask_if_met
from convene.connections.services.introductions import lapse_overdue


class Command(BaseCommand):
    help = "Close overdue introduction requests and ask 'did you meet?' when it is time."

    def handle(self, *args, **options):
        self.stdout.write(f"{lapse_overdue()} requests closed.")
        self.stdout.write(f"{ask_if_met()} introductions asked whether they met.")
