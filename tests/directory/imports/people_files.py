"""Files of people, as staff would send them, for the import tests."""

import csv
import io
import re
import zipfile

from openpyxl import Workbook

from convene.programmes.models import Cohort
from tests.factories import make_organisation

HEADER = [
    "E-mail",
    "Title",
    "First name",
    "Last name",
    "Organisation",
    "Job title",
    "PA e-mail",
    "PA phone",
    "Phone",
    "LinkedIn",
    "Other social media",
    "Cohort",
]
GOOD_ROWS = [
    [
        "sam.okoro@leeds.gov.uk",
        "Dr",
        "Sam",
        "Okoro",
        "Leeds City Council",
        "Chief Executive",
        "pa.okoro@leeds.gov.uk",
        "0113 496 0100",
        "0113 496 0101",
        "https://www.linkedin.com/in/sam-okoro",
        "https://bsky.app/profile/sam-okoro.example, https://x.com/samokoro",
        "Cohort 7",
    ],
    [
        "j.byrne@wyp.police.uk",
        "",
        "Jo",
        "Byrne",
        "WYP",
        "Chief Constable",
        "",
        "",
        "+44 113 496 0200",
        "",
        "",
        "Cohort 7; Cohort 8",
    ],
]


def places():
    """The organisations and cohorts the good rows name."""
    make_organisation()
    make_organisation(
        "West Yorkshire Police",
        "E23000010",
        acronym="WYP",
        org_type="police_force",
        sector_id="policing",
    )
    Cohort.objects.get_or_create(name="Cohort 7")
    Cohort.objects.get_or_create(name="Cohort 8")


def csv_bytes(rows, header=HEADER, encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_cell(row: list, column: str, value) -> list:
    changed = list(row)
    changed[HEADER.index(column)] = value
    return changed


def with_dimension(content: bytes, ref: str | None) -> bytes:
    """The same workbook with its first sheet declaring another size (`<dimension ref=…/>`),
    or, with None, declaring none (as some programs write them)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                replacement = f'<dimension ref="{ref}"/>' if ref else ""
                data = re.sub(rb"<dimension [^>]*/>", replacement.encode(), data)
            rewritten.writestr(item, data)
    return out.getvalue()


def sheet_with_a_last_row_at(line: int, rows=GOOD_ROWS) -> bytes:
    """A workbook of `rows`, then one cell on `line`: every line between is blank."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    sheet.cell(row=line, column=1, value="someone@example.gov.uk")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
