"""Every stored address in its one canonical form (ADR 20), so lookups can be exact.

Stops, changing nothing, rather than merge two accounts or lock one out:
- two accounts whose addresses are one canonical address ("researcher@…" and
  "reſearcher@…"): which is the person is a decision for staff, not a migration;
- an account, or an invitation still open, whose address Convene now refuses (a letter
  other than a to z before the @, or in the domain): it could never sign in again.
The message names each row; staff fix them (change one address, erase or deactivate
the other account, revoke the invitation) and migrate again.

Closed invitations and audit rows whose address is refused are history and are kept as
they were; the refused ones can reach no account, since none can have such an address.
Going back keeps the canonical forms: they are what the old code stored too (lower case).
"""

from django.db import migrations
from django.utils import timezone

# A pure function of its text (no models): safe to use from a migration.
from convene.accounts.email_addresses import EmailRefused, canonical_email

BATCH = 1000


class StoredAddressesRefused(Exception):
    """Stored addresses the migration will not change by itself, each named."""


def _canonical(email: str) -> tuple[str | None, str]:
    """(canonical form, "") or (None, why it is refused)."""
    try:
        return canonical_email(email), ""
    except EmailRefused as refused:
        return None, refused.message


def _problems_with_accounts(User) -> tuple[list[str], list]:
    problems, changed, owner = [], [], {}
    for user in User.objects.order_by("pk").only("pk", "email").iterator(chunk_size=BATCH):
        canonical, why = _canonical(user.email)
        if canonical is None:
            problems.append(f"account {user.pk} ({user.email}): {why}")
            continue
        if canonical in owner:
            problems.append(f"accounts {owner[canonical]} and {user.pk} are both {canonical}")
            continue
        owner[canonical] = user.pk
        if canonical != user.email:
            user.email = canonical
            changed.append(user)
    return problems, changed


def _problems_with_invitations(Invitation) -> tuple[list[str], list]:
    problems, changed = [], []
    now = timezone.now()
    for invitation in Invitation.objects.order_by("pk").only(
        "pk", "email", "accepted_at", "revoked_at", "expires_at"
    ):
        canonical, why = _canonical(invitation.email)
        is_open = (
            invitation.accepted_at is None
            and invitation.revoked_at is None
            and invitation.expires_at > now
        )
        if canonical is None and is_open:
            problems.append(f"open invitation {invitation.pk} ({invitation.email}): {why}")
        elif canonical is not None and canonical != invitation.email:
            invitation.email = canonical
            changed.append(invitation)
    return problems, changed


def _canonical_audit_rows(AuditEvent) -> list:
    changed = []
    rows = AuditEvent.objects.exclude(subject_email="").only("pk", "subject_email")
    for event in rows.iterator(chunk_size=BATCH):
        canonical, _ = _canonical(event.subject_email)
        if canonical is not None and canonical != event.subject_email:
            event.subject_email = canonical
            changed.append(event)
    return changed


def canonicalise_stored_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Invitation = apps.get_model("accounts", "Invitation")
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    account_problems, users = _problems_with_accounts(User)
    invitation_problems, invitations = _problems_with_invitations(Invitation)
    problems = account_problems + invitation_problems
    if problems:
        raise StoredAddressesRefused(
            "Stored e-mail addresses that cannot be given one canonical form without a "
            "person deciding (nothing was changed; fix these, then migrate again):\n"
            + "\n".join(f"- {problem}" for problem in problems)
        )
    # Two accounts were checked not to share a canonical form, so none of these updates
    # can meet the unique constraint on User.email, in whatever order they run.
    User.objects.bulk_update(users, ["email"], batch_size=BATCH)
    Invitation.objects.bulk_update(invitations, ["email"], batch_size=BATCH)
    AuditEvent.objects.bulk_update(_canonical_audit_rows(AuditEvent), ["subject_email"], BATCH)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0007_audit_actions_for_learning_sets_and_follow_ups")]

    operations = [
        migrations.RunPython(canonicalise_stored_addresses, migrations.RunPython.noop),
    ]
