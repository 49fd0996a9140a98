"""What must hold before the portal serves a single request (WSGI and ASGI entry points)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def check_ready_to_serve():
    """Refuse to start without SECRET_KEY: sessions, CSRF tokens and password resets are signed
    with it. (Django would only fail on the first request, with a message that names no variable.)"""
    if not getattr(settings._wrapped, "SECRET_KEY", ""):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
