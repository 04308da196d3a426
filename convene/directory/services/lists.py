"""Staff keep the directory's controlled lists: sectors, regions and normalised job titles."""

from django.db import transaction
from django.db.models import Model

from convene.accounts.models import AuditEvent, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin


def save_list_entry(
    kind: str, entry: Model, changed: list[str], *, actor: User, origin: Origin
) -> Model:
    """Add or change one entry of the list ``kind`` (its fields already set, checked by
    the list's form), recording which fields changed."""
    verb = "changed" if entry.pk else "added"
    with transaction.atomic():
        entry.save()
        audit.record(
            AuditEvent.Action.LIST_CHANGED,
            actor=actor,
            origin=origin,
            list=kind,
            entry=str(entry),
            change=verb,
            fields=sorted(changed),
        )
        if kind == "job-titles":
            # Every leader's title is matched again against the new phrases.
            from convene.directory.tasks import reclassify_job_titles

            transaction.on_commit(reclassify_job_titles.enqueue)
    return entry
