from convene.notifications.notices import unread


def unread_notices(request) -> dict:
    """How many notices the signed-in person has not seen, for the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    count = unread(user)
    return {"notices_label": f"Notices ({count} new)" if count else "Notices"}
