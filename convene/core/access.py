"""Who may use each view. Every view carries exactly one of these guards.

The guard records its rule on the view (``view.access``) so the permission-table
test can check that no URL is served without a declared rule. Nothing is allowed
by default: Django's LoginRequiredMiddleware sends signed-out visitors to sign-in
unless the view is ``@public``.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied

ACCESS_ATTRIBUTE = "access"


def _record(view: Callable, rule: str) -> Callable:
    setattr(view, ACCESS_ATTRIBUTE, rule)
    return view


def public(view: Callable) -> Callable:
    """Anyone, signed in or not (sign-in, accessibility statement…)."""
    return _record(login_not_required(view), "public")


def signed_in(view: Callable) -> Callable:
    """Any signed-in user, whatever their role."""
    return _record(view, "signed in")


def roles_required(*roles: str) -> Callable[[Callable], Callable]:
    """Signed-in users with one of ``roles``; others get 403."""
    allowed = frozenset(roles)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if request.user.role not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _record(guarded, "roles: " + ", ".join(sorted(allowed)))

    return decorator


def before_two_factor(view: Callable) -> Callable:
    """Reachable by a signed-in user who has not yet completed two-factor sign-in."""
    view.before_two_factor = True
    return view


def rule_of(view: Callable) -> str | None:
    return getattr(view, ACCESS_ATTRIBUTE, None)
