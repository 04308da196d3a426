"""Embed every profile whose texts changed (after a bulk load, or a new model)."""

from django.core.management.base import BaseCommand

from convene.connections.services import matching


class Command(BaseCommand):
    help = "Refresh the peer-matching vectors of profiles whose texts changed."

    def handle(self, *args, **options):
        embedded = matching.refresh()
        self.stdout.write(f"{embedded} profiles embedded with {matching.matcher_name()}.")
