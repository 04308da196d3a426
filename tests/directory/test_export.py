"""Downloading a search as CSV or XLSX: chosen columns, only what the viewer may see."""

import csv
import io

import pytest
from openpyxl import load_workbook

from convene.accounts.models import AuditEvent
from tests import factories
from tests.directory.conftest import CONTACT_VALUES, EMAIL, PA_PHONE, PHONE, SOCIAL

pytestmark = pytest.mark.django_db

ALL_CONTACT = ["work_email", "phone", "pa_phone", "social_links"]


def download(client, query="", columns=("name", *ALL_CONTACT), kind="csv"):
    params = {"q": query, "columns": list(columns), "file_format": kind}
    return client.get("/directory/export/", params)


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="convene-people-')
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_only_the_chosen_columns_of_the_people_found_are_exported(client_for, member, leader):
    rows = csv_rows(download(client_for(member), "jones", columns=["name", "organisation"]))
    assert rows == [["Name", "Organisation"], ["Nia Jones", "Leeds City Council"]]


# Who sees the leader's contact details (e-mail: all members; phone and other social
# media: cohort; PA: staff).
SEES = {
    "member outside the cohort": {EMAIL},
    "member in the cohort": {EMAIL, PHONE, SOCIAL},
    "delegate of a member in the cohort": {EMAIL, PHONE, SOCIAL},
    "the leader": {EMAIL, PHONE, PA_PHONE, SOCIAL},
    "the leader's delegate": {EMAIL, PHONE, PA_PHONE, SOCIAL},
    "facilitator": {EMAIL, PHONE, PA_PHONE, SOCIAL},
    "staff_admin": {EMAIL, PHONE, PA_PHONE, SOCIAL},
}


def viewer(who: str, cast: dict, leader):
    if who == "member outside the cohort":
        return cast["member"]
    if who in ("member in the cohort", "delegate of a member in the cohort"):
        factories.join_cohort(leader.cohorts.get(), cast["member"])
        return cast["member" if who.startswith("member") else "delegate"]
    if who == "the leader":
        return leader.user
    if who == "the leader's delegate":
        return factories.delegate_for(leader.user, email="leaders.pa@example.gov.uk")
    return cast[who]


def on_profile(client, leader) -> set[str]:
    html = client.get(f"/people/{leader.pk}/").content.decode()
    return {value for value in CONTACT_VALUES if value in html}


def in_results(client, leader) -> set[str]:
    html = client.get("/directory/", {"q": "Nia Jones"}).content.decode()
    assert f"/people/{leader.pk}/" in html
    return {value for value in CONTACT_VALUES if value in html}


def in_csv(client, leader) -> set[str]:
    rows = csv_rows(download(client, "Nia Jones"))
    return {value for value in rows[1][1:] if value}


