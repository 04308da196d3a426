"""Print a sign-in link for each documented demo account, and how to get fresh ones."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from convene.accounts.services.audit import Origin
from convene.accounts.services.sign_in import active_user_with_email, issue_sign_in_link
from convene.core.plurals import counted

DEMO_ACCOUNTS = [
    ("member@demo.example", "a council chief executive (member)"),
    ("police@demo.example", "a chief constable facing the same challenge (member)"),
    ("delegate@demo.example", "the member's PA (delegate)"),
    ("facilitator@demo.example", "programme staff (facilitator)"),
    ("researcher@demo.example", "the centre's analyst (researcher)"),
    ("admin@demo.example", "operations team (staff admin)"),
]
FRESH_LINK_COMMAND = ".venv/bin/python manage.py signin_link member@demo.example"


class Command(BaseCommand):
    help = "Print a one-time sign-in link for each demo account (valid DEMO_SIGN_IN_LINK_HOURS)."

    def handle(self, *args, **options):
        origin = Origin(user_agent="manage.py demo_links")
        # Long enough to try the demo over a day; a link asked for later lasts minutes.
        lifetime = timedelta(hours=settings.DEMO_SIGN_IN_LINK_HOURS)
        ends = timezone.localtime(timezone.now() + lifetime)
        until = f"{ends:%H:%M} on {ends.day} {ends:%B}"
        hours = settings.DEMO_SIGN_IN_LINK_HOURS
        self.stdout.write(
            "\nSign-in links for the demo accounts (each works once, "
            f"for {counted(hours, 'hour', 'hours')}):"
        )
        for email, who in DEMO_ACCOUNTS:
            user = active_user_with_email(email)
            if user is None:
                self.stderr.write(f"  {email}: not found; run `manage.py load_demo` first")
                continue
            url = issue_sign_in_link(user, actor=None, origin=origin, lifetime=lifetime)
            self.stdout.write(f"\n  {email}: {who}\n  {url}")
        self.stdout.write(
            f"\nThese links work until {until}. For a fresh one (it lasts"
            f" {counted(settings.SIGN_IN_LINK_MINUTES, 'minute', 'minutes')}), with any demo"
            " address:\n"
            f"  {FRESH_LINK_COMMAND}\n"
            "or ask on the sign-in page: the e-mail is printed here.\n"
        )
