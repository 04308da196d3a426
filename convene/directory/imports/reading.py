"""Reading a people file (CSV or XLSX) into rows of text, or one clear reason it cannot be read.

Nothing here touches the database: the file is checked for shape (encoding, header, size,
row count) and each cell becomes a trimmed string keyed by the column's field name.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from convene.core.plurals import counted
from convene.core.sizes import human_size

# field name: (the column's name in messages, the header spellings accepted for it)
COLUMNS = {
    "email": ("E-mail", {"email", "emailaddress", "workemail"}),
    "title": ("Title", {"title"}),
    "given_name": ("First name", {"firstname", "givenname", "forename"}),
    "family_name": ("Last name", {"lastname", "familyname", "surname"}),
    "organisation": ("Organisation", {"organisation", "organization"}),
    "job_title": ("Job title", {"jobtitle", "role"}),
    "phone": ("Phone", {"phone", "phonenumber", "telephone"}),
    "pa_name": ("PA name", {"paname"}),
    "pa_email": ("PA e-mail", {"paemail", "paemailaddress"}),
    "pa_phone": ("PA phone", {"paphone", "paphonenumber"}),
    "linkedin_url": ("LinkedIn", {"linkedin", "linkedinurl"}),
    "social_links": (
        "Other social media",
        {
            "othersocialmedia",
            "sociallinks",
            "sociallink",
            "social",
            "socialmedia",
            "twitter",
            "x",
            "bluesky",
            "mastodon",
        },
    ),
    "cohort": ("Cohort", {"cohort", "cohorts"}),
}
REQUIRED_COLUMNS = ["email", "given_name", "family_name", "organisation", "job_title"]
FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
# The most columns read from a sheet: one past the most a header can name.
READ_COLUMNS = len(COLUMNS) + 1
# A sheet declaring more rows than this many times the cap, or more columns than this,
# is not a list of people (a sheet may declare a little more than it holds: Google
# Sheets declares its whole grid, A1:Z1000 by default). 256 columns is A to IV, the
# whole width of a sheet in older Excel.
ABSURD_ROWS_FACTOR = 2
ABSURD_COLUMNS = 256
XLSX_SIGNATURE = b"PK\x03\x04"


class UnreadableFile(ValueError):
    """Why the whole file was refused, in words for the staff member who sent it."""


@dataclass(frozen=True)
class Row:
    # The row's number as a spreadsheet shows it: the header is line 1.
    line: int
    values: dict[str, str]


def column_label(field: str) -> str:
    return COLUMNS[field][0]


def file_format(filename: str) -> str:
    for ending, name in FORMATS.items():
        if filename.lower().endswith(ending):
            return name
    raise UnreadableFile("The file must be a CSV (.csv) or Excel workbook (.xlsx)")


def check_size(size: int) -> None:
    limit = settings.PEOPLE_IMPORT_MAX_BYTES
    if size > limit:
        raise UnreadableFile(f"The file must be smaller than {human_size(limit)}")
    if size == 0:
        raise UnreadableFile("The file is empty")


def read_rows(content: bytes, file_format: str) -> list[Row]:
    """Every non-blank row after the header, or UnreadableFile.

    Every row after the header counts toward PEOPLE_IMPORT_MAX_ROWS, blank ones too, and
    reading stops at the first row past it: a file's blank rows cost time to read as
    much as its people do.
    """
    check_size(len(content))
    records = _csv_records(content) if file_format == "csv" else _xlsx_records(content)
    header = next(records, None)
    if header is None:
        raise UnreadableFile("The file is empty")
    fields = _fields_of(header)
    rows = []
    limit = settings.PEOPLE_IMPORT_MAX_ROWS
    for line, record in enumerate(records, start=2):
        if line - 1 > limit:
            raise UnreadableFile(
                f"The file has more than {counted(limit, 'row', 'rows')} after the header "
                "(blank rows count too): split it into smaller files"
            )
        cells = [_text(cell) for cell in record]
        if not any(cells):
            continue
        if len(cells) > len(fields) and any(cells[len(fields) :]):
            raise UnreadableFile(f"Line {line} has more cells than the header has columns")
        values = {field: cells[i] if i < len(cells) else "" for i, field in enumerate(fields)}
        rows.append(Row(line, values))
    if not rows:
        raise UnreadableFile("The file has a header but no people")
    return rows


def _fields_of(header: list) -> list[str]:
    """The field name of each header cell; refuses unknown, repeated or missing columns."""
    by_spelling = {
        spelling: field for field, (_, spellings) in COLUMNS.items() for spelling in spellings
    }
    names = [_text(cell) for cell in header]
    while names and not names[-1]:
        names.pop()
    fields = []
    for position, name in enumerate(names, start=1):
        field = by_spelling.get(re.sub(r"[^a-z]", "", name.lower()))
        if field is None:
            known = ", ".join(label for label, _ in COLUMNS.values())
            shown = name or f"column {position} (blank)"
            raise UnreadableFile(
                f"The header has a column Convene does not know: “{shown}”. "
                f"Line 1 must name the columns: {known}"
            )
        if field in fields:
            raise UnreadableFile(f"The header has the column “{column_label(field)}” twice")
        fields.append(field)
    missing = [column_label(field) for field in REQUIRED_COLUMNS if field not in fields]
    if missing:
        raise UnreadableFile(f"The header (line 1) is missing the columns: {', '.join(missing)}")
    return fields


def _text(cell) -> str:
    if cell is None:
        return ""
    # Spreadsheets store phone numbers typed as digits as numbers: 7700900123.0
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def _csv_records(content: bytes) -> Iterator[list[str]]:
    if content.startswith(XLSX_SIGNATURE):
        raise UnreadableFile("The file is an Excel workbook: name it .xlsx, or save it as CSV")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            "The file is not UTF-8 text: in Excel, save it as “CSV UTF-8 (comma delimited)”"
        ) from error
    if "\x00" in text:
        raise UnreadableFile("The file is not a CSV file: it contains binary data")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        yield from reader
    except csv.Error as error:
        raise UnreadableFile(f"Line {reader.line_num} could not be read as CSV: {error}") from error


def _xlsx_records(content: bytes) -> Iterator[tuple]:
    try:
        _check_unpacked_size(content)
        # read_only streams the sheet; formulas stay formulas (data_only=False) so that
        # checking can refuse them rather than trust a value cached by another program.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            _check_declared_size(sheet)
            # openpyxl pads every row to the width asked for (or to the declared width),
            # and yields the rows a sheet skips as blank ones: both are bounded here. One
            # column past the most a header can name is read, so that a cell there is seen.
            yield from sheet.iter_rows(
                max_row=settings.PEOPLE_IMPORT_MAX_ROWS + 2,
                max_col=READ_COLUMNS,
                values_only=True,
            )
        finally:
            workbook.close()
    except UnreadableFile:  # a ValueError too, already in words for the staff member
        raise
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise UnreadableFile(
            "The file is not an Excel workbook (.xlsx) that can be read"
        ) from error


def _check_unpacked_size(content: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than PEOPLE_IMPORT_MAX_UNPACKED_BYTES.

    The sizes are those the zip declares; Python's zipfile stops a part at its declared
    size, so a part cannot unpack to more than it said.
    """
    limit = settings.PEOPLE_IMPORT_MAX_UNPACKED_BYTES
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if sum(part.file_size for part in archive.infolist()) > limit:
            raise UnreadableFile(
                f"The workbook unpacks to more than {human_size(limit)}: "
                "save it as CSV, or split it into smaller files"
            )


def _check_declared_size(sheet) -> None:
    """Refuse a sheet that says it is far larger than any file of people (its
    `<dimension>`), before a row is read. A sheet that declares no size is read, and
    counted row by row."""
    rows, columns = sheet.max_row, sheet.max_column
    most = settings.PEOPLE_IMPORT_MAX_ROWS
    if (rows or 0) > ABSURD_ROWS_FACTOR * most + 1 or (columns or 0) > ABSURD_COLUMNS:
        raise UnreadableFile(
            f"The sheet says it spans {sheet.calculate_dimension()}, far more than a file of "
            f"people (at most {most:,} rows and {len(COLUMNS)} columns): delete the empty "
            "rows and columns after the people, or save it as CSV"
        )
