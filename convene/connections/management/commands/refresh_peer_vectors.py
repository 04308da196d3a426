"""A repair tool: embed every profile whose texts changed since its vectors were made.

Convene's own code never needs it (every change to a leader's texts refreshes their
vectors in the background); run it after texts were changed outside Convene, say with
SQL, or to embed everyone with a new model.
"""

from django.core.management.base import BaseCommand

from convene.connections.services import matching
from convene.core.plurals import counted


class Command(BaseCommand):
    help = (
        "Repair tool: refresh the peer-matching vectors of profiles whose texts changed "
        "(only needed after changes outside Convene, say with SQL, or a new model)."
    )

    def handle(self, *args, **options):
        embedded = matching.refresh()
        self.stdout.write(
            f"{counted(embedded, 'profile', 'profiles')} embedded with {matching.matcher_name()}."
        )
