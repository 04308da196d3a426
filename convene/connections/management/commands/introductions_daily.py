"""Daily introduction housekeeping (run from cron or a scheduler): close requests whose
time is up (declined or not answered: they are told alike), and ask "did you meet?" of
introductions accepted weeks ago."""

from django.core.management.base import BaseCommand

from convene.accounts.services.audit import Origin
from convene.connections.services.follow_up import ask_if_met
from convene.connections.services.introductions import close_expired_introductions
from convene.core.plurals import counted


class Command(BaseCommand):
    help = "Close overdue introduction requests and ask 'did you meet?' when it is time."

    def handle(self, *args, **options):
        closed = close_expired_introductions(origin=Origin())
        self.stdout.write(f"{counted(closed, 'request', 'requests')} closed.")
        self.stdout.write(
            f"{counted(ask_if_met(), 'introduction', 'introductions')} asked whether they met."
        )
