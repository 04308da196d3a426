"""`manage.py import_people FILE`: a dry run by default, --import to import."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from convene.directory.models import Profile
from tests.directory.imports.people_files import GOOD_ROWS, csv_bytes, places, with_cell

pytestmark = pytest.mark.django_db


def run(path, *args) -> str:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_people", str(path), *args, stdout=out, stderr=err)
    assert "2/2 lines" in err.getvalue()  # the progress bar reached the end
    return out.getvalue()


def test_a_dry_run_saves_nothing_then_import_imports_and_a_second_import_does_nothing(tmp_path):
    places()
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))

    assert "New: 2" in run(path)
    assert not Profile.objects.exists()
    assert "Imported: 2 added, 0 updated" in run(path, "--import")
    assert Profile.objects.count() == 2
    assert "Nothing to import" in run(path, "--import")


def test_a_bad_file_lists_its_lines_and_fails(tmp_path, capsys):
    places()
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([GOOD_ROWS[0], with_cell(GOOD_ROWS[1], "First name", "")]))
    from io import StringIO

    out = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_people", str(path), "--import", stdout=out, stderr=StringIO())
    assert "Line 3, First name: First name is blank" in out.getvalue()
    assert not Profile.objects.exists()


def test_a_missing_or_unreadable_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_people", str(tmp_path / "missing.csv"))
    (tmp_path / "people.txt").write_text("hello")
    with pytest.raises(CommandError, match="must be a CSV"):
        call_command("import_people", str(tmp_path / "people.txt"))


def test_the_staff_admin_named_must_be_one(tmp_path, member):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))
    with pytest.raises(CommandError, match="is not an active staff admin"):
        call_command("import_people", str(path), "--as", member.email)


def test_the_staff_admin_is_found_by_any_spelling_of_their_address(tmp_path, staff_admin):
    places()
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))
    # Fullwidth "a" and capitals: the same address (ADR 20). Checked, not imported.
    call_command(
        "import_people", str(path), "--as", "\uff41DMIN@convene.example", stdout=StringIO()
    )
    with pytest.raises(CommandError, match=r"--as: .*letters a to z"):
        call_command("import_people", str(path), "--as", "adm\u0131n@convene.example")
