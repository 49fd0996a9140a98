"""ASGI entry point of the WSIS Portal (gunicorn wsisportal.asgi:application)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsisportal.settings")
application = get_asgi_application()

from wsisportal.serving import check_ready_to_serve  # noqa: E402  (settings are loaded now)

check_ready_to_serve()
