"""Write every profile's search entry afresh (after changing profiles outside Convene's
code, say with SQL: everything in Convene keeps them in step itself)."""

from django.core.management.base import BaseCommand

from convene.core.plurals import counted
from convene.directory.services import facets, search_index


class Command(BaseCommand):
    help = "Rebuild the directory's search entries from the profiles."

    def handle(self, *args, **options):
        count = search_index.rebuild()
        facets.changed()
        self.stdout.write(f"Search entries written for {counted(count, 'profile', 'profiles')}.")
