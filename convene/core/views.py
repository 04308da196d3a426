"""Pages every visitor can read, the home page, and the error pages."""

from django.shortcuts import redirect, render

from convene.core.access import before_two_factor, public, signed_in


@signed_in
def home(request):
    if request.user.role == "member":
        from convene.connections.services.matching import suggestions_for
        from convene.directory.models import Profile
        from convene.directory.services.profiles import still_to_complete

        profile = Profile.objects.filter(user=request.user).first()
        context = {
            "profile": profile,
            # A member's first page asks them to say these, until they have.
            "to_complete": still_to_complete(profile) if profile else [],
            "suggestions": suggestions_for(request.user),
        }
        return render(request, "connections/home.html", context)
    if request.user.role == "delegate":
        return redirect("directory:search")
    return render(request, "core/home.html")


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
