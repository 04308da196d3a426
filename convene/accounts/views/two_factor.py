"""Two-factor sign-in: set up an authenticator, pass it at sign-in, staff reset."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from convene.accounts.forms import AuthenticatorCodeForm, RecoveryCodeForm
from convene.accounts.models import User
from convene.accounts.services import sessions, two_factor
from convene.accounts.services.audit import origin_of
from convene.core.access import before_two_factor, roles_required, signed_in

NEW_CODES_KEY = "convene_new_recovery_codes"
WRONG_CODE = "The code is not correct. Check your authenticator app and try again"
LOCKED = (
    "Too many wrong codes. For your security, wait 15 minutes before trying again, "
    "or contact the Convene team."
)


def _check(form, check) -> bool | None:
    """Run ``check`` on a valid form; put the refusal on the form. None means locked out."""
    try:
        return check()
    except two_factor.TwoFactorLocked:
        form.add_error("code", LOCKED)
        return None


@signed_in
@before_two_factor
@require_http_methods(["GET", "POST"])
def setup(request):
    if two_factor.confirmed_device(request.user):
        return redirect("accounts:account")
    device = two_factor.pending_device(request.user)
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = _check(
            form,
            lambda: two_factor.confirm_device(
                request.user, form.cleaned_data["code"], origin=origin_of(request)
            ),
        )
        if codes:
            sessions.mark_two_factor_done(request)
            request.session[NEW_CODES_KEY] = codes
            return redirect("accounts:two_factor_recovery_codes")
        if codes is None and "code" not in form.errors:
            form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.grouped_secret(device),
        "required": request.user.needs_two_factor,
    }
    return render(request, "accounts/two_factor/setup.html", context)


@signed_in
def recovery_codes(request):
    """Shown once, straight after set-up: the codes are not stored anywhere we can read."""
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        return redirect("accounts:account")
    return render(request, "accounts/two_factor/recovery_codes.html", {"codes": codes})


@signed_in
@before_two_factor
@require_http_methods(["GET", "POST"])
def verify(request):
    if sessions.two_factor_done(request):
        return redirect("core:home")
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accepted = _check(
            form,
            lambda: two_factor.verify_code(
                request.user, form.cleaned_data["code"], origin=origin_of(request)
            ),
        )
        if accepted:
            sessions.mark_two_factor_done(request)
            return redirect("core:home")
        if accepted is False:
            form.add_error("code", WRONG_CODE)
    return render(request, "accounts/two_factor/verify.html", {"form": form})


@signed_in
@before_two_factor
@require_http_methods(["GET", "POST"])
def recovery(request):
    if sessions.two_factor_done(request):
        return redirect("core:home")
    form = RecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        remaining = _check(
            form,
            lambda: two_factor.use_recovery_code(
                request.user, form.cleaned_data["code"], origin=origin_of(request)
            ),
        )
        if remaining is not None and "code" not in form.errors:
            sessions.mark_two_factor_done(request)
            messages.warning(
                request,
                f"You have {remaining} recovery code{'s' if remaining != 1 else ''} left. "
                "If your authenticator is lost, ask the Convene team to reset it.",
            )
            return redirect("core:home")
        if "code" not in form.errors:
            form.add_error("code", "That recovery code is not valid or has been used")
    return render(request, "accounts/two_factor/recovery.html", {"form": form})


@roles_required("staff_admin")
@require_POST
def staff_reset(request, user_id: int):
    account = get_object_or_404(User, pk=user_id)
    two_factor.reset_two_factor(account, actor=request.user, origin=origin_of(request))
    messages.success(
        request, f"{account.email}'s authenticator was removed. They will set one up again."
    )
    return redirect("accounts:staff_user", user_id=account.pk)
