"""Search puts the people who match best first, says why each matched, and downloads list
them in the same order. CI runs these on SQLite (bm25) and PostgreSQL (ts_rank_cd)."""

import re

import pytest
from django.core.management import call_command

from convene.accounts.services.audit import Origin
from convene.directory.services.profiles import update_profile
from convene.directory.services.search import matching_profiles, search
from tests import factories

pytestmark = pytest.mark.django_db


def found(text: str, **chosen) -> list[str]:
    """Family names of the first page, in order."""
    return [p.family_name for p in search(text, {k: [v] for k, v in chosen.items()}, 1).page]


def member(family: str, **fields):
    return factories.make_member(f"{family.lower()}@x.gov.uk", given="Sam", family=family, **fields)


def test_a_challenge_in_topics_and_working_on_beats_a_passing_mention_and_the_alphabet():
    member("Abbott", can_help_with="Estates, workforce planning, and some staff wellbeing work")
    member("Baker", working_on="Wellbeing of the workforce in our depots")
    member(
        "Young",
        topics="workforce wellbeing, burnout",
        working_on="Workforce wellbeing: burnout and moral injury among frontline staff",
    )
    assert found("workforce wellbeing") == ["Young", "Baker", "Abbott"]


def test_a_name_beats_a_mention_in_a_text():
    member("Abbott", working_on="Acting on the Hughes review of custody")
    member("Hughes", working_on="Net zero estates")
    assert found("hughes") == ["Hughes", "Abbott"]


def test_equal_matches_are_listed_by_family_name():
    for family in ["Young", "Abbott", "Mills"]:
        member(family, working_on="Hospital discharge")
    assert found("discharge") == ["Abbott", "Mills", "Young"]
    assert found("") == ["Abbott", "Mills", "Young"]


def test_a_job_title_beats_a_mention_and_filters_still_apply():
    police = factories.make_organisation("Cumbria Constabulary", "E23000001", sector_id="policing")
    member("Abbott", working_on="Working with the chief constable on youth offending")
    member("Young", job_title="Chief Constable", organisation=police)
    assert found("chief constable") == ["Young", "Abbott"]
    assert found("chief constable", sector="policing") == ["Young"]


def test_downloads_list_people_in_the_order_of_the_pages():
    call_command("load_demo", verbosity=0)
    for text in ["workforce wellbeing", "youth offending", "manchester"]:
        page = [p.pk for p in search(text, {}, 1).page]
        assert [p.pk for p in matching_profiles(text, {})[0][:20]] == page, text


def test_the_demo_ranks_people_working_on_a_challenge_first():
    call_command("load_demo", verbosity=0)
    for text in ["workforce wellbeing", "youth offending"]:
        words = text.split()
        for person in search(text, {"sector": ["policing"]}, 1).page[:5]:
            about = f"{person.topics} {person.working_on}".lower()
            assert all(word in about for word in words), (text, person.pk)


@pytest.fixture
def page(client_for):
    def get(**params):
        viewer = factories.make_member("viewer@x.gov.uk", given="Vic", family="Viewer")
        return client_for(viewer).get("/directory/", params).content.decode()

    return get


def reasons(html: str) -> list[str]:
    return re.findall(r'data-testid="reason">(.*?)</p>', html, re.S)


def test_each_result_says_where_the_words_were_found(page):
    member("Young", working_on="Burnout and moral injury among frontline staff")
    member("Abbott", topics="Moral injury", can_help_with="Fleet")
    (first, second) = reasons(page(q="moral injur"))
    assert "Topics:</span> <mark>Moral</mark> <mark>injury</mark>" in first
    assert "Working on:</span> Burnout and <mark>moral</mark> <mark>injury</mark> among" in second


def test_a_long_text_is_quoted_around_the_words_found(page):
    text = "Estates and fleet. " * 10 + "Reducing knife crime in town centres. " + "Fleet. " * 20
    member("Young", working_on=text)
    (reason,) = reasons(page(q="knife"))
    assert "</span> …" in reason
    assert "<mark>knife</mark> crime in town centres" in reason
    assert len(re.sub(r"<[^>]+>", "", reason)) < 220


def test_words_in_the_job_title_are_marked_in_the_result_line(page):
    member("Young", job_title="Director of Children's Services")
    html = page(q="children")
    assert "Director of <mark>Children</mark>&#x27;s Services, " in html
    assert reasons(html) == []


def test_what_a_profile_says_is_escaped_in_the_reason(page):
    member("Young", working_on="<script>alert(1)</script> & youth offending <b>now</b>")
    html = page(q="youth")
    (reason,) = reasons(html)
    assert "<script>" not in html.split('data-testid="results"')[1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>youth</mark> offending" in reason
    assert "&lt;b&gt;now&lt;/b&gt;" in reason


def test_a_search_too_broad_to_rank_is_listed_by_name_and_says_so(client_for, monkeypatch):
    reader = member("Reader")
    member("Abbott", can_help_with="Flooding")
    member("Young", topics="flooding", working_on="Flooding on the coast")
    monkeypatch.setattr("convene.directory.services.ranking.MOST_RANKED", 1)
    assert found("flooding") == ["Abbott", "Young"]
    assert [p.family_name for p in matching_profiles("flooding", {})[0]] == ["Abbott", "Young"]
    html = client_for(reader).get("/directory/?q=flooding").content.decode()
    assert "Too many leaders match to put them in order of how well they match" in html
    monkeypatch.setattr("convene.directory.services.ranking.MOST_RANKED", 2)
    assert found("flooding") == ["Young", "Abbott"]
    html = client_for(reader).get("/directory/?q=flooding").content.decode()
    assert "Too many leaders match" not in html


def test_everyone_listed_by_name_is_not_called_too_broad(client_for, monkeypatch):
    reader = member("Reader")
    monkeypatch.setattr("convene.directory.services.ranking.MOST_RANKED", 0)
    assert "Too many leaders match" not in client_for(reader).get("/directory/").content.decode()


def test_an_edited_profile_is_ranked_by_what_it_says_now():
    # On PostgreSQL this reads the vector the entry stores (migration 0020).
    abbott = member("Abbott", can_help_with="Flooding")
    young = member("Young", topics="flooding")
    assert found("flooding") == ["Young", "Abbott"]
    update_profile(
        abbott.profile,
        {"topics": "flooding", "working_on": "Flooding on the coast"},
        actor=abbott,
        origin=Origin(),
    )
    update_profile(
        young.profile,
        {"topics": "net zero", "can_help_with": "Flooding"},
        actor=young,
        origin=Origin(),
    )
    assert found("flooding") == ["Abbott", "Young"]
