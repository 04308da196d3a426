"""A leader's photo: shown to people signed in, changed by those who may edit the profile."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import http_date
from django.views.decorators.http import require_GET, require_http_methods

from convene.accounts.services.audit import origin_of
from convene.core.access import roles_required
from convene.directory.forms import PhotoForm
from convene.directory.models import ProfilePhoto
from convene.directory.services import photos
from convene.directory.views.people import DIRECTORY_ROLES, _editable_profile


@roles_required(*DIRECTORY_ROLES)
@require_GET
def photo(request, profile_id: int):
    found = get_object_or_404(ProfilePhoto, profile_id=profile_id, profile__user__is_active=True)
    response = HttpResponse(bytes(found.jpeg), content_type="image/jpeg")
    # Never cached: every response to someone signed in is no-store (core/middleware.py).
    response["Last-Modified"] = http_date(found.updated_at.timestamp())
    return response


@roles_required("member", "delegate", "staff_admin")
@require_http_methods(["GET", "POST"])
def edit_photo(request, profile_id: int):
    person = _editable_profile(request, profile_id)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "remove" in request.POST:
        if not photos.remove_photo(person, actor=request.user, origin=origin_of(request)):
            raise Http404("No photo to remove")
        messages.success(request, "Photo removed")
        return redirect("directory:profile", profile_id=person.pk)
    if request.method == "POST" and form.is_valid():
        try:
            photos.change_photo(
                person, form.cleaned_data["photo"], actor=request.user, origin=origin_of(request)
            )
        except photos.PhotoRefused as error:
            form.add_error("photo", str(error))
        else:
            messages.success(request, "Photo saved")
            return redirect("directory:profile", profile_id=person.pk)
    has_photo = ProfilePhoto.objects.filter(profile=person).exists()
    context = {"form": form, "person": person, "has_photo": has_photo}
    return render(request, "directory/edit_photo.html", context)
