"""Headers every response carries, whatever the scheme."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and HSTS to every response.

    Django's SecurityMiddleware sends HSTS only over HTTPS; browsers ignore it over
    plain HTTP, so sending it always is harmless and keeps the rule simple to test.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if settings.SECURE_HSTS_SECONDS:
            value = f"max-age={settings.SECURE_HSTS_SECONDS}"
            if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                value += "; includeSubDomains"
            if settings.SECURE_HSTS_PRELOAD:
                value += "; preload"
            response.headers.setdefault("Strict-Transport-Security", value)
        return response


class NoStoreWhenSignedInMiddleware:
    """``Cache-Control: no-store`` on every response to someone signed in.

    Pages, fragments, photos and files for a signed-in person hold what only they may
    see; no browser, proxy or shared computer should keep a copy. This replaces any
    caching a view asked for. Pages for visitors (sign-in, the accessibility statement)
    are left alone. Static files are served before any middleware, so are untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "no-store"
        return response
