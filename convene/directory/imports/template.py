"""The file staff download to fill in and import: the importer's own header row.

The header is made from reading.COLUMNS, the columns the importer reads, each under the
name the upload page lists, so the template cannot drift from what is accepted. It holds
no example row: one left in by mistake would be imported as a person.
"""

from convene.directory.imports.reading import COLUMNS
from convene.directory.services.export import as_csv

FILENAME = "convene-people-template.csv"


def header() -> list[str]:
    return [label for label, _ in COLUMNS.values()]


def template_csv() -> bytes:
    """A CSV of the header alone, UTF-8 with the byte-order mark that Excel needs."""
    return as_csv(header(), [])
