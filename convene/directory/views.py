from django.shortcuts import render

from convene.core.access import roles_required
from convene.directory.models import Organisation, Profile

DIRECTORY_ROLES = ("member", "delegate", "facilitator", "staff_admin")


@roles_required(*DIRECTORY_ROLES)
def search(request):
    """A placeholder until the directory issue: it says how many leaders and bodies are listed."""
    context = {
        "leader_count": Profile.objects.count(),
        "organisation_count": Organisation.objects.count(),
    }
    return render(request, "directory/search.html", context)
