"""A file that is not a readable people file is refused whole, with one clear reason."""

import pytest
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from convene.directory.imports import reading
from convene.directory.imports.reading import COLUMNS, UnreadableFile, file_format, read_rows
from tests.directory.imports.people_files import (
    GOOD_ROWS,
    HEADER,
    csv_bytes,
    sheet_with_a_last_row_at,
    with_dimension,
    xlsx_bytes,
)


def refusal(content: bytes, kind: str = "csv") -> str:
    with pytest.raises(UnreadableFile) as refused:
        read_rows(content, kind)
    return str(refused.value)


def test_a_csv_file_becomes_rows_keyed_by_field_with_spreadsheet_line_numbers():
    rows = read_rows(csv_bytes(GOOD_ROWS), "csv")
    assert [row.line for row in rows] == [2, 3]
    assert rows[0].values["email"] == "sam.okoro@leeds.gov.uk"
    assert rows[1].values["cohort"] == "Cohort 7; Cohort 8"


def test_an_xlsx_file_reads_the_same_as_the_csv_file():
    from_xlsx = read_rows(xlsx_bytes(GOOD_ROWS), "xlsx")
    from_csv = read_rows(csv_bytes(GOOD_ROWS), "csv")
    assert from_xlsx == from_csv


def test_excel_s_utf8_byte_order_mark_and_other_header_spellings_are_accepted():
    header = ["email", "TITLE", "first_name", "Surname", "Organization", "job title"]
    content = "\ufeff".encode() + csv_bytes([GOOD_ROWS[0][:6]], header=header)
    assert read_rows(content, "csv")[0].values["family_name"] == "Okoro"


@pytest.mark.parametrize(
    "spelling", ["Other social media", "Social links", "Social", "Social media", "Twitter", "X"]
)
def test_other_social_media_is_read_under_its_other_spellings_and_never_as_linkedin(spelling):
    header = [*HEADER[:6], "LinkedIn", spelling]
    row = [*GOOD_ROWS[0][:6], "https://www.linkedin.com/in/sam", "https://x.com/sam"]
    values = read_rows(csv_bytes([row], header=header), "csv")[0].values
    assert (values["linkedin_url"], values["social_links"]) == (
        "https://www.linkedin.com/in/sam",
        "https://x.com/sam",
    )


def test_blank_lines_are_skipped_but_line_numbers_stay_those_of_the_file():
    rows = read_rows(csv_bytes([GOOD_ROWS[0], [""] * len(HEADER), GOOD_ROWS[1]]), "csv")
    assert [row.line for row in rows] == [2, 4]


def test_a_number_typed_into_a_spreadsheet_cell_keeps_its_digits():
    row = list(GOOD_ROWS[0])
    row[HEADER.index("Phone")] = 1134960101
    assert read_rows(xlsx_bytes([row]), "xlsx")[0].values["phone"] == "1134960101"


def test_a_file_in_another_encoding_is_refused_with_how_to_save_it():
    row = list(GOOD_ROWS[0])
    row[HEADER.index("Last name")] = "Ó Súilleabháin"
    assert "not UTF-8" in refusal(csv_bytes([row], encoding="cp1252"))


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (["E-mail", "First name", "Last name"], "missing the columns: Organisation, Job title"),
        ([*HEADER, "Shoe size"], "Convene does not know: “Shoe size”"),
        ([*HEADER, "Surname"], "the column “Last name” twice"),
    ],
)
def test_a_header_that_is_wrong_names_the_problem(header, reason):
    assert reason in refusal(csv_bytes([], header=header))


def test_a_file_with_no_people_or_nothing_at_all_is_refused():
    assert refusal(csv_bytes([])) == "The file has a header but no people"
    assert refusal(b"") == "The file is empty"


def test_too_many_people_are_refused_before_anything_is_checked(settings):
    settings.PEOPLE_IMPORT_MAX_ROWS = 1
    assert "more than 1 row after the header" in refusal(csv_bytes(GOOD_ROWS))
    assert "more than 1 row after the header" in refusal(xlsx_bytes(GOOD_ROWS), "xlsx")


def test_blank_csv_lines_count_toward_the_cap(settings):
    settings.PEOPLE_IMPORT_MAX_ROWS = 3
    assert len(read_rows(csv_bytes([GOOD_ROWS[0], [], []]), "csv")) == 1
    reason = refusal(csv_bytes([GOOD_ROWS[0], [], [], []]))
    assert reason == (
        "The file has more than 3 rows after the header (blank rows count too): "
        "split it into smaller files"
    )


