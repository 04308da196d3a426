"""Send the digests due now (run daily, e.g. from cron; running it twice sends nothing more)."""

from django.core.management.base import BaseCommand

from convene.notifications.digest import send_digests


class Command(BaseCommand):
    help = "Send the daily digests, and on Mondays the weekly ones; each once."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_digests()} digests sent.")
