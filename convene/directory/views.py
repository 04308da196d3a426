from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from convene.core.access import roles_required
from convene.directory.forms import SearchForm
from convene.directory.models import Profile
from convene.directory.services import search as directory_search
from convene.directory.services.visibility import contact_details, viewer_for

DIRECTORY_ROLES = ("member", "delegate", "facilitator", "staff_admin")


FILTER_LABELS = {
    "sector": "Sector",
    "region": "Region",
    "org_type": "Type of organisation",
    "cohort": "Cohort",
}


@roles_required(*DIRECTORY_ROLES)
@require_GET
def search(request):
    form = SearchForm(request.GET)
    if form.is_valid():
        text = form.cleaned_data["q"]
        chosen = {name: form.cleaned_data[name] for name in FILTER_LABELS}
    else:
        text, chosen = "", {name: [] for name in FILTER_LABELS}
    result = directory_search.search(text, chosen, request.GET.get("page"))
    facets = [(name, FILTER_LABELS[name], result.facets[name]) for name in FILTER_LABELS]
    selected = [
        (name, option, _without(request, name, option.value))
        for name, _, options in facets
        for option in options
        if option.selected
    ]
    context = {
        "form": form,
        "result": result,
        "facets": facets,
        "selected": selected,
        "text": text,
        "here": request.get_full_path(),
        "clear_url": f"?{urlencode({'q': text})}" if text else "?",
        "page_query": _without(request, "page", None).lstrip("?"),
    }
    return render(request, "directory/search.html", context)


def _without(request, name: str, value: str | None) -> str:
    """This search's query string without one filter value (or all of ``name``)."""
    query = request.GET.copy()
    kept = [] if value is None else [v for v in query.getlist(name) if v != value]
    query.setlist(name, kept)
    query.pop("page", None)
    return "?" + query.urlencode()


def _back_to_search(request) -> str:
    """The search the viewer came from (only ever a directory URL), or the directory."""
    back = request.GET.get("back", "")
    return back if back.startswith("/directory/") and "//" not in back else "/directory/"


@roles_required(*DIRECTORY_ROLES)
def profile(request, profile_id: int):
    person = get_object_or_404(
        Profile.objects.select_related("user", "organisation").prefetch_related("cohorts"),
        pk=profile_id,
        user__is_active=True,
    )
    context = {
        "person": person,
        "contact": contact_details(person, viewer_for(request.user)),
        "topics": [topic.strip() for topic in person.topics.split(",") if topic.strip()],
        "back": _back_to_search(request),
    }
    return render(request, "directory/profile.html", context)
