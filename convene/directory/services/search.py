"""Directory search: words in names, roles, organisations and challenges, with filters.

Filters combine as OR within a filter and AND across filters; facets.py counts them.

Search reads the profiles' search entries (search_index.py), narrow rows made for it.
Every word must begin a word of the entry (text_match.py), on PostgreSQL and SQLite
alike. Results are ranked by how well they match, field by field (ranking.py: a name
counts most, a passing mention in what someone can help with least; a word found often,
in several fields or as a phrase, more), then by family name, given name and key; only
the page shown is read from the profiles themselves, with why each matched (reasons.py).
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from convene.directory.models import (
    JobTitle,
    OrganisationType,
    Profile,
    Region,
    Sector,
    Topic,
)
from convene.directory.services import facets, ranking, reasons, spelling
from convene.directory.services.search_index import active_entries, normalise
from convene.directory.services.text_match import anyone_matches, matches
from convene.programmes.models import Cohort

PAGE_SIZE = 20
RESULT_FIELDS = [
    "title",
    "given_name",
    "family_name",
    "job_title",
    "working_on",
    "want_help_with",
    "can_help_with",
    "topics",
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
    # Words were searched but too many people match to rank them (ranking.MOST_RANKED).
    listed_by_name: bool = False


def _words(text: str) -> list[list[str]]:
    return [[word] for word in normalise(text).split()[:MAX_WORDS]]


def _with_close_spellings(words: list[list[str]]) -> list[list[str]]:
    """A word that matches no one at all is searched for as itself or the names one edit
    from it (services/spelling.py). A word that matches someone is never respelt."""
    respelt = []
    for alternatives in words:
        word = alternatives[0]
        if len(word) >= spelling.MIN_LENGTH and not anyone_matches(word):
            alternatives = [word, *spelling.close_to(word)]
        respelt.append(alternatives)
    return respelt


def terms(text: str) -> list[list[str]]:
    """Each searched word with its alternatives: itself, and its close spellings if it
    matches no one."""
    return _with_close_spellings(_words(text))


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
    base = active_entries()
    return base.filter(matches(words)) if words else base


def _entries(words: list[list[str]], chosen: dict[str, list[str]]) -> QuerySet:
    return facets.filtered(_base(words), chosen)


NAME_ORDER = ["family_name", "given_name", "pk"]


def _ranked(found: QuerySet, words: list[list[str]], total: int, via: str = "") -> QuerySet:
    """Best first: by score (ranking.py), then by name, so that ties read as a list; by
    name alone when no words were searched or too many people match.
    ``via`` is the path to the search entry from the model queried."""
    order = [via + name for name in NAME_ORDER]
    if not ranking.ranks(words, total):
        return found.order_by(*order)
    return found.annotate(relevance=ranking.Score(words, via)).order_by("-relevance", *order)


def matching_profiles(text: str, chosen: dict[str, list[str]]) -> tuple[QuerySet, int]:
    """Everyone the search finds, as profiles (for downloads and brokering), in the pages'
    order, and how many they are: counted once, as ranking needs the number too."""
    words = terms(text)
    entries = _entries(words, chosen)
    total = entries.count()
    found = Profile.objects.filter(pk__in=entries.values("pk")).select_related("organisation")
    return _ranked(found, words, total, via="search_entry__"), total


def ranked_ids(words: list[list[str]], chosen: dict[str, list[str]], total: int) -> QuerySet:
    """The ``total`` matching entries, best first: only their keys, to page through."""
    return _ranked(_entries(words, chosen), words, total).values_list("pk", flat=True)


def profiles_in_order(ids: list[int]) -> list[Profile]:
    """The profiles on the page shown, in the order found."""
    shown = Profile.objects.select_related("organisation").only(*RESULT_FIELDS).in_bulk(ids)
    return [shown[pk] for pk in ids if pk in shown]


def _counts(words: list[list[str]], chosen: dict[str, list[str]]) -> facets.Counts:
    return facets.cached(
        words, chosen, lambda: facets.count(_base(words), chosen, everyone=not words)
    )


def search(text: str, chosen: dict[str, list[str]], page_number) -> SearchResult:
    words = _words(text)
    counts = _counts(words, chosen)
    # Only a search that finds no one can hold a word that matches no one: the others
    # need no look for close spellings.
    if not counts.total:
        respelt = _with_close_spellings(words)
        if respelt != words:
            words, counts = respelt, _counts(respelt, chosen)
    paginator = Paginator(ranked_ids(words, chosen, counts.total), PAGE_SIZE)
    # The counts already hold the total: no second count of the same people.
    paginator.count = counts.total
    page = paginator.get_page(page_number)
    page.object_list = profiles_in_order(list(page.object_list))
    for person in page.object_list:
        person.headline = reasons.headline(person, words)
        person.reason = reasons.reason(person, words)
    options = {name: _options(name, counts.by_filter[name], chosen) for name in FILTERS}
    corrections = {alts[0]: alts[1:] for alts in words if len(alts) > 1}
    return SearchResult(
        page=page,
        total=counts.total,
        facets=options,
        corrections=corrections,
        listed_by_name=bool(words) and not ranking.ranks(words, counts.total),
    )
