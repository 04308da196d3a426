"""A person's home page: what is waiting for them, gathered from the other apps."""

from django.shortcuts import redirect, render

from convene.accounts.models import Role
from convene.connections.services.hidden_suggestions import hidden_by
from convene.connections.services.matching import suggestions_for
from convene.core.access import signed_in
from convene.directory.models import Profile
from convene.directory.services.profiles import still_to_complete
from convene.home import role_tasks, waiting
from convene.programmes.services.my_sets import places_of


@signed_in
def home(request):
    if request.user.role == Role.MEMBER:
        profile = Profile.objects.filter(user=request.user).first()
        context = {
            "profile": profile,
            # A member's first page asks them to say these, until they have.
            "to_complete": still_to_complete(profile) if profile else [],
            # First on the page: what is waiting for their answer (waiting.PROVIDERS).
            "waiting": waiting.waiting_for(request.user),
            # Their confirmed learning sets, between what is waiting and the suggestions.
            "learning_sets": places_of([profile], confirmed_only=True) if profile else [],
            "suggestions": suggestions_for(request.user),
            **_hidden_suggestions(request),
        }
        return render(request, "home/member.html", context)
    if request.user.role == Role.DELEGATE:
        return redirect("directory:search")
    context = {"tasks": role_tasks.tasks_for(request.user)}
    return render(request, "home/staff.html", context)


def _hidden_suggestions(request) -> dict:
    """The leaders the member hid, each to be shown again; and the one they have just hidden
    (``?hidden=`` after "Hide"), named with "Undo". Any other value names no one."""
    hidden = hidden_by(request.user)
    just = request.GET.get("hidden", "")
    return {
        "hidden": hidden,
        "just_hidden": next((person for person in hidden if str(person.pk) == just), None),
    }
