"""The dry run says what importing would do, row by row; importing does exactly that, once."""

import pytest

from convene.accounts.models import AuditEvent, Role, User
from convene.accounts.services.audit import Origin
from convene.directory.imports import applying
from convene.directory.imports.checking import Checker
from convene.directory.imports.reading import read_rows
from convene.directory.models import OrganisationAlias, Profile, ProfileChange
from tests.directory.imports.people_files import GOOD_ROWS, csv_bytes, places, with_cell
from tests.factories import make_member, make_organisation, make_user

pytestmark = pytest.mark.django_db


def check(rows):
    return Checker().check(read_rows(csv_bytes(rows), "csv"))


def import_rows(rows, actor=None):
    plan = check(rows)
    return applying.apply(plan, actor=actor, origin=Origin(), filename="people.csv", invite=False)


def problems(rows) -> list[tuple[int, str, str]]:
    return [(p.line, p.column, p.reason) for p in check(rows).problems]


def test_a_good_file_would_create_everyone_and_importing_creates_them(staff_admin):
    places()
    plan = check(GOOD_ROWS)
    assert [p.email for p in plan.to_create] == ["sam.okoro@leeds.gov.uk", "j.byrne@wyp.police.uk"]
    assert plan.can_import

    applying.apply(plan, actor=staff_admin, origin=Origin(), filename="people.csv", invite=False)

    sam = Profile.objects.get(user__email="sam.okoro@leeds.gov.uk")
    assert (sam.title, sam.given_name, sam.family_name) == ("Dr", "Sam", "Okoro")
    assert sam.organisation.name == "Leeds City Council"
    assert sam.pa_phone == "0113 496 0100"
    assert sam.social_links == "https://bsky.app/profile/sam-okoro.example\nhttps://x.com/samokoro"
    assert sam.user.role == Role.MEMBER
    jo = Profile.objects.get(user__email="j.byrne@wyp.police.uk")
    assert jo.organisation.name == "West Yorkshire Police"  # matched by its acronym
    assert sorted(c.name for c in jo.cohorts.all()) == ["Cohort 7", "Cohort 8"]
    assert jo.search_text.job_title == "chief constable"
    assert sam.changes.get().actor == staff_admin
    event = AuditEvent.objects.get(action=AuditEvent.Action.PEOPLE_IMPORTED)
    assert event.detail["created"] == 2


def test_importing_the_same_file_twice_changes_nothing_the_second_time():
    places()
    import_rows(GOOD_ROWS)
    before = list(Profile.objects.values().order_by("pk")), ProfileChange.objects.count()

    plan = check(GOOD_ROWS)

    assert (len(plan.to_create), len(plan.to_change), len(plan.unchanged)) == (0, 0, 2)
    assert not plan.can_import
    assert (list(Profile.objects.values().order_by("pk")), ProfileChange.objects.count()) == before


def test_a_changed_row_shows_old_and_new_values_and_blank_cells_keep_what_is_stored(staff_admin):
    places()
    import_rows(GOOD_ROWS)
    moved = with_cell(
        with_cell(GOOD_ROWS[0], "Job title", "Chief Executive and Head of Paid Service"),
        "Phone",
        "",
    )

    plan = check([moved])

    assert plan.to_change[0].changes == {
        "job_title": ["Chief Executive", "Chief Executive and Head of Paid Service"]
    }
    applying.apply(plan, actor=staff_admin, origin=Origin(), filename="f.csv", invite=False)
    sam = Profile.objects.get(user__email="sam.okoro@leeds.gov.uk")
    assert sam.job_title == "Chief Executive and Head of Paid Service"
    assert sam.phone == "0113 496 0101"
    assert sam.changes.first().changes["job_title"][1] == "Chief Executive and Head of Paid Service"


