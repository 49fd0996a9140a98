"""The error answers: the portal's own 404 even with DEBUG on (PortalNotFoundMiddleware), and the
server-error handler: 503 "briefly unavailable" when the database cannot be reached, else 500.

While PostgreSQL restarts, every request that needs it fails with OperationalError (or
InterfaceError on a connection that died under it). That is not a bug of the portal, and the
user should hear "try again in a minute", with Retry-After for clients and proxies, rather than
"something went wrong". Django calls handler500 inside the except block of the failed request,
so the exception is at hand; the templates use no request context, hence no database.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import page_not_found
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 30


def database_unavailable():
    exception = sys.exc_info()[1]
    return isinstance(exception, (OperationalError, InterfaceError))


@requires_csrf_token
def server_error(request):
    if not database_unavailable():
        return django_server_error(request)
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class PortalNotFoundMiddleware:
    """With DEBUG on (`make demo`), Django answers every 404 with its technical page, which lists
    the URL map: users get the portal's own 404.html instead, exactly as with DEBUG off.

    With DEBUG on, every HTML 404 comes from that technical page (the portal raises Http404 and
    never writes an HTML 404 itself); JSON (API) and plain-text 404s pass unchanged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and response.get("Content-Type", "").startswith("text/html"):
            return page_not_found(request, exception=None)
        return response
