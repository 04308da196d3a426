"""Migration 0008 gives every stored address its canonical form (ADR 20), and stops,
naming the rows, rather than merge two accounts or lock one out."""

import importlib
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("accounts", "0007_audit_actions_for_learning_sets_and_follow_ups")]
AFTER = [("accounts", "0008_canonical_email_addresses")]
MIGRATION = importlib.import_module("convene.accounts.migrations.0008_canonical_email_addresses")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _migrate(targets):
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def before():
    """The models as they were before migration 0008; the latest state again afterwards."""
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    apps = _migrate(BEFORE)
    yield apps
    # What a refused migration left behind would stop it again: clear it first.
    for name in ["AuditEvent", "Invitation", "User"]:
        apps.get_model("accounts", name).objects.all().delete()
    _migrate(latest)


def _invitation(apps, email, token, **fields):
    return apps.get_model("accounts", "Invitation").objects.create(
        email=email, token_hash=token, expires_at=timezone.now() + timedelta(days=14), **fields
    )


def test_stored_users_invitations_and_audit_rows_get_their_canonical_form(before):
    User = before.get_model("accounts", "User")
    AuditEvent = before.get_model("accounts", "AuditEvent")
    researcher = User.objects.create(email="Re\u017fearcher@Convene.example", role="researcher")
    kim = User.objects.create(email="kim@council.gov.uk", role="member")
    open_one = _invitation(before, " \uff4eia@Example.gov.uk", "a")
    closed = _invitation(before, "\u0131an@example.gov.uk", "b", revoked_at=timezone.now())
    requested = AuditEvent.objects.create(
        action="sign_in.requested", subject_email="\uff52esearcher@convene.example"
    )
    refused = AuditEvent.objects.create(
        action="sign_in.requested", subject_email="adm\u0131n@convene.example"
    )

    apps = _migrate(AFTER)

    User = apps.get_model("accounts", "User")
    assert dict(User.objects.values_list("pk", "email")) == {
        researcher.pk: "researcher@convene.example",
        kim.pk: "kim@council.gov.uk",
    }
    emails = dict(apps.get_model("accounts", "Invitation").objects.values_list("pk", "email"))
    # A closed invitation to an address now refused is history: kept as it was.
    assert emails == {open_one.pk: "nia@example.gov.uk", closed.pk: "\u0131an@example.gov.uk"}
    events = apps.get_model("accounts", "AuditEvent").objects
    subjects = dict(events.values_list("pk", "subject_email"))
    assert subjects == {
        requested.pk: "researcher@convene.example",
        refused.pk: "adm\u0131n@convene.example",
    }


def test_two_accounts_with_one_canonical_address_stop_it_naming_both(before):
    User = before.get_model("accounts", "User")
    plain = User.objects.create(email="researcher@convene.example", role="researcher")
    look_alike = User.objects.create(email="re\u017fearcher@convene.example", role="member")

    with pytest.raises(MIGRATION.StoredAddressesRefused) as refused:
        _migrate(AFTER)

    message = str(refused.value)
    assert f"accounts {plain.pk} and {look_alike.pk} are both researcher@convene.example" in message
    # Nothing was changed: the look-alike is still as it was stored.
    assert User.objects.get(pk=look_alike.pk).email == "re\u017fearcher@convene.example"


def test_an_account_or_open_invitation_it_would_refuse_stops_it_naming_them(before):
    User = before.get_model("accounts", "User")
    account = User.objects.create(email="adm\u0131n@convene.example", role="staff_admin")
    invitation = _invitation(before, "j\u00f6rg@example.gov.uk", "c")

    with pytest.raises(MIGRATION.StoredAddressesRefused) as refused:
        _migrate(AFTER)

    message = str(refused.value)
    assert f"account {account.pk} (adm\u0131n@convene.example)" in message
    assert f"open invitation {invitation.pk} (j\u00f6rg@example.gov.uk)" in message
    assert "before the @" in message
