"""Print a one-time sign-in link, for staff helping someone who cannot get e-mail."""

from django.core.management.base import BaseCommand, CommandError

from convene.accounts.services.audit import Origin
from convene.accounts.services.sign_in import active_user_with_email, issue_sign_in_link


class Command(BaseCommand):
    help = "Print a single-use sign-in link for EMAIL (valid for SIGN_IN_LINK_MINUTES)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        user = active_user_with_email(email)
        if user is None:
            raise CommandError(f"No active user has the e-mail address {email!r}.")
        url = issue_sign_in_link(
            user, actor=None, origin=Origin(user_agent="manage.py signin_link")
        )
        self.stdout.write(url)
