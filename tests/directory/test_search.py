"""The directory search page: words, filters with counts, pages, and no results."""

import re

import pytest

from convene.directory.models import OrganisationType
from convene.programmes.models import Cohort
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaders(db):
    leeds = factories.make_organisation()
    police = factories.make_organisation(
        "West Yorkshire Police",
        "E23000010",
        org_type=OrganisationType.POLICE_FORCE,
        sector_id="policing",
        region_id="TLE",
    )
    trust = factories.make_organisation(
        "Manchester University NHS Foundation Trust",
        "ods:R0A",
        acronym="MFT",
        org_type=OrganisationType.NHS_TRUST,
        sector_id="health",
        region_id="TLD",
    )
    cohort = Cohort.objects.create(name="North 2026")
    made = {
        "council": factories.make_member(
            "a@x.gov.uk",
            given="Aisha",
            family="Ahmed",
            organisation=leeds,
            working_on="Keeping teenagers out of court with early help",
        ),
        "police": factories.make_member(
            "b@x.gov.uk",
            given="Ben",
            family="Brown",
            organisation=police,
            job_title="Chief Constable",
            working_on="Youth diversion from the justice system",
        ),
        "trust": factories.make_member(
            "c@x.gov.uk",
            given="Cara",
            family="Clarke",
            organisation=trust,
            topics="hospital discharge, youth mental health",
        ),
    }
    factories.join_cohort(cohort, made["police"], made["trust"])
    return made


def names(response) -> list[str]:
    return re.findall(
        r'<a class="govuk-link" href="/people/\d+/\?back=[^"]*">([^<]+)</a>',
        response.content.decode(),
    )


def count(response) -> str:
    return re.search(r'data-testid="result-count">([^<]+)<', response.content.decode()).group(1)


@pytest.fixture
def browse(client_for, leaders):
    client = client_for(leaders["council"])
    return lambda headers=None, **params: client.get("/directory/", params, headers=headers)


def test_it_lists_everyone_by_family_name(browse):
    response = browse()
    assert names(response) == ["Aisha Ahmed", "Ben Brown", "Cara Clarke"]
    assert count(response) == "3 leaders found"
    assert 'role="status"' in response.content.decode()


def test_words_match_names_roles_organisations_topics_and_challenges(browse):
    # A topic ranks above a mention in the challenge texts.
    assert names(browse(q="youth")) == ["Cara Clarke", "Ben Brown"]
    assert names(browse(q="chief constable")) == ["Ben Brown"]
    assert names(browse(q="MFT")) == ["Cara Clarke"]
    assert names(browse(q="teenagers court")) == ["Aisha Ahmed"]
    assert names(browse(q="CLARKE")) == ["Cara Clarke"]


def test_filters_are_or_within_and_and_across(browse, leaders):
    assert names(browse(sector=["policing", "health"])) == ["Ben Brown", "Cara Clarke"]
    cohort = Cohort.objects.get().pk
    assert names(browse(sector=["policing", "health"], region="TLD", cohort=cohort)) == [
        "Cara Clarke"
    ]


def test_filter_counts_show_what_ticking_would_add(browse):
    content = browse(sector="policing").content.decode()
    # Other sectors still show their counts, so a second tick can widen the search.
    assert re.search(r"Health and care <span[^>]*>\(1\)", content)
    assert re.search(r"Local government <span[^>]*>\(1\)", content)
    assert re.search(r"Police force <span[^>]*>\(1\)", content)


def test_selected_filters_can_be_removed_one_by_one(browse):
    content = browse(q="youth", sector=["policing", "health"]).content.decode()
    assert 'href="?q=youth&amp;sector=health">Remove filter' in content
    assert 'href="?q=youth">Clear filters</a>' in content


def download_link(response) -> str:
    return re.search(
        r'href="/directory/export/\?[^"]*">([^<]+)</a>', response.content.decode()
    ).group(1)


@pytest.mark.parametrize(
    ("q", "found", "download"),
    [
        ("Clarke", "1 leader found", "Download this leader"),
        ("youth", "2 leaders found", "Download these 2 leaders"),
    ],
)
def test_counts_read_as_english_for_one_and_for_more(browse, q, found, download):
    response = browse(q=q)
    assert count(response) == found
    assert download_link(response) == download


def removal_links(response) -> list[str]:
    """What each "Remove filter" link says to a screen reader: its text, tags and all."""
    found = re.findall(
        r'<a class="govuk-link" href="[^"]*">(Remove filter .*?)</a>', response.content.decode()
    )
    return [re.sub(r"<[^>]+>", "", link) for link in found]


