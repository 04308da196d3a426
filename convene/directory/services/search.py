"""Directory search: words in names, roles, organisations and challenges, with filters.

Filters combine as OR within a filter and AND across filters; facets.py counts them.

Every word must appear in the profile's search text (services/text_match.py), on
PostgreSQL and SQLite alike. Results are ranked by where the words were found (names
first), then by family name.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from convene.accounts.models import User
from convene.directory.models import JobTitle, OrganisationType, Profile, Region, Sector, Topic
from convene.directory.services import facets, spelling
from convene.directory.services.text_match import word_matches
from convene.programmes.models import Cohort

PAGE_SIZE = 20
RESULT_FIELDS = [
    "title",
    "given_name",
    "family_name",
    "job_title",
    "working_on",
    "organisation__name",
]
MAX_WORDS = 20
FILTERS = facets.NAMES
# Filters with many options show the most common (and any chosen) only.
FACET_LIMITS = {"topic": 20}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResult:
    page: Page
    total: int
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    # A misspelt word and the names searched for in its place.
    corrections: dict[str, list[str]] = field(default_factory=dict)


def terms(text: str) -> list[list[str]]:
    """Each searched word with its alternatives: itself, or if it matches no one at all,
    the names one edit from it (services/spelling.py)."""
    found = []
    for word in text.lower().split()[:MAX_WORDS]:
        alternatives = [word]
        if (
            len(word) >= spelling.MIN_LENGTH
            and not Profile.objects.filter(word_matches(word)).exists()
        ):
            alternatives += spelling.vocabulary().close_to(word)
        found.append(alternatives)
    return found


def _text_filter(words: list[list[str]]) -> Q:
    """Every word (or one of its close spellings) must match (see text_match)."""
    return reduce(and_, (reduce(or_, (word_matches(alt) for alt in alts)) for alts in words), Q())


# Where a word is found says how likely this is the person sought: a name beats a role,
# which beats a mention in their challenges.
RELEVANCE = [
    (("given_name", "family_name"), 4),
    (("organisation__name", "organisation__acronym"), 3),
    (("job_title", "topics"), 2),
]


def _relevance(words: list[list[str]]):
    """Points for each word by the best place it was found (every match scores at least 1)."""
    total = Value(0)
    for alternatives in words:
        cases = [
            When(
                reduce(
                    or_,
                    (Q(**{f"{f}__icontains": alt}) for f in fields for alt in alternatives),
                ),
                then=Value(points),
            )
            for fields, points in RELEVANCE
        ]
        total = total + Case(*cases, default=Value(1), output_field=IntegerField())
    return total


LABELLED_BY_ID = {"cohort": Cohort, "title": JobTitle, "topic": Topic}


def _labels(name: str) -> dict[str, str]:
    if name in LABELLED_BY_ID:
        return {
            str(pk): label for pk, label in LABELLED_BY_ID[name].objects.values_list("pk", "name")
        }
    if name == "org_type":
        return dict(OrganisationType.choices)
    return dict({"sector": Sector, "region": Region}[name].objects.values_list("code", "name"))


def _options(name: str, counts: dict[str, int], chosen: dict[str, list[str]]):
    labels = _labels(name)
    selected = set(chosen.get(name, []))
    options = [
        FacetOption(value, labels[value], counts.get(value, 0), value in selected)
        for value in labels
        if counts.get(value) or value in selected
    ]
    options.sort(key=lambda option: (-option.count, option.label))
    limit = FACET_LIMITS.get(name)
    if limit is None:
        return options
    return [o for i, o in enumerate(options) if i < limit or o.selected]


def _base(words: list[list[str]]) -> QuerySet:
    # Not a join on every user: the deactivated are few, and partly indexed for this.
    inactive = User.objects.filter(is_active=False).values("pk")
    base = Profile.objects.exclude(user_id__in=inactive)
    return base.filter(_text_filter(words)) if words else base


def matching_profiles(
    text: str, chosen: dict[str, list[str]], words: list[list[str]] | None = None
) -> QuerySet:
    """Everyone the search finds, best first: the results, before they are paged."""
    words = terms(text) if words is None else words
    matches = facets.filtered(_base(words), chosen).select_related("organisation")
    if words:
        return matches.annotate(relevance=_relevance(words)).order_by(
            "-relevance", "family_name", "given_name", "pk"
        )
    return matches.order_by("family_name", "given_name", "pk")


def search(text: str, chosen: dict[str, list[str]], page_number) -> SearchResult:
    words = terms(text)
    counts = facets.cached(words, chosen, lambda: facets.count(_base(words), chosen))
    # Only what a result shows: sorting thousands of whole rows would spill to disk.
    shown = matching_profiles(text, chosen, words).only(*RESULT_FIELDS)
    paginator = Paginator(shown, PAGE_SIZE)
    # The counts already hold the total: no second count of the same people.
    paginator.count = counts.total
    page = paginator.get_page(page_number)
    options = {name: _options(name, counts.by_filter[name], chosen) for name in FILTERS}
    corrections = {alts[0]: alts[1:] for alts in words if len(alts) > 1}
    return SearchResult(page=page, total=counts.total, facets=options, corrections=corrections)
