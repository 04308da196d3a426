"""Staff import people from a CSV or XLSX file: upload, dry run, confirm, import."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convene.accounts.services.audit import client_ip
from convene.core.access import roles_required
from convene.core.htmx import is_htmx
from convene.core.plurals import counted
from convene.directory.forms_staff import ConfirmOrganisationsForm, PeopleFileForm
from convene.directory.imports import runs, template
from convene.directory.imports.reading import COLUMNS, REQUIRED_COLUMNS
from convene.directory.models import PeopleImport
from convene.directory.services.export import CONTENT_TYPES

RECENT_IMPORTS = 20


@roles_required("staff_admin")
@require_http_methods(["GET", "POST"])
def import_people(request):
    form = PeopleFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        people_import = runs.start(
            upload.read(), upload.name, invite=form.cleaned_data["invite"], actor=request.user
        )
        return redirect("directory:people_import", import_id=people_import.pk)
    context = {
        "form": form,
        "columns": [(label, field in REQUIRED_COLUMNS) for field, (label, _) in COLUMNS.items()],
        "imports": PeopleImport.objects.select_related("uploaded_by")[:RECENT_IMPORTS],
    }
    return render(request, "directory/imports/upload.html", context)


@roles_required("staff_admin")
@require_GET
def import_template(request):
    """An empty file of people to fill in: the header row the importer reads."""
    response = HttpResponse(template.template_csv(), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="{template.FILENAME}"'
    return response


@roles_required("staff_admin")
@require_GET
def people_import(request, import_id: int):
    run = get_object_or_404(PeopleImport, pk=import_id)
    report = run.report
    context = {
        "run": run,
        "report": report,
        "counts": report.get("counts", {}),
        "organisations_form": (
            ConfirmOrganisationsForm(report["unmatched"])
            if run.status == PeopleImport.Status.CHECKED and report.get("unmatched")
            else None
        ),
    }
    if not is_htmx(request):
        return render(request, "directory/imports/run.html", context)
    # The enhanced page polls for the progress panel alone while the work runs, and
    # reloads in full to show the report once it is done.
    response = render(request, "directory/imports/_progress.html", context)
    if not run.is_running:
        response["HX-Refresh"] = "true"
    return response


@roles_required("staff_admin")
@require_POST
def confirm_organisations(request, import_id: int):
    run = get_object_or_404(PeopleImport, pk=import_id, status=PeopleImport.Status.CHECKED)
    form = ConfirmOrganisationsForm(run.report.get("unmatched", {}), request.POST)
    if form.is_valid() and form.chosen():
        count = runs.confirm_organisations(run, form.chosen(), actor=request.user)
        messages.success(
            request,
            f"{counted(count, 'organisation name', 'organisation names')} confirmed: "
            "the file is being checked again",
        )
    else:
        messages.error(request, "Choose an organisation for at least one name, or correct the file")
    return redirect("directory:people_import", import_id=run.pk)


@roles_required("staff_admin")
@require_POST
def run_import(request, import_id: int):
    from convene.directory.tasks import import_people as import_task

    run = get_object_or_404(PeopleImport, pk=import_id)
    if runs.claim_for_import(run):
        import_task.enqueue(
            import_id=run.pk, actor_id=request.user.pk, ip_address=client_ip(request)
        )
    else:
        messages.error(request, "This file cannot be imported: see the report below")
    return redirect("directory:people_import", import_id=run.pk)
