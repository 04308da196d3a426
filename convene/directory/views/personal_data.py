"""Data rights: a person downloads what Convene holds about them; staff erase a member."""

import json

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from convene.accounts.models import User
from convene.accounts.services.audit import origin_of
from convene.core.access import roles_required, signed_in
from convene.core.forms import GovukForm
from convene.directory.services import personal_data


@signed_in
@require_GET
def your_data(request):
    return render(request, "directory/your_data.html")


@signed_in
@require_GET
def download_your_data(request):
    held = personal_data.download_own_data(actor=request.user, origin=origin_of(request))
    response = HttpResponse(
        json.dumps(held, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"convene-your-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EraseForm(GovukForm):
    email = forms.CharField(
        label="Type their e-mail address to confirm",
        max_length=254,
        error_messages={"required": "Type their e-mail address to confirm"},
    )

    def __init__(self, account: User, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean_email(self):
        typed = self.cleaned_data["email"].strip().lower()
        if typed != self.account.email:
            raise forms.ValidationError("The e-mail address you typed is not theirs")
        return typed


@roles_required("staff_admin")
@require_http_methods(["GET", "POST"])
def erase_member(request, user_id: int):
    account = get_object_or_404(User, pk=user_id)
    form = EraseForm(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            personal_data.erase(account, actor=request.user, origin=origin_of(request))
        except personal_data.ErasureRefused as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, "The account and everything that named them were erased")
            return redirect("accounts:staff_users")
    return render(request, "directory/erase_member.html", {"account": account, "form": form})
