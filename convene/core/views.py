"""Pages every visitor can read, and the error pages."""

from django.shortcuts import render

from convene.core.access import before_two_factor, public


@public
@before_two_factor
def accessibility(request):
    return render(request, "core/accessibility.html")


@public
@before_two_factor
def privacy(request):
    return render(request, "core/privacy.html")


@public
@before_two_factor
def cookies(request):
    return render(request, "core/cookies.html")


def csrf_failure(request, reason=""):
    return render(request, "core/csrf_failure.html", status=403)


def bad_request(request, exception=None):
    return render(request, "core/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "core/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    return render(request, "core/500.html", status=500)