def test_a_member_who_exists_is_updated_not_duplicated_and_keeps_their_own_texts():
    places()
    make_member("Sam.Okoro@leeds.gov.uk", "Sam", "Okoro", working_on="Youth justice reform")

    plan = check(GOOD_ROWS[:1])

    assert not plan.to_create
    assert set(plan.to_change[0].changes) == {
        "title",
        "pa_email",
        "pa_phone",
        "phone",
        "linkedin_url",
        "social_links",
        "cohorts",
    }
    import_rows(GOOD_ROWS[:1])
    assert User.objects.filter(email="sam.okoro@leeds.gov.uk").count() == 1
    assert (
        Profile.objects.get(user__email="sam.okoro@leeds.gov.uk").working_on
        == "Youth justice reform"
    )


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("E-mail", "not-an-address", "is not an e-mail address, like name@council.gov.uk"),
        ("First name", "", "is blank"),
        ("Last name", "x" * 101, "is longer than 100 characters"),
        (
            "Phone",
            "call my PA",
            "is not a phone number: use digits, spaces and +, like 0113 496 0000",
        ),
        ("PA e-mail", "pa at leeds", "is not an e-mail address, like name@council.gov.uk"),
        ("LinkedIn", "http://linkedin.com/in/x", "is not a web address starting with https://"),
        ("LinkedIn", "javascript:alert(1)", "is not a web address starting with https://"),
        (
            "Other social media",
            "https://x.com/jobyrne, http://bsky.app/profile/jo.example",
            "address 2 is not a web address starting with https://",
        ),
        (
            "Other social media",
            "javascript:alert(1)",
            "address 1 is not a web address starting with https://",
        ),
        (
            "Other social media",
            "https://x.com/" + "a" * 300,
            "address 1 is longer than 300 characters",
        ),
        (
            "Other social media",
            " ".join(f"https://x.com/jo{n}" for n in range(6)),
            "has more than 5 web addresses",
        ),
        ("Job title", '=HYPERLINK("http://evil")', "starts with “=”, so it would run as a formula"),
        ("Cohort", "Cohort 7; Cohort 99", "names no cohort called “Cohort 99”"),
        ("Organisation", "", "is blank"),
    ],
)
def test_each_bad_cell_is_named_by_line_column_and_reason(column, value, reason):
    places()
    assert (3, column, reason) in problems([GOOD_ROWS[0], with_cell(GOOD_ROWS[1], column, value)])


def test_addresses_in_one_cell_may_be_separated_by_spaces_commas_or_new_lines():
    places()
    cell = "https://x.com/jobyrne,https://bsky.app/profile/jo.example\nHTTPS://X.com/jobyrne  "
    cell += "https://mastodon.social/@jobyrne"
    plan = check([with_cell(GOOD_ROWS[1], "Other social media", cell)])
    assert plan.to_create[0].values["social_links"] == (
        "https://x.com/jobyrne\nhttps://bsky.app/profile/jo.example\nhttps://mastodon.social/@jobyrne"
    )


def test_a_blank_social_media_cell_keeps_the_addresses_the_leader_typed():
    places()
    make_member("sam.okoro@leeds.gov.uk", "Sam", "Okoro", social_links="https://x.com/sam")
    import_rows([with_cell(GOOD_ROWS[0], "Other social media", "")])
    assert Profile.objects.get().social_links == "https://x.com/sam"
    # A cell that names the same addresses, however written, changes nothing either.
    plan = check([with_cell(GOOD_ROWS[0], "Other social media", " HTTPS://X.COM/sam ")])
    assert [p.email for p in plan.unchanged] == ["sam.okoro@leeds.gov.uk"]


def test_a_file_with_any_problem_cannot_be_imported():
    places()
    plan = check([GOOD_ROWS[0], with_cell(GOOD_ROWS[1], "E-mail", "nope")])
    assert len(plan.to_create) == 1
    assert not plan.can_import
    with pytest.raises(ValueError, match="no problems"):
        applying.apply(plan, actor=None, origin=Origin(), filename="f.csv", invite=False)
    assert not Profile.objects.exists()


def test_the_same_address_twice_in_one_file_names_the_first_line():
    places()
    again = with_cell(GOOD_ROWS[1], "E-mail", "SAM.OKORO@leeds.gov.uk")
    assert problems([GOOD_ROWS[0], again]) == [(3, "E-mail", "is also on line 2")]


