"""The server-error handler: 503 "briefly unavailable" when the database cannot be reached, else 500.

While PostgreSQL restarts, every request that needs it fails with OperationalError (or
InterfaceError on a connection that died under it). That is not a bug of the portal, and the
user should hear "try again in a minute", with Retry-After for clients and proxies, rather than
"something went wrong". Django calls handler500 inside the except block of the failed request,
so the exception is at hand; the templates use no request context, hence no database.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
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
