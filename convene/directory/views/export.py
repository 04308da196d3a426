"""Downloading the people a directory search found, as CSV or XLSX."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from convene.accounts.models import AuditEvent, Role
from convene.accounts.services import audit
from convene.accounts.services.audit import origin_of
from convene.core.access import roles_required
from convene.directory.forms import SearchForm
from convene.directory.forms_staff import ExportForm
from convene.directory.services import export
from convene.directory.services.search import matching_profiles
from convene.directory.services.visibility import viewer_for
from convene.directory.views.people import DIRECTORY_ROLES


@roles_required(*DIRECTORY_ROLES)
@require_GET
def export_people(request):
    text, chosen = SearchForm(request.GET).terms()
    people = matching_profiles(text, chosen)
    total = people.count()
    limit = None if request.user.role == Role.STAFF_ADMIN else settings.DIRECTORY_EXPORT_MAX_PEOPLE
    submitted = "file_format" in request.GET or "columns" in request.GET
    form = ExportForm(request.GET if submitted else None)
    too_many = limit is not None and total > limit
    if submitted and form.is_valid() and not too_many and total:
        return _download(request, people, total, form.cleaned_data, {"q": text, **chosen})
    search = {"q": text, **chosen}
    context = {
        "form": form,
        "total": total,
        "limit": limit,
        "too_many": too_many,
        "search_fields": [(name, value) for name, values in chosen.items() for value in values],
        "text": text,
        "back": "/directory/?" + urlencode(search, doseq=True),
    }
    return render(request, "directory/export.html", context)


def _download(request, people, total: int, choice: dict, search: dict) -> HttpResponse:
    columns = [key for key in export.COLUMNS if key in choice["columns"]]
    kind = choice["file_format"]
    profiles = people.prefetch_related("cohorts")
    body = export.rows(profiles.iterator(chunk_size=500), columns, viewer_for(request.user))
    header = [export.COLUMNS[key] for key in columns]
    content = export.as_csv(header, body) if kind == "csv" else export.as_xlsx(header, body)
    audit.record(
        AuditEvent.Action.PEOPLE_EXPORTED,
        actor=request.user,
        origin=origin_of(request),
        people=total,
        columns=columns,
        format=kind,
        search={name: values for name, values in search.items() if values},
    )
    response = HttpResponse(content, content_type=export.CONTENT_TYPES[kind])
    filename = f"convene-people-{timezone.localdate():%Y-%m-%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
