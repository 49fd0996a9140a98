"""WSGI entry point of the WSIS Portal (gunicorn wsisportal.wsgi:application)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsisportal.settings")
application = get_wsgi_application()

from wsisportal.serving import check_ready_to_serve  # noqa: E402  (settings are loaded now)

check_ready_to_serve()
