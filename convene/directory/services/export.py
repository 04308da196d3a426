"""Exporting people as CSV or XLSX, with only the columns chosen and only the contact
details the person exporting may see (services/visibility.py decides)."""

import csv
import io
import re
from collections.abc import Callable, Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from convene.directory.models import CONTACT_FIELDS, Profile
from convene.directory.services.visibility import Viewer, visible_levels


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
