"""Downloading the people a directory search found, as CSV or XLSX."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from convene.accounts.services.audit import origin_of
from convene.core.access import roles_required
from convene.directory.forms import SearchForm
from convene.directory.forms_staff import ExportForm
from convene.directory.services import export, export_limits
from convene.directory.services.search import matching_profiles
from convene.directory.views.people import DIRECTORY_ROLES


@roles_required(*DIRECTORY_ROLES)
@require_GET
def export_people(request):
    text, chosen = SearchForm(request.GET).terms()
    search = {"q": text, **chosen}
    people, total = matching_profiles(text, chosen)
    limit = export_limits.file_limit(request.user)
    submitted = "file_format" in request.GET or "columns" in request.GET
    form = ExportForm(request.GET if submitted else None)
    too_many = limit is not None and total > limit
    context = {
        "form": form,
        "total": total,
        "limit": limit,
        "too_many": too_many,
        "search_fields": [(name, value) for name, values in chosen.items() for value in values],
        "text": text,
        "back": "/directory/?" + urlencode(search, doseq=True),
    }
    if submitted and form.is_valid() and not too_many and total:
        try:
            content = export.export_people(
                people,
                form.cleaned_data["columns"],
                form.cleaned_data["file_format"],
                search,
                actor=request.user,
                origin=origin_of(request),
            )
        except export_limits.DailyLimitReached as refusal:
            context |= {"refusal": refusal, "allowance": refusal.allowance}
            return render(request, "directory/export_refused.html", context, status=429)
        except export.TooManyPeople:  # more were found while the file was being made
            context["too_many"] = True
        else:
            return _file(content, form.cleaned_data["file_format"])
    context["allowance"] = export_limits.allowance(request.user, timezone.now())
    return render(request, "directory/export.html", context)


def _file(content: bytes, kind: str) -> HttpResponse:
    response = HttpResponse(content, content_type=export.CONTENT_TYPES[kind])
    filename = f"convene-people-{timezone.localdate():%Y-%m-%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
