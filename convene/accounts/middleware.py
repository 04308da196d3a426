"""Session limits and two-factor sign-in, enforced on every request."""

from django.shortcuts import redirect
from django.urls import reverse

from convene.accounts.models import TOTPDevice
from convene.accounts.services import sessions

EXPIRY_MESSAGES = {
    "idle": "You were signed out because you had not done anything for a while.",
    "expired": "You were signed out because you had been signed in for a long time.",
    "ended": "You were signed out because your sessions were ended.",
}


class SessionLifetimeMiddleware:
    """Ends sessions that are idle, too old, or from before 'sign out everywhere'."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = sessions.expiry_reason(request)
            if reason:
                sessions.end_session(request, reason=reason)
                return redirect(reverse("accounts:signed_out") + f"?reason={reason}")
            sessions.touch(request)
        return self.get_response(request)


class TwoFactorMiddleware:
    """Staff must enrol an authenticator, and anyone who has one must use it, before any page
    but those marked ``@before_two_factor``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or sessions.two_factor_done(request):
            return None
        if getattr(view_func, "before_two_factor", False):
            return None
        enrolled = TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()
        if enrolled:
            return redirect("accounts:two_factor_verify")
        if user.needs_two_factor:
            return redirect("accounts:two_factor_setup")
        return None
