"""Staff keep the directory's controlled lists: sectors, regions and normalised job titles."""

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Count, Model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from convene.accounts.services.audit import origin_of
from convene.core.access import roles_required
from convene.directory.forms_staff import JobTitleForm, RegionForm, SectorForm
from convene.directory.models import JobTitle, Region, Sector
from convene.directory.services import lists


@dataclass(frozen=True)
class ControlledList:
    title: str
    singular: str
    model: type[Model]
    form: type
    # What uses each entry, counted beside it so that staff see the effect of a change.
    used_by: str
    used_by_label: str


LISTS = {
    "sectors": ControlledList(
        "Sectors", "sector", Sector, SectorForm, "organisations", "Organisations"
    ),
    "regions": ControlledList(
        "Regions", "region", Region, RegionForm, "organisations", "Organisations"
    ),
    "job-titles": ControlledList(
        "Job titles", "job title", JobTitle, JobTitleForm, "leaders", "Leaders"
    ),
}


def _list_of(kind: str) -> ControlledList:
    if kind not in LISTS:
        raise Http404("No such list")
    return LISTS[kind]


@roles_required("staff_admin")
@require_GET
def overview(request):
    lists = [(kind, entry, entry.model.objects.count()) for kind, entry in LISTS.items()]
    return render(request, "directory/lists/overview.html", {"lists": lists})


@roles_required("staff_admin")
@require_http_methods(["GET", "POST"])
def entries(request, kind: str):
    kept = _list_of(kind)
    form = kept.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = _save(request, kind, form)
        messages.success(request, f"{entry} added")
        return redirect("directory:list_entries", kind=kind)
    rows = kept.model.objects.annotate(uses=Count(kept.used_by))
    context = {"kind": kind, "kept": kept, "rows": rows, "form": form}
    return render(request, "directory/lists/entries.html", context)


@roles_required("staff_admin")
@require_http_methods(["GET", "POST"])
def edit_entry(request, kind: str, entry_id: int):
    kept = _list_of(kind)
    entry = get_object_or_404(kept.model, pk=entry_id)
    form = kept.form(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            _save(request, kind, form)
            messages.success(request, f"{form.instance} saved")
        return redirect("directory:list_entries", kind=kind)
    return render(request, "directory/lists/edit.html", {"kind": kind, "kept": kept, "form": form})


def _save(request, kind: str, form):
    # The form has checked the entry and set its fields; the service saves and records it.
    return lists.save_list_entry(
        kind, form.instance, form.changed_data, actor=request.user, origin=origin_of(request)
    )
