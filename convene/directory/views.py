from django.shortcuts import get_object_or_404, render

from convene.core.access import roles_required
from convene.directory.models import Organisation, Profile
from convene.directory.services.visibility import contact_details, viewer_for

DIRECTORY_ROLES = ("member", "delegate", "facilitator", "staff_admin")


@roles_required(*DIRECTORY_ROLES)
def search(request):
    """A placeholder until the directory issue: it says how many leaders and bodies are listed."""
    context = {
        "leader_count": Profile.objects.count(),
        "organisation_count": Organisation.objects.count(),
    }
    return render(request, "directory/search.html", context)


def _back_to_search(request) -> str:
    """The search the viewer came from (only ever a directory URL), or the directory."""
    back = request.GET.get("back", "")
    return back if back.startswith("/directory/") and "//" not in back else "/directory/"


@roles_required(*DIRECTORY_ROLES)
def profile(request, profile_id: int):
    person = get_object_or_404(
        Profile.objects.select_related("user", "organisation").prefetch_related("cohorts"),
        pk=profile_id,
        user__is_active=True,
    )
    context = {
        "person": person,
        "contact": contact_details(person, viewer_for(request.user)),
        "topics": [topic.strip() for topic in person.topics.split(",") if topic.strip()],
        "back": _back_to_search(request),
    }
    return render(request, "directory/profile.html", context)