def in_xlsx(client, leader) -> set[str]:
    response = download(client, "Nia Jones", kind="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return {value for value in next(sheet.iter_rows(min_row=2, values_only=True))[1:] if value}


@pytest.mark.parametrize("who", SEES)
def test_contact_details_follow_visibility_on_every_surface(client_for, cast, leader, who):
    client = client_for(viewer(who, cast, leader))
    assert on_profile(client, leader) == SEES[who]
    # Results list no contact details at all: they are one click away, on the profile.
    assert in_results(client, leader) == set()
    assert in_csv(client, leader) == SEES[who]
    assert in_xlsx(client, leader) == SEES[who]


def test_several_social_media_addresses_are_one_cell_one_address_a_line(
    client_for, staff_admin, leader
):
    leader.social_links = f"{SOCIAL}\nhttps://x.com/niajones"
    leader.save()
    client = client_for(staff_admin)
    assert "Other social media" in client.get("/directory/export/", {"q": "jones"}).content.decode()

    rows = csv_rows(download(client, "jones", columns=["social_links"]))
    assert rows == [["Other social media"], [f"{SOCIAL}\nhttps://x.com/niajones"]]
    response = download(client, "jones", columns=["social_links"], kind="xlsx")
    assert load_workbook(io.BytesIO(response.content)).active["A2"].value == leader.social_links


def test_researchers_may_not_export(client_for, researcher, leader):
    assert download(client_for(researcher)).status_code == 403


def test_a_cell_a_spreadsheet_would_run_is_made_inert_but_phone_numbers_stay_as_typed(
    client_for, staff_admin, leader
):
    leader.job_title = '=HYPERLINK("https://evil.example","Click")'
    leader.phone = "+44 113 496 0123"
    leader.save()
    client = client_for(staff_admin)

    rows = csv_rows(download(client, "jones", columns=["job_title", "phone"]))
    assert rows[1] == ['\'=HYPERLINK("https://evil.example","Click")', "+44 113 496 0123"]

    response = download(client, "jones", columns=["job_title"], kind="xlsx")
    cell = load_workbook(io.BytesIO(response.content)).active["A2"]
    assert (cell.value, cell.data_type) == (leader.job_title, "s")


def test_members_download_at_most_the_limit_but_staff_admins_everyone(
    client_for, settings, member, staff_admin, leader
):
    settings.DIRECTORY_EXPORT_MAX_PEOPLE = 1
    refused = download(client_for(member))
    assert refused["Content-Type"].startswith("text/html")
    assert "You can download up to 1 leader at a time" in refused.content.decode()
    assert len(csv_rows(download(client_for(staff_admin)))) == 3  # header, member, leader


def test_choosing_no_column_says_so_and_downloads_nothing(client_for, member, leader):
    response = download(client_for(member), columns=[])
    assert "Choose at least one column" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_an_empty_search_has_nothing_to_download(client_for, member):
    response = download(client_for(member), "zzzz")
    assert "There is no one to download" in response.content.decode()


def test_the_form_keeps_the_search_and_every_download_is_recorded(client_for, member, leader):
    client = client_for(member)
    form = client.get("/directory/export/", {"q": "jones", "sector": "local_government"})
    html = form.content.decode()
    assert '<input type="hidden" name="q" value="jones">' in html
    assert '<input type="hidden" name="sector" value="local_government">' in html

    download(client, "jones")
    event = AuditEvent.objects.get(action=AuditEvent.Action.PEOPLE_EXPORTED)
    assert (event.actor, event.detail["people"], event.detail["format"]) == (member, 1, "csv")
    assert event.detail["search"] == {"q": "jones"}


# The daily limit (ADR 22): distinct people downloaded in any 24 hours, across downloads.
SECTORS = ["local_government", "health", "policing", "fire"]
REGIONS = ["TLC", "TLD", "TLE", "TLF", "TLG"]


@pytest.fixture
def directory(db):
    """Forty leaders, two in each sector and region."""
    people = []
    for s, sector in enumerate(SECTORS):
        for r, region in enumerate(REGIONS):
            organisation = factories.make_organisation(
                f"Body {sector} {region}", f"X{s}{r}", sector_id=sector, region_id=region
            )
            for n in range(2):
                email = f"leader{s}{r}{n}@example.gov.uk"
                user = factories.make_member(
                    email, given=f"Leader{s}{r}{n}", family="Test", organisation=organisation
                )
                people.append(user.profile)
    return people


def export_filtered(client, **filters):
    params = {**filters, "columns": ["name"], "file_format": "csv"}
    return client.get("/directory/export/", params)


def names_in(response) -> set[str]:
    return {row[0] for row in csv_rows(response)[1:]}


def limited(settings, per_day=15, per_file=12):
    settings.DIRECTORY_EXPORT_PEOPLE_PER_DAY = per_day
    settings.DIRECTORY_EXPORT_MAX_PEOPLE = per_file


def test_nineteen_exports_by_sector_and_region_cannot_together_pass_the_daily_limit(
    client_for, settings, member, directory
):
    limited(settings)
    client = client_for(member)
    searches = [{"sector": sector} for sector in SECTORS]
    searches += [{"region": region} for region in REGIONS]
    searches += [{"sector": s, "region": r} for s in SECTORS[:2] for r in REGIONS]
    assert len(searches) == 19
    downloaded: set[str] = set()
    refused = 0
    for search in searches:
        response = export_filtered(client, **search)
        if response["Content-Type"].startswith("text/csv"):
            downloaded |= names_in(response)
        else:
            assert response.status_code == 429
            assert "daily download limit" in response.content.decode()
            refused += 1
    assert 10 <= len(downloaded) <= 15
    assert refused >= 1
    events = AuditEvent.objects.filter(action=AuditEvent.Action.PEOPLE_EXPORTED)
    assert sum(event.detail["new_people"] for event in events) == len(downloaded)


def test_downloading_the_same_people_again_does_not_use_the_limit_again(
    client_for, settings, member, directory
):
    limited(settings)
    client = client_for(member)
    first = names_in(export_filtered(client, sector="health"))
    for _ in range(5):
        assert names_in(export_filtered(client, sector="health")) == first
    # Ten of the fifteen are used: five more new people may be downloaded, not six.
    response = export_filtered(client, sector="policing", region=REGIONS[:3])
    assert response.status_code == 429
    html = response.content.decode()
    assert "You can download 5 more leaders" in html
    assert len(names_in(export_filtered(client, sector="policing", region=REGIONS[:2]))) == 4


def test_the_refusal_says_how_many_are_left_and_when_they_stop_counting(
    client_for, settings, member, directory, clock
):
    clock.move_to("2026-12-01 09:30")
    limited(settings)
    client = client_for(member)
    export_filtered(client, sector="health")
    clock.move_to("2026-12-01 14:05")
    client = client_for(member)  # signed in again: the first session has lapsed
    export_filtered(client, sector="fire", region=REGIONS[0])
    response = export_filtered(client, sector="policing")
    assert response.status_code == 429
    html = " ".join(response.content.decode().split())
    assert "You have downloaded 12 leaders in the last 24 hours" in html
    assert "You can download 3 more leaders now" in html
    assert "This download would add 10" in html
    assert "09:30 on 2 December 2026" in html  # the first ten stop counting
    assert "14:05 on 2 December 2026" in html  # all of them
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.PEOPLE_EXPORTED, detail__search={"sector": ["policing"]}
    ).exists()


