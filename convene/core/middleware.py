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