def test_a_filter_s_removal_link_names_it_in_words(browse):
    response = browse(org_type=OrganisationType.POLICE_FORCE, sector="policing")
    assert removal_links(response) == [
        "Remove filter Sector: Policing",
        "Remove filter Type of organisation: Police force",
    ]
    assert "org_type:" not in response.content.decode()


def test_no_results_explain_why_and_what_to_try(browse):
    response = browse(q="zebra", sector="policing")
    assert count(response) == "0 leaders found"
    content = response.content.decode()
    assert "No leaders match “zebra” with the filters you chose" in content
    assert "clear all filters" in content


def test_twenty_a_page(client_for, leaders):
    for n in range(25):
        factories.make_member(f"p{n}@x.gov.uk", given="Page", family=f"Person{n:02d}")
    client = client_for(leaders["council"])
    first = client.get("/directory/", {"q": "page"})
    assert len(names(first)) == 20
    assert "Page 1 of 2" in first.content.decode()
    second = client.get("/directory/", {"q": "page", "page": 2})
    assert len(names(second)) == 5
    assert client.get("/directory/", {"q": "page", "page": "999"}).status_code == 200


def test_a_result_links_to_the_profile_and_back_to_this_search(browse, leaders):
    content = browse(q="youth", sector="health").content.decode()
    pk = leaders["trust"].profile.pk
    assert f'href="/people/{pk}/?back=/directory/%3Fq%3Dyouth%26sector%3Dhealth"' in content


def test_deactivated_leaders_are_not_listed(browse, leaders):
    leaders["trust"].is_active = False
    leaders["trust"].save()
    assert "Cara Clarke" not in names(browse())


@pytest.mark.parametrize(
    "params",
    [
        {"q": "<script>alert(1)</script>"},
        {"q": "'; DROP TABLE directory_profile; --"},
        {"sector": "<b>nope</b>", "region": "TLZ", "cohort": "abc"},
        {"page": "-1"},
    ],
)
def test_hostile_input_is_harmless(browse, params):
    response = browse(**params)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert b"<b>nope</b>" not in response.content


def test_an_over_long_search_gets_a_clear_error(browse):
    response = browse(q="x" * 10_000)
    assert response.status_code == 200
    assert "Search for 200 characters or fewer" in response.content.decode()
    assert count(response) == "3 leaders found"


def test_it_rejects_post(client_for, leaders):
    assert client_for(leaders["council"]).post("/directory/").status_code == 405


def test_a_name_match_ranks_above_a_mention(client_for, leaders):
    factories.make_member(
        "z@x.gov.uk", given="Zoe", family="Aaron", working_on="Working with Clarke on discharge"
    )
    response = client_for(leaders["council"]).get("/directory/", {"q": "clarke"})
    assert names(response) == ["Cara Clarke", "Zoe Aaron"]


def test_job_titles_and_topics_filter_with_counts(browse):
    from convene.directory.models import JobTitle, Topic

    chief_constable = JobTitle.objects.get(name="Chief constable").pk
    content = browse().content.decode()
    assert re.search(r"Chief executive <span[^>]*>\(2\)", content)
    assert re.search(r"Chief constable <span[^>]*>\(1\)", content)
    assert re.search(r"youth mental health <span[^>]*>\(1\)", content)

    assert names(browse(title=chief_constable)) == ["Ben Brown"]
    discharge = Topic.objects.get(name="hospital discharge").pk
    assert names(browse(topic=discharge)) == ["Cara Clarke"]
    assert names(browse(topic=discharge, title=chief_constable)) == []


def test_a_misspelt_organisation_still_finds_its_people_and_says_so(browse):
    response = browse(q="Manchestr")
    assert names(response) == ["Cara Clarke"]
    assert "Including close spellings: “manchestr” → manchester" in response.content.decode()


def test_htmx_gets_the_results_title_filters_and_announced_count_alone(browse):
    response = browse(q="youth", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert '<div id="search-results">' in html
    # The checkboxes alone: "Filter results" around them stays open or closed.
    assert '<div hx-swap-oob="innerHTML:#search-filters">' in html
    assert 'name="sector" type="checkbox"' in html
    assert "<details" not in html
    assert "<title>youth \u2013 Directory \u2013 Convene</title>" in html
    assert '<div hx-swap-oob="innerHTML:#search-status">2 leaders found</div>' in html


def test_a_history_restore_gets_the_whole_page(browse):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in browse(q="youth", headers=headers).content.decode()
