from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from convene.accounts.services.audit import Origin
from convene.directory.models import Organisation
from convene.directory.services.organisations import load_organisations

pytestmark = pytest.mark.django_db

HEADER = "name,acronym,org_type,sector,region,code,source\n"
GOOD = (
    "Leeds City Council,,council,local_government,TLE,E08000035,test\n"
    "Home Office,HO,ministerial_department,central_government,,govuk:home-office,test\n"
)


def load(paths):
    return load_organisations(paths, actor=None, origin=Origin())


@pytest.fixture
def write(tmp_path):
    def make(text: str, name="orgs.csv", encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return make


def test_it_loads_a_good_file(write):
    report = load([write(HEADER + GOOD)])
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    home_office = Organisation.objects.get(code="govuk:home-office")
    assert (home_office.acronym, home_office.region) == ("HO", None)


def test_loading_the_same_file_again_changes_nothing(write):
    path = write(HEADER + GOOD)
    load([path])
    report = load([path])
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Organisation.objects.count() == 2


def test_it_updates_by_code(write):
    load([write(HEADER + GOOD)])
    renamed = GOOD.replace("Home Office,HO", "The Home Office,HO")
    report = load([write(HEADER + renamed)])
    assert (report.created, report.updated) == (0, 1)
    updated = Organisation.objects.get(code="govuk:home-office")
    assert (updated.name, updated.search_name) == ("The Home Office", "the home office ho")


def test_people_are_found_by_their_organisation_as_updated(write):
    from convene.directory.services.search import search
    from tests import factories

    load([write(HEADER + GOOD)])
    leeds = Organisation.objects.get(code="E08000035")
    leader = factories.make_member(organisation=leeds)
    moved = GOOD.replace(
        "Leeds City Council,,council,local_government,TLE",
        "Leodis Council,LCC,council,local_government,TLD",
    )
    load([write(HEADER + moved)])

    for query, chosen in [("leodis", {}), ("lcc", {}), ("", {"region": ["TLD"]})]:
        assert [p.pk for p in search(query, chosen, 1).page] == [leader.profile.pk], query
    assert list(search("leeds", {}, 1).page) == []


@pytest.mark.parametrize(
    ("bad_line", "column", "reason"),
    [
        ("Nowhere,,council,farming,TLE,X1,test", "sector", "'farming' is not a known value"),
        ("Nowhere,,castle,local_government,TLE,X1,test", "org_type", "'castle' is not a known"),
        ("Nowhere,,council,local_government,TLZ,X1,test", "region", "'TLZ' is not a known"),
        (",,council,local_government,TLE,X1,test", "name", "is blank"),
        ("Nowhere,,council,local_government,TLE,,test", "code", "is blank"),
        ("N" * 301 + ",,council,local_government,TLE,X1,test", "name", "longer than 300"),
        ("Leeds again,,council,local_government,TLE,E08000035,test", "code", "also on line 2"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(write, bad_line, column, reason):
    Organisation.objects.create(
        name="Kept", org_type="council", sector_id="local_government", code="KEEP", source="x"
    )
    report = load([write(HEADER + GOOD + bad_line + "\n")])
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.line, error.column) == (4, column)
    assert reason in error.reason
    assert list(Organisation.objects.values_list("code", flat=True)) == ["KEEP"]


def test_a_missing_column_is_named(write):
    report = load([write("name,code\nLeeds,E08000035\n")])
    assert "acronym" in report.errors[0].column
    assert "column is missing" in report.errors[0].reason


def test_a_file_in_the_wrong_encoding_is_refused(write):
    report = load(
        [write(HEADER + "Ynys Môn,,council,local_government,TLL,W1,t\n", encoding="utf-16")]
    )
    assert report.errors[0].reason == "is not UTF-8 text"
    assert not Organisation.objects.exists()


def test_the_command_names_bad_rows_and_loads_nothing(write):
    path = write(HEADER + GOOD + "Bad,,council,nowhere,TLE,X1,test\n")
    with pytest.raises(CommandError, match=r"orgs.csv, line 4, column sector"):
        call_command("load_organisations", str(path))
    assert not Organisation.objects.exists()


def test_the_command_reports_counts(write):
    out = StringIO()
    call_command("load_organisations", str(write(HEADER + GOOD)), stdout=out)
    assert "2 created, 0 updated, 0 unchanged" in out.getvalue()