def test_staff_admins_are_told_once_a_day_when_a_member_reaches_the_limit(
    client_for, settings, member, staff_admin, directory, clock, mailoutbox
):
    from convene.notifications import rendering
    from convene.notifications.models import Notice

    second_admin = factories.make_user("admin2@convene.example", "staff_admin")
    limited(settings, per_day=5)
    client = client_for(member)
    for _ in range(3):
        assert export_filtered(client, sector="health").status_code == 429
    notices = Notice.objects.order_by("user_id")
    assert [notice.user for notice in notices] == [staff_admin, second_admin]
    for notice in notices:
        (shown,) = rendering.shown([notice], notice.user)
        assert shown.text == "A member reached the daily download limit: Amara Okafor"
        assert shown.url == f"/staff/users/{member.pk}/"
    mails = [mail for mail in mailoutbox if "daily download limit" in mail.subject]
    assert {mail.to[0] for mail in mails} == {staff_admin.email, second_admin.email}
    assert f"/staff/users/{member.pk}/" in mails[0].body
    assert "Leader" not in mails[0].body  # never who they tried to download
    refusals = AuditEvent.objects.filter(action=AuditEvent.Action.PEOPLE_EXPORT_REFUSED)
    assert refusals.count() == 3
    assert all(event.subject_user == member for event in refusals)

    # A day later, reaching it again tells them again.
    clock.shift(24 * 3600 + 60)
    assert export_filtered(client_for(member), sector="health").status_code == 429
    assert Notice.objects.count() == 4


def test_the_limit_frees_up_a_day_after_the_download(
    client_for, settings, member, directory, clock
):
    limited(settings)
    client = client_for(member)
    assert len(names_in(export_filtered(client, sector="health"))) == 10
    assert export_filtered(client, sector="fire").status_code == 429
    clock.shift(23 * 3600)
    assert export_filtered(client_for(member), sector="fire").status_code == 429
    clock.shift(3600 + 1)
    assert len(names_in(export_filtered(client_for(member), sector="fire"))) == 10


def test_the_form_says_how_many_leaders_are_left_today(client_for, settings, member, directory):
    limited(settings)
    client = client_for(member)
    export_filtered(client, sector="health")
    page = client.get("/directory/export/", {"sector": "fire"}).content.decode()
    assert "You can download 5 more leaders today" in " ".join(page.split())


def test_staff_admins_have_no_daily_limit(client_for, settings, staff_admin, directory):
    limited(settings, per_day=5)
    client = client_for(staff_admin)
    for sector in SECTORS:
        assert len(names_in(export_filtered(client, sector=sector))) == 10


def test_no_names_or_ids_of_people_are_kept_in_the_audit_log(
    client_for, settings, member, directory
):
    limited(settings)
    export_filtered(client_for(member), sector="health")
    event = AuditEvent.objects.get(action=AuditEvent.Action.PEOPLE_EXPORTED)
    assert event.detail == {
        "people": 10,
        "new_people": 10,
        "columns": ["name"],
        "format": "csv",
        "search": {"sector": ["health"]},
    }
