"""Exporting people as CSV or XLSX, with only the columns chosen and only the contact
details the person exporting may see (services/visibility.py decides), within the
limits of services/export_limits.py."""

import csv
import io
import re
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from convene.accounts.models import AuditEvent, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.core.plurals import counted
from convene.directory.models import CONTACT_FIELDS, Profile
from convene.directory.services import export_limits
from convene.directory.services.export_limits import DailyLimitReached
from convene.directory.services.visibility import Viewer, viewer_for, visible_levels


def _cohorts(profile: Profile) -> str:
    return "; ".join(cohort.name for cohort in profile.cohorts.all())


# column key: (header, how to read it from a profile). Contact fields are read separately.
DETAILS: dict[str, tuple[str, Callable[[Profile], str]]] = {
    "name": ("Name", str),
    "job_title": ("Job title", lambda p: p.job_title),
    "organisation": ("Organisation", lambda p: p.organisation.name),
    "sector": ("Sector", lambda p: p.organisation.sector.name),
    "region": (
        "Region",
        lambda p: p.organisation.region.name if p.organisation.region else "UK-wide",
    ),
    "pronouns": ("Pronouns", lambda p: p.pronouns),
    "topics": ("Topics", lambda p: p.topics),
    "cohorts": ("Cohorts", _cohorts),
}
COLUMNS = {**{key: header for key, (header, _) in DETAILS.items()}, **CONTACT_FIELDS}
FORMATS = {"csv": "CSV (opens in any spreadsheet)", "xlsx": "Excel workbook (.xlsx)"}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A cell a spreadsheet would run as a formula. Phone numbers (+44 …) are checked when
# stored to hold only digits and punctuation, so they cannot carry one and stay as typed.
FORMULA_START = re.compile(r"^[=@\t\r]|^[+\-](?![0-9()\- +]*$)")


def rows(profiles: Iterable[Profile], columns: list[str], viewer: Viewer) -> Iterable[list[str]]:
    for profile in profiles:
        levels = visible_levels(profile, viewer)
        row = []
        for column in columns:
            if column in DETAILS:
                row.append(DETAILS[column][1](profile))
            elif getattr(profile, f"{column}_visibility") in levels:
                row.append(getattr(profile, column))
            else:
                row.append("")
        yield row


def safe_cell(value: str) -> str:
    """The value, made inert if a spreadsheet would otherwise run it as a formula."""
    return f"'{value}" if FORMULA_START.match(value) else value


def as_csv(header: list[str], body: Iterable[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in body)
    # With the byte-order mark, Excel opens the file as UTF-8 (names with accents survive).
    return "\ufeff".encode() + out.getvalue().encode()


def as_xlsx(header: list[str], body: Iterable[list[str]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("People")
    sheet.append(header)
    for row in body:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            # Always text, never a formula, whatever the value starts with.
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class TooManyPeople(ValueError):
    """More people than one download may hold (the export page says so before asking)."""


def export_people(
    people: QuerySet[Profile],
    columns: list[str],
    file_format: str,
    search: dict[str, list[str] | str],
    *,
    actor: User,
    origin: Origin,
) -> bytes:
    """The file of ``people`` for ``actor``, counted against their limits and recorded
    (how many, which columns, the search: never who).

    Raises TooManyPeople, or DailyLimitReached after recording the refusal (and telling
    staff the first time in a day); then nothing is counted.
    """
    columns = [key for key in COLUMNS if key in columns]
    search = {name: values for name, values in search.items() if values}
    now = timezone.now()
    refused = None
    with transaction.atomic():
        # Two downloads by the same person at once are counted one after the other.
        User.objects.select_for_update().only("pk").get(pk=actor.pk)
        chosen = people.prefetch_related("cohorts")
        limit = export_limits.file_limit(actor)
        if limit is None:
            # Staff admins may download everyone, and have no daily limit: read in chunks.
            profiles = chosen.iterator(chunk_size=500)
            total = new_people = people.count()
        else:
            # Read once, so that the people counted are exactly the people in the file.
            profiles = list(chosen[: limit + 1])
            if len(profiles) > limit:
                raise TooManyPeople(
                    f"You can download up to {counted(limit, 'leader', 'leaders')} at a time"
                )
            total = len(profiles)
            try:
                new_people = export_limits.spend(actor, [p.pk for p in profiles], now=now)
            except DailyLimitReached as refusal:
                refused = refusal
        detail = {"people": total, "columns": columns, "format": file_format, "search": search}
        if refused is not None:
            export_limits.record_refusal(actor, refused, detail, now=now, origin=origin)
        else:
            content = _file(profiles, columns, file_format, actor)
            audit.record(
                AuditEvent.Action.PEOPLE_EXPORTED,
                actor=actor,
                origin=origin,
                new_people=new_people,
                **detail,
            )
    if refused is not None:
        raise refused  # after the refusal's record (and staff's notices) are committed
    return content


def _file(profiles: Iterable[Profile], columns: list[str], file_format: str, actor: User):
    body = rows(profiles, columns, viewer_for(actor))
    header = [COLUMNS[key] for key in columns]
    return as_csv(header, body) if file_format == "csv" else as_xlsx(header, body)
