"""An import's life: uploaded, checked in the background (the dry run), perhaps organisations
confirmed and checked again, then imported in the background. Progress is written as it goes
so that the staff member's page can show it."""

from django.db import transaction
from django.utils import timezone

from convene.accounts.models import User
from convene.accounts.services.audit import Origin
from convene.directory.imports import applying
from convene.directory.imports.checking import Checker, Plan
from convene.directory.imports.matching import normalise
from convene.directory.imports.reading import UnreadableFile, file_format, read_rows
from convene.directory.models import Organisation, OrganisationAlias, PeopleImport

Status = PeopleImport.Status


def start(content: bytes, filename: str, *, invite: bool, actor: User) -> PeopleImport:
    """Keep the upload and check it in the background. UnreadableFile if it is no people file."""
    people_import = PeopleImport.objects.create(
        uploaded_by=actor,
        filename=filename[:255],
        file_format=file_format(filename),
        content=content,
        send_invitations=invite,
    )
    _enqueue_check(people_import)
    return people_import


def _enqueue_check(people_import: PeopleImport) -> None:
    from convene.directory.tasks import check_people_import

    pk = people_import.pk
    transaction.on_commit(lambda: check_people_import.enqueue(import_id=pk))


def _progress(people_import: PeopleImport):
    def report(done: int) -> None:
        PeopleImport.objects.filter(pk=people_import.pk).update(rows_done=done)

    return report


def _checked(people_import: PeopleImport) -> Plan | None:
    """Read and check the file, keeping the report; None if the file could not be read."""
    try:
        rows = read_rows(bytes(people_import.content), people_import.file_format)
    except UnreadableFile as error:
        people_import.status = Status.FAILED
        people_import.report = {"error": str(error)}
        people_import.content = None
        people_import.save(update_fields=["status", "report", "content"])
        return None
    PeopleImport.objects.filter(pk=people_import.pk).update(rows_total=len(rows), rows_done=0)
    plan = Checker().check(rows, progress=_progress(people_import))
    people_import.rows_total = people_import.rows_done = len(rows)
    people_import.report = plan.report()
    return plan


def run_check(people_import: PeopleImport) -> None:
    if _checked(people_import) is not None:
        people_import.status = Status.CHECKED
        people_import.save(update_fields=["status", "report", "rows_total", "rows_done"])


def claim_for_import(people_import: PeopleImport) -> bool:
    """Mark a checked, importable file as importing; False if it is not (or a click came twice)."""
    if not people_import.report.get("can_import"):
        return False
    return bool(
        PeopleImport.objects.filter(pk=people_import.pk, status=Status.CHECKED).update(
            status=Status.IMPORTING, rows_done=0
        )
    )


def run_import(people_import: PeopleImport, *, actor: User | None, origin: Origin) -> None:
    """Check again against the database as it is now, then import all or nothing."""
    plan = _checked(people_import)
    if plan is None:
        return
    if not plan.can_import:
        # Something changed since the dry run (a cohort renamed, an address taken):
        # show the new report and import nothing.
        people_import.status = Status.CHECKED
        people_import.save(update_fields=["status", "report", "rows_total", "rows_done"])
        return
    result = applying.apply(
        plan,
        actor=actor,
        origin=origin,
        filename=people_import.filename,
        invite=people_import.send_invitations,
    )
    # Once imported, the report keeps counts only: who was in the file is personal data.
    people_import.report = {
        "counts": people_import.report["counts"],
        "imported": {"created": result.created, "changed": result.changed},
    }
    people_import.status = Status.IMPORTED
    people_import.imported_at = timezone.now()
    # The file holds personal data and is no longer needed once imported.
    people_import.content = None
    people_import.save()


def confirm_organisations(
    people_import: PeopleImport, choices: dict[str, int], *, actor: User
) -> int:
    """Remember each chosen organisation as an alias of the name in the file; check again."""
    organisations = Organisation.objects.in_bulk(set(choices.values()))
    with transaction.atomic():
        for name, organisation_id in choices.items():
            OrganisationAlias.objects.update_or_create(
                name=normalise(name),
                defaults={"organisation": organisations[organisation_id], "confirmed_by": actor},
            )
        PeopleImport.objects.filter(pk=people_import.pk).update(status=Status.CHECKING, rows_done=0)
        _enqueue_check(people_import)
    return len(choices)
