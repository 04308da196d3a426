"""The relevance bench's judgements stay true to the demo data they were written for.

bench/relevance_judgements.toml names demo leaders by sign-in address; if the demo's
leaders change, the file must be written again (bench/relevance_judge.py) and read, or
the bench would measure against people who are not there, or miss new ones.
"""

import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import relevance_judge  # noqa: E402
from relevance_data import JUDGEMENTS, load_judgements  # noqa: E402


@pytest.fixture(scope="module")
def demo_people(django_db_setup, django_db_blocker):
    """The demo's leaders as the judgement rules read them, loaded once for the module and
    rolled back after it (tests using it are marked django_db, so the database is made)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield {person.email: person for person in relevance_judge.demo_people()}
        transaction.set_rollback(True)


def test_the_judgements_parse_with_enough_queries_of_every_kind():
    queries = load_judgements()
    assert len(queries) >= 40
    kinds = {query.kind for query in queries}
    assert {"challenge", "wording", "name", "misspelt", "role + place", "organisation"} <= kinds
    assert all(query.ideal for query in queries)


@pytest.mark.django_db
def test_everyone_judged_relevant_is_a_demo_leader_the_filters_let_through(demo_people):
    for query in load_judgements():
        missing = query.relevant - set(demo_people)
        assert not missing, f"{query.id}: not in the demo: {sorted(missing)[:5]}"
        where = {"sector": "sector", "region": "region", "org_type": "org_type"}
        for email in query.relevant:
            person = demo_people[email]
            for name, values in query.filters.items():
                assert getattr(person, where[name]) in values, f"{query.id}: {email} {name}"


@pytest.mark.django_db
def test_the_file_is_what_the_rules_write_from_todays_demo(demo_people):
    written = relevance_judge.render(relevance_judge.judge(list(demo_people.values())))
    assert written == JUDGEMENTS.read_text(), (
        "The demo or the rules changed: run bench/relevance_judge.py and read the diff"
    )
