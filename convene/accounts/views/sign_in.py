"""Sign in by e-mailed link, accept an invitation, sign out."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from convene.accounts.forms import SignInForm
from convene.accounts.services import invitations, sessions, sign_in
from convene.accounts.services.audit import origin_of
from convene.accounts.services.links import LinkRefused
from convene.accounts.services.rate_limits import RateLimited
from convene.core.access import before_two_factor, public, signed_in

CHECK_EMAIL_KEY = "convene_sign_in_email"
NEXT_KEY = "convene_next"


@public
@before_two_factor
@require_http_methods(["GET", "POST"])
def sign_in_page(request):
    form = SignInForm(request.POST or None)
    next_url = _safe_local_url(request, request.GET.get("next"))
    if next_url:
        request.session[NEXT_KEY] = next_url
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            sign_in.request_sign_in_link(email, origin=origin_of(request))
        except RateLimited as limited:
            response = render(
                request,
                "accounts/rate_limited.html",
                {"minutes": max(1, round(limited.retry_after / 60))},
                status=429,
            )
            response["Retry-After"] = str(limited.retry_after)
            return response
        request.session[CHECK_EMAIL_KEY] = email
        return redirect("accounts:check_email")
    return render(request, "accounts/sign_in.html", {"form": form})


@public
@before_two_factor
def check_email(request):
    email = request.session.get(CHECK_EMAIL_KEY)
    if not email:
        return redirect("accounts:sign_in")
    return render(request, "accounts/check_email.html", {"email": email})


def _refused(request, refusal: LinkRefused, *, kind: str) -> HttpResponse:
    status = 410 if refusal.problem in {"expired", "used"} else 404
    return render(
        request,
        "accounts/link_refused.html",
        {"problem": refusal.problem.value, "kind": kind},
        status=status,
    )


def _safe_local_url(request, url: str | None) -> str | None:
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=False):
        return url
    return None


def _confirm_then_sign_in(request, token: str, *, kind: str, find, use, template: str, context):
    """GET shows a button; only POST spends the link (mail scanners follow links with GET).

    After signing in, go back to the page that sent them to sign in, if this is the
    browser they started in.
    """
    try:
        if request.method == "GET":
            return render(request, template, context(find(token)))
        user = use(token, origin=origin_of(request))
    except LinkRefused as refusal:
        return _refused(request, refusal, kind=kind)
    next_url = request.session.get(NEXT_KEY)
    sessions.start_session(request, user)
    request.session.pop(NEXT_KEY, None)
    return redirect(next_url or "home:home")


@public
@before_two_factor
@require_http_methods(["GET", "POST"])
def sign_in_link(request, token: str):
    return _confirm_then_sign_in(
        request,
        token,
        kind="sign-in link",
        find=sign_in.find_link,
        use=sign_in.spend_link,
        template="accounts/confirm_sign_in.html",
        context=lambda link: {"email": link.user.email},
    )


@public
@before_two_factor
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    return _confirm_then_sign_in(
        request,
        token,
        kind="invitation",
        find=invitations.find_invitation,
        use=invitations.accept_invitation,
        template="accounts/confirm_invitation.html",
        context=lambda found: {"invitation": found},
    )


@signed_in
@before_two_factor
@require_POST
def sign_out(request):
    sessions.end_session(request, reason="signed_out")
    return redirect("accounts:signed_out")


@public
@before_two_factor
def signed_out(request):
    reason = request.GET.get("reason", "")
    return render(request, "accounts/signed_out.html", {"reason": reason})


@signed_in
@require_POST
def sign_out_everywhere(request):
    sessions.sign_out_everywhere(request)
    return redirect(reverse("accounts:signed_out") + "?reason=everywhere")


@signed_in
@before_two_factor
@require_POST
def keep_alive(request):
    """The session warning's 'Stay signed in': the middleware has already recorded activity."""
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return redirect(_safe_local_url(request, request.headers.get("Referer")) or "home:home")