@pytest.fixture
def rows_read(monkeypatch):
    """Every row openpyxl hands over, and the columns asked for, as the file is read."""
    seen = {"rows": 0, "widths": set(), "max_col": []}
    iter_rows = ReadOnlyWorksheet.iter_rows

    def counting(sheet, *args, **kwargs):
        seen["max_col"].append(kwargs.get("max_col"))
        for row in iter_rows(sheet, *args, **kwargs):
            seen["rows"] += 1
            seen["widths"].add(len(row))
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", counting)
    return seen


@pytest.mark.parametrize(
    ("content", "declared"),
    [
        # What the issue sent: the whole Excel grid declared, in 1.6 KB.
        (with_dimension(xlsx_bytes(GOOD_ROWS), "A1:XFD1048576"), "A1:XFD1048576"),
        (with_dimension(xlsx_bytes(GOOD_ROWS), "A1:XFD3"), "A1:XFD3"),
        (sheet_with_a_last_row_at(1_048_576), "A1:L1048576"),
    ],
)
def test_a_sheet_declaring_an_absurd_size_is_refused_without_reading_its_rows(
    content, declared, rows_read
):
    assert len(content) < 10 * 1024
    assert refusal(content, "xlsx") == (
        f"The sheet says it spans {declared}, far more than a file of people "
        f"(at most 20,000 rows and {len(COLUMNS)} columns): delete the empty rows and "
        "columns after the people, or save it as CSV"
    )
    assert rows_read["rows"] == 0


def test_blank_sheet_rows_count_toward_the_cap_and_reading_stops_once_it_is_passed(
    settings, rows_read
):
    settings.PEOPLE_IMPORT_MAX_ROWS = 1000
    # No declared size to refuse it by: a header, two people, a million blank rows, a cell.
    content = with_dimension(sheet_with_a_last_row_at(1_048_576), None)
    assert "more than 1,000 rows after the header" in refusal(content, "xlsx")
    assert rows_read["rows"] <= 1 + 1000 + 1


def test_only_the_known_columns_of_a_wide_sheet_are_read(rows_read):
    wide = with_dimension(xlsx_bytes(GOOD_ROWS), "A1:IV3")  # 256 columns declared
    assert read_rows(wide, "xlsx") == read_rows(csv_bytes(GOOD_ROWS), "csv")
    assert rows_read["max_col"] == [len(COLUMNS) + 1]
    assert rows_read["widths"] == {len(COLUMNS) + 1}


def test_a_sheet_cell_just_past_the_header_s_columns_is_refused_naming_the_line():
    header = HEADER[:6]
    content = xlsx_bytes([GOOD_ROWS[0][:6], [*GOOD_ROWS[1][:6], "extra"]], header=header)
    assert refusal(content, "xlsx") == "Line 3 has more cells than the header has columns"


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_opened(settings, monkeypatch):
    monkeypatch.setattr(reading, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    settings.PEOPLE_IMPORT_MAX_UNPACKED_BYTES = 2048
    assert refusal(xlsx_bytes(GOOD_ROWS), "xlsx") == (
        "The workbook unpacks to more than 2 KB: save it as CSV, or split it into smaller files"
    )


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.PEOPLE_IMPORT_MAX_BYTES = 100
    assert "smaller than" in refusal(csv_bytes(GOOD_ROWS))


def test_an_excel_file_named_csv_and_a_fake_xlsx_are_refused():
    assert "is an Excel workbook" in refusal(xlsx_bytes(GOOD_ROWS), "csv")
    assert "not an Excel workbook" in refusal(b"PK\x03\x04 not really a zip", "xlsx")
    assert "not an Excel workbook" in refusal(csv_bytes(GOOD_ROWS), "xlsx")


def test_binary_data_and_broken_quoting_are_refused_naming_the_line():
    assert "binary data" in refusal(b"E-mail\x00,First name\n")
    broken = csv_bytes([GOOD_ROWS[0]]) + b'"unterminated,x\n'
    assert "could not be read as CSV" in refusal(broken)


def test_a_line_with_more_cells_than_the_header_is_refused_naming_it():
    assert "Line 2 has more cells" in refusal(csv_bytes([[*GOOD_ROWS[0], "extra"]]))


def test_only_csv_and_xlsx_names_are_accepted():
    assert file_format("People.XLSX") == "xlsx"
    with pytest.raises(UnreadableFile, match=r"CSV \(\.csv\) or Excel"):
        file_format("people.xls")
