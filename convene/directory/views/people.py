from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from convene.accounts.models import Role
from convene.accounts.services.audit import origin_of
from convene.core.access import roles_required
from convene.core.htmx import is_htmx
from convene.directory.forms import NewRoleForm, ProfileForm, SearchForm
from convene.directory.models import Profile, ProfilePhoto
from convene.directory.services import appointments, history, profiles
from convene.directory.services import search as directory_search
from convene.directory.services.visibility import contact_details, viewer_for

DIRECTORY_ROLES = ("member", "delegate", "facilitator", "staff_admin")


FILTER_LABELS = {
    "sector": "Sector",
    "region": "Region",
    "org_type": "Type of organisation",
    "title": "Job title",
    "cohort": "Cohort",
    "topic": "Topic",
}


@roles_required(*DIRECTORY_ROLES)
@require_GET
def search(request):
    form = SearchForm(request.GET)
    text, chosen = form.terms()
    result = directory_search.search(text, chosen, request.GET.get("page"))
    facets = [(name, FILTER_LABELS[name], result.facets[name]) for name in FILTER_LABELS]
    # Each chosen option with its filter's label, for "Remove filter Type of organisation:
    # Police force" (not the name in the address).
    selected = [
        (label, option, _without(request, name, option.value))
        for name, label, options in facets
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
    template = "directory/_search_update.html" if is_htmx(request) else "directory/search.html"
    return render(request, template, context)


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
        Profile.objects.select_related("user", "organisation__sector", "organisation__region")
        .prefetch_related("cohorts", "appointments__organisation")
        .annotate(has_photo=Exists(ProfilePhoto.objects.filter(profile=OuterRef("pk")))),
        pk=profile_id,
        user__is_active=True,
        # A former member keeps their profile, unlisted (docs/decisions/0025).
        user__role=Role.MEMBER,
    )
    context = {
        "person": person,
        "contact": contact_details(person, viewer_for(request.user)),
        "topics": [topic.strip() for topic in person.topics.split(",") if topic.strip()],
        "back": _back_to_search(request),
        "can_edit": profiles.can_edit(request.user, person),
    }
    return render(request, "directory/profile.html", context)


def _editable_profile(request, profile_id: int) -> Profile:
    """The profile if the signed-in user may edit it (their own, their leader's, or as staff)."""
    person = get_object_or_404(
        Profile.objects.select_related("user"), pk=profile_id, user__is_active=True
    )
    if not profiles.can_edit(request.user, person):
        raise PermissionDenied
    return person


@roles_required("member", "delegate", "staff_admin")
@require_http_methods(["GET", "POST"])
def edit_profile(request, profile_id: int):
    person = _editable_profile(request, profile_id)
    form = ProfileForm(
        request.POST or None, instance=Profile.objects.get(pk=person.pk), editor=request.user
    )
    if request.method == "POST" and form.is_valid():
        change = profiles.update_profile(
            person, form.cleaned_data, actor=request.user, origin=origin_of(request)
        )
        messages.success(request, "Profile updated" if change else "Nothing was changed")
        return redirect("directory:profile", profile_id=person.pk)
    return render(request, "directory/edit_profile.html", {"form": form, "person": person})


@roles_required("member", "delegate", "staff_admin")
@require_GET
def profile_history(request, profile_id: int):
    person = _editable_profile(request, profile_id)
    changes = history.shown_history(
        person, person.changes.select_related("actor")[:200], request.user
    )
    return render(request, "directory/profile_history.html", {"person": person, "changes": changes})


@roles_required("member", "delegate", "staff_admin")
@require_http_methods(["GET", "POST"])
def new_role(request, profile_id: int):
    person = _editable_profile(request, profile_id)
    form = NewRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appointments.start_new_role(
                person,
                job_title=form.cleaned_data["job_title"],
                organisation=form.cleaned_data["organisation"],
                started_on=form.cleaned_data["started_on"],
                actor=request.user,
                origin=origin_of(request),
            )
        except appointments.RoleRefused as error:
            form.add_error("day", str(error))
        else:
            messages.success(request, "New role recorded: the previous one is kept as history")
            return redirect("directory:profile", profile_id=person.pk)
    context = {"form": form, "person": person, "date_parts": DATE_PARTS}
    return render(request, "directory/new_role.html", context)


# The GOV.UK date input's boxes: field name, label, width in characters.
DATE_PARTS = [("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)]
