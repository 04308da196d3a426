"""Directory search relevance: precision at 5 and mean reciprocal rank on the demo data.

Usage: [DATABASE_URL=...] .venv/bin/python bench/relevance.py [--reuse] [--worst N]

Makes the demo (`make demo`'s 1,500 fictional leaders, seeded) in the database named,
which it drops and recreates (a throwaway SQLite file if DATABASE_URL is not set; --reuse
keeps a demo already there: rebuild its search entries if you change how they are made).
Then it runs every query of relevance_judgements.toml through the directory's search, as
the search page does for member@demo.example (the search form's words and filters, the
first page of results), and prints, overall and for each kind of query:
- P@5: the share of the first five results that the judgements call relevant (ideal or
  acceptable), out of five, or out of how many there are when fewer are relevant;
- MRR: the mean over queries of 1 / the position of the first relevant result on the
  first page, 0 when none is there;
- the same two counting only the ideal people;
and the worst queries with their first five results. The judgements were written from
the profiles, apart from the search code (see the file's header and relevance_judge.py).
"""

import argparse
import os
import statistics
import tempfile
import time
from dataclasses import dataclass

from common import recreate_database, setup_django
from relevance_data import IDEAL, TOP, Query, load_judgements, precision_at_5, reciprocal_rank

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# Peer vectors are queued, not computed: search does not read them, and they take longer
# than everything else the demo makes.
os.environ["TASKS_MODE"] = "database"

SEARCHER = "member@demo.example"


@dataclass
class Scores:
    query: Query
    ranked: list[str]  # sign-in e-mail addresses, in the order of the first page
    names: dict[str, str]

    @property
    def p5(self) -> float:
        return precision_at_5(self.ranked, self.query.relevant)

    @property
    def rr(self) -> float:
        return reciprocal_rank(self.ranked, self.query.relevant)

    @property
    def p5_ideal(self) -> float:
        return precision_at_5(self.ranked, self.query.ideal)

    @property
    def rr_ideal(self) -> float:
        return reciprocal_rank(self.ranked, self.query.ideal)


def build_demo(reuse: bool) -> float:
    """The demo data in the database named; the seconds it took."""
    from django.core.management import call_command

    from convene.accounts.services.audit import Origin
    from convene.directory.services.demo import load_demo

    started = time.perf_counter()
    if not reuse:
        recreate_database()
    call_command("migrate", verbosity=0)
    load_demo(actor=None, origin=Origin())  # adds nothing to a demo already there
    return time.perf_counter() - started


def people() -> tuple[dict[int, str], dict[str, str]]:
    """Every listed leader's profile id -> sign-in address, and address -> name."""
    from convene.directory.models import Profile

    rows = Profile.objects.values_list("pk", "user__email", "given_name", "family_name")
    return (
        {pk: email for pk, email, _, _ in rows},
        {email: f"{given} {family}" for _, email, given, family in rows},
    )


def ranked(query: Query, emails: dict[int, str]) -> list[str]:
    """The first page of results for ``query``, as the search page would make it."""
    from django.http import QueryDict

    from convene.directory.forms import SearchForm
    from convene.directory.services import search

    data = QueryDict(mutable=True)
    data["q"] = query.text
    for name, values in query.filters.items():
        data.setlist(name, values)
    text, chosen = SearchForm(data).terms()
    for name, values in query.filters.items():
        # The form drops a value it does not know: the query would be measured unfiltered.
        if sorted(chosen[name]) != sorted(values):
            raise SystemExit(f"{query.id}: the search form does not offer {name}={values}")
    result = search.search(text, chosen, 1)
    return [emails[profile.pk] for profile in result.page.object_list]


def mean(values) -> float:
    return statistics.fmean(values)


def print_table(scores: list[Scores]) -> None:
    kinds = list(dict.fromkeys(score.query.kind for score in scores))
    print(f"  {'kind':20} {'queries':>7} {'P@5':>6} {'MRR':>6} {'P@5 ideal':>10} {'MRR ideal':>10}")
    for kind, group in [(k, [s for s in scores if s.query.kind == k]) for k in kinds] + [
        ("all", scores)
    ]:
        print(
            f"  {kind:20} {len(group):7d} {mean(s.p5 for s in group):6.3f} "
            f"{mean(s.rr for s in group):6.3f} {mean(s.p5_ideal for s in group):10.3f} "
            f"{mean(s.rr_ideal for s in group):10.3f}"
        )


def print_worst(scores: list[Scores], count: int) -> None:
    worst = sorted(scores, key=lambda s: (s.p5, s.rr, s.p5_ideal, s.rr_ideal, s.query.id))
    print(f"\nThe {count} worst queries (by P@5, then MRR, then the ideal figures)")
    print("  first five results: ** ideal, * acceptable, - not relevant")
    for score in worst[:count]:
        query = score.query
        filters = " ".join(f"{k}={','.join(v)}" for k, v in query.filters.items())
        print(
            f"  P@5 {score.p5:.2f} MRR {score.rr:.2f} (ideal {score.p5_ideal:.2f} / "
            f"{score.rr_ideal:.2f})  {query.kind}: {query.text!r} {filters}".rstrip()
        )
        print(f"      wanted: {query.relevant_is}")
        marks = {IDEAL: "**"}
        shown = [
            f"{marks.get(query.grades.get(email), '*' if email in query.grades else '-')}"
            f"{score.names[email]}"
            for email in score.ranked[:TOP]
        ]
        print(f"      got: {', '.join(shown) or '(nothing)'}; {len(score.ranked)} on page 1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep a demo already loaded")
    parser.add_argument("--worst", type=int, default=10, help="how many worst queries to show")
    options = parser.parse_args()
    queries = load_judgements()

    setup_django()
    from django.db import connection

    made = build_demo(options.reuse)
    emails, names = people()
    started = time.perf_counter()
    scores = [Scores(query, ranked(query, emails), names) for query in queries]
    took = time.perf_counter() - started
    print(
        f"Relevance on {connection.vendor} ({connection.settings_dict['NAME']}): "
        f"{len(emails):,} leaders (demo made in {made:.0f} s), {len(queries)} queries "
        f"searched in {took:.1f} s, as {SEARCHER} would"
    )
    print_table(scores)
    print_worst(scores, options.worst)


if __name__ == "__main__":
    main()
