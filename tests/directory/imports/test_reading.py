"""A file that is not a readable people file is refused whole, with one clear reason."""

import pytest

from convene.directory.imports.reading import UnreadableFile, file_format, read_rows
from tests.directory.imports.people_files import GOOD_ROWS, HEADER, csv_bytes, xlsx_bytes


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
    assert "more than 1 people" in refusal(csv_bytes(GOOD_ROWS))


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
