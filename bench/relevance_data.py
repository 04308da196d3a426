"""The directory's relevance judgements and the measures of a ranking against them.

The judgements (relevance_judgements.toml, beside this file) were written from the demo
leaders' profiles, apart from the search code: for each query, the people a good search
puts in its first five, graded 2 (ideal) or 1 (acceptable). No Django here, so that
tests can check the file without measuring anything.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

JUDGEMENTS = Path(__file__).with_name("relevance_judgements.toml")
TOP = 5
IDEAL, ACCEPTABLE = 2, 1
# The filters a query may tick, by the code the search form takes (topics, job titles and
# cohorts are chosen by database id, which a file written apart from a database cannot name).
FILTERS = ("sector", "region", "org_type")


@dataclass(frozen=True)
class Query:
    id: str
    kind: str
    text: str
    filters: dict[str, list[str]]
    relevant_is: str
    grades: dict[str, int]  # sign-in e-mail address -> IDEAL or ACCEPTABLE

    @property
    def ideal(self) -> set[str]:
        return {email for email, grade in self.grades.items() if grade == IDEAL}

    @property
    def relevant(self) -> set[str]:
        return set(self.grades)


def load_judgements(path: Path = JUDGEMENTS) -> list[Query]:
    """The queries, checked: a malformed entry stops here, naming its query."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    queries, seen = [], set()
    for number, entry in enumerate(data.get("query", []), start=1):
        name = entry.get("id", f"query {number}")
        missing = {"id", "kind", "text", "relevant_is", "ideal"} - set(entry)
        if missing:
            raise ValueError(f"{name}: missing {', '.join(sorted(missing))}")
        if name in seen:
            raise ValueError(f"{name}: the id is used twice")
        seen.add(name)
        filters = entry.get("filters", {})
        unknown = set(filters) - set(FILTERS)
        if unknown:
            raise ValueError(f"{name}: unknown filter {', '.join(sorted(unknown))}")
        ideal, acceptable = entry["ideal"], entry.get("acceptable", [])
        if not ideal:
            raise ValueError(f"{name}: no ideal person")
        both = set(ideal) & set(acceptable)
        if both or len(set(ideal)) != len(ideal) or len(set(acceptable)) != len(acceptable):
            raise ValueError(f"{name}: someone is listed twice ({', '.join(sorted(both))})")
        queries.append(
            Query(
                id=name,
                kind=entry["kind"],
                text=entry["text"],
                filters={key: list(values) for key, values in filters.items()},
                relevant_is=entry["relevant_is"],
                grades={**dict.fromkeys(acceptable, ACCEPTABLE), **dict.fromkeys(ideal, IDEAL)},
            )
        )
    return queries


def precision_at_5(ranked: list[str], wanted: set[str]) -> float:
    """The share of the first five results that are wanted, out of five or, when fewer
    people are wanted, out of how many are: a perfect ranking scores 1."""
    return len(set(ranked[:TOP]) & wanted) / min(TOP, len(wanted))


def reciprocal_rank(ranked: list[str], wanted: set[str]) -> float:
    """1 / the position of the first wanted result, 0 if none is in ``ranked``."""
    for position, email in enumerate(ranked, start=1):
        if email in wanted:
            return 1 / position
    return 0.0