def test_staff_and_deactivated_accounts_cannot_be_made_leaders_by_import(staff_admin):
    places()
    make_user("gone@leeds.gov.uk", is_active=False)
    rows = [
        with_cell(GOOD_ROWS[0], "E-mail", staff_admin.email),
        with_cell(GOOD_ROWS[1], "E-mail", "gone@leeds.gov.uk"),
    ]
    assert problems(rows) == [
        (2, "E-mail", "belongs to a staff admin, not a leader"),
        (3, "E-mail", "belongs to a deactivated account: reactivate it first"),
    ]


def test_an_organisation_spelt_differently_is_listed_with_close_spellings_to_confirm():
    places()
    make_organisation(
        "Leeds Teaching Hospitals NHS Trust", "RR8", org_type="nhs_trust", sector_id="health"
    )
    misspelt = with_cell(GOOD_ROWS[0], "Organisation", "Leeds City Counsil")

    plan = check([misspelt, GOOD_ROWS[1]])

    assert not plan.can_import
    entry = plan.unmatched["Leeds City Counsil"]
    assert entry["lines"] == [2]
    assert entry["candidates"][0][1] == "Leeds City Council"
    assert [p.email for p in plan.to_create] == ["j.byrne@wyp.police.uk"]


def test_a_confirmed_spelling_matches_from_then_on():
    places()
    leeds = make_organisation()
    OrganisationAlias.objects.create(name="leeds city counsil", organisation=leeds)
    plan = check([with_cell(GOOD_ROWS[0], "Organisation", "Leeds City Counsil")])
    assert plan.to_create[0].organisation_id == leeds.pk


def test_html_in_a_cell_is_stored_as_text_not_markup():
    places()
    import_rows([with_cell(GOOD_ROWS[0], "Last name", "<script>alert(1)</script>")])
    assert Profile.objects.get().family_name == "<script>alert(1)</script>"


def test_if_anything_fails_while_importing_nothing_is_kept(monkeypatch):
    places()
    make_member("sam.okoro@leeds.gov.uk", "Sam", "Okoro")
    rows = [with_cell(GOOD_ROWS[0], "Job title", "Director"), GOOD_ROWS[1]]

    def broken(*args):
        raise RuntimeError("database went away")

    monkeypatch.setattr(applying, "_change", broken)
    with pytest.raises(RuntimeError):
        import_rows(rows)

    assert not User.objects.filter(email="j.byrne@wyp.police.uk").exists()
    assert Profile.objects.get().job_title == "Chief Executive"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PEOPLE_IMPORTED).exists()


# One canonical address (ADR 20)


def test_a_look_alike_e_mail_cell_is_the_stored_account():
    places()
    import_rows(GOOD_ROWS)
    look_alike = with_cell(GOOD_ROWS[0], "E-mail", " \uff53am.okoro@Leeds.gov.uk")  # fullwidth s
    plan = check([look_alike])
    assert [p.email for p in plan.unchanged] == ["sam.okoro@leeds.gov.uk"]
    assert plan.to_create == []


def test_a_look_alike_of_an_earlier_line_is_the_same_address_twice():
    places()
    again = with_cell(GOOD_ROWS[1], "E-mail", "\u017fam.okoro@leeds.gov.uk")  # long s
    assert problems([GOOD_ROWS[0], again]) == [(3, "E-mail", "is also on line 2")]


def test_a_look_alike_of_a_staff_account_cannot_be_made_a_leader(staff_admin):
    places()
    rows = [with_cell(GOOD_ROWS[0], "E-mail", "ADM\uff29N@convene.example")]  # fullwidth I
    assert problems(rows) == [(2, "E-mail", "belongs to a staff admin, not a leader")]


def test_an_e_mail_cell_whose_local_part_is_not_ascii_is_refused_with_why():
    places()
    rows = [with_cell(GOOD_ROWS[0], "E-mail", "\u0131an@leeds.gov.uk")]
    assert problems(rows) == [
        (
            2,
            "E-mail",
            "has letters before the @ other than a to z (accented letters and letters from "
            "other alphabets cannot be used)",
        )
    ]
