from django.conf import settings


def service(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        "session_warning_minutes": settings.SESSION_IDLE_WARNING_MINUTES,
    }
