from django.utils.functional import SimpleLazyObject

from convene.directory.services.profiles import looked_after_by


def profiles_looked_after(request) -> dict:
    """For the navigation's "Your profile" (a member) or each leader's profile (their
    delegate): read only when a page shows the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"profiles_looked_after": SimpleLazyObject(lambda: looked_after_by(user))}
