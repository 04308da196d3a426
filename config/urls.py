"""Every URL Convene serves. Each view declares who may use it (convene/core/access.py)."""

from django.urls import include, path, register_converter

from convene.core.ids import IdConverter

# Before the apps' URLs are read: every id in them is an <id:...> (convene/core/ids.py).
register_converter(IdConverter, "id")

urlpatterns = [
    path("", include("convene.core.urls")),
    path("", include("convene.home.urls")),
    path("", include("convene.accounts.urls")),
    path("", include("convene.directory.urls")),
    path("", include("convene.connections.urls")),
    path("", include("convene.notifications.urls")),
    path("", include("convene.programmes.urls")),
]

handler400 = "convene.core.views.bad_request"
handler403 = "convene.core.views.permission_denied"
handler404 = "convene.core.views.page_not_found"
handler500 = "convene.core.views.server_error"
