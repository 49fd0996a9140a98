"""WSGI entry point of the WSIS Portal (gunicorn wsisportal.wsgi:application)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsisportal.settings")
django_application = get_wsgi_application()

from floor.live import unchanged_first  # noqa: E402  (settings and apps are loaded now)
from wsisportal.serving import check_ready_to_serve  # noqa: E402

check_ready_to_serve()
application = unchanged_first(django_application)  # an unchanged live poll: 304 before Django
