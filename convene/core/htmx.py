"""Telling htmx's partial-page requests from ordinary ones."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    # htmx sends this header on every request it makes; history restores are full pages.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )
