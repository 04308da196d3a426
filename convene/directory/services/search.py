"""Directory search: words in names, roles, organisations and challenges, with filters.

Filters combine as OR within a filter and AND across filters. Each filter's counts are
computed with the other filters applied but not itself, so they say how many people
ticking that box would add.

Every word must match, as a substring or a near spelling (services/text_match.py), on
PostgreSQL and SQLite alike. Results are in family-name order; ranking by relevance is
still to come.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import and_

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from convene.directory.models import OrganisationType, Profile, Region, Sector
from convene.directory.services.text_match import word_matches
from convene.programmes.models import Cohort

PAGE_SIZE = 20
# filter name -> the lookup it filters on
FILTERS = {
    "sector": "organisation__sector",
    "region": "organisation__region",
    "org_type": "organisation__org_type",
    "cohort": "cohorts",
}


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


def _text_filter(words: list[str]) -> Q:
    """Every word must match (see text_match for what matching means)."""
    return reduce(and_, (word_matches(word) for word in words), Q())


def _filtered(base: QuerySet, chosen: dict[str, list[str]], leave_out: str | None = None):
    for name, values in chosen.items():
        if values and name != leave_out:
            base = base.filter(**{f"{FILTERS[name]}__in": values})
    return base


def _labels(name: str) -> dict[str, str]:
    if name == "cohort":
        return {str(pk): label for pk, label in Cohort.objects.values_list("pk", "name")}
    return dict({"sector": Sector, "region": Region, "org_type": OrganisationType}[name].choices)


def _facet(base: QuerySet, name: str, chosen: dict[str, list[str]]) -> list[FacetOption]:
    lookup = FILTERS[name]
    counts = (
        _filtered(base, chosen, leave_out=name)
        .exclude(**{f"{lookup}__isnull": True})
        .values(lookup)
        .annotate(n=Count("pk", distinct=True))
    )
    by_value = {str(row[lookup]): row["n"] for row in counts}
    labels = _labels(name)
    selected = set(chosen.get(name, []))
    options = [
        FacetOption(value, labels[value], by_value.get(value, 0), value in selected)
        for value in labels
        if by_value.get(value) or value in selected
    ]
    return sorted(options, key=lambda option: (-option.count, option.label))


def search(text: str, chosen: dict[str, list[str]], page_number) -> SearchResult:
    words = text.split()[:20]
    base = Profile.objects.filter(user__is_active=True)
    if words:
        base = base.filter(_text_filter(words))
    matches = _filtered(base, chosen).distinct()
    ordered = matches.select_related("organisation").order_by("family_name", "given_name", "pk")
    paginator = Paginator(ordered, PAGE_SIZE)
    page = paginator.get_page(page_number)
    facets = {name: _facet(base, name, chosen) for name in FILTERS}
    return SearchResult(page=page, total=paginator.count, facets=facets)
