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


def _second_step(request, form_class, template: str, check, refusal: str, on_success):
    """The sign-in step after the e-mailed link: a code is checked, or the user is told why not."""
    if sessions.two_factor_done(request):
        return redirect("home:home")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        result = _check(form, lambda: check(request.user, code, origin=origin_of(request)))
        if result is not None and result is not False:
            sessions.mark_two_factor_done(request)
            on_success(result)
            return redirect("home:home")
        if "code" not in form.errors:
            form.add_error("code", refusal)
    return render(request, template, {"form": form})


@signed_in
@before_two_factor
@require_http_methods(["GET", "POST"])
def verify(request):
    return _second_step(
        request,
        AuthenticatorCodeForm,
        "accounts/two_factor/verify.html",
        two_factor.verify_code,
        WRONG_CODE,
        on_success=lambda accepted: None,
    )


@signed_in
@before_two_factor
@require_http_methods(["GET", "POST"])
def recovery(request):
    def warn(remaining: int) -> None:
        messages.warning(
            request,
            f"You have {remaining} recovery code{'s' if remaining != 1 else ''} left. "
            "If your authenticator is lost, ask the Convene team to reset it.",
        )

    return _second_step(
        request,
        RecoveryCodeForm,
        "accounts/two_factor/recovery.html",
        two_factor.use_recovery_code,
        "That recovery code is not valid or has been used",
        on_success=warn,
    )


@roles_required("staff_admin")
@require_POST
def staff_reset(request, user_id: int):
    account = get_object_or_404(User, pk=user_id)
    two_factor.reset_two_factor(account, actor=request.user, origin=origin_of(request))
    messages.success(
        request, f"{account.email}'s authenticator was removed. They will set one up again."
    )
    return redirect("accounts:staff_user", user_id=account.pk)
