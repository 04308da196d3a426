"""Print a sign-in link for each documented demo account."""

from django.core.management.base import BaseCommand

from convene.accounts.services.audit import Origin
from convene.accounts.services.sign_in import active_user_with_email, issue_sign_in_link

DEMO_ACCOUNTS = [
    ("member@demo.example", "a council chief executive (member)"),
    ("police@demo.example", "a chief constable facing the same challenge (member)"),
    ("delegate@demo.example", "the member's PA (delegate)"),
    ("facilitator@demo.example", "programme staff (facilitator)"),
    ("researcher@demo.example", "the centre's analyst (researcher)"),
    ("admin@demo.example", "operations team (staff admin)"),
]


class Command(BaseCommand):
    help = "Print a one-time sign-in link for each demo account."

    def handle(self, *args, **options):
        origin = Origin(user_agent="manage.py demo_links")
        self.stdout.write("\nSign-in links for the demo accounts (each works once, for a while):")
        for email, who in DEMO_ACCOUNTS:
            user = active_user_with_email(email)
            if user is None:
                self.stderr.write(f"  {email}: not found; run `manage.py load_demo` first")
                continue
            self.stdout.write(
                f"\n  {email}: {who}\n  {issue_sign_in_link(user, actor=None, origin=origin)}"
            )
        self.stdout.write(
            "\nMore links: .venv/bin/python manage.py signin_link EMAIL"
            " (with DATABASE_URL=sqlite:///var/demo.sqlite3)\n"
        )
