"""Every API error has one JSON shape: {"status", "code", "detail"} and, for invalid query
parameters, "errors" (the messages of each parameter). A thing the caller may not see answers
exactly like a thing that does not exist: the same 404 body."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler


def handle(exc, context):
    response = exception_handler(exc, context)
    if response is None:
        return None  # a server error: Django's 500 handling and logging
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        body = {"status": 400, "code": "invalid", "detail": _("Invalid query parameters."), "errors": data}
    else:
        detail = data.get("detail", "") if isinstance(data, dict) else ""
        code = getattr(detail, "code", None) or "error"
        body = {"status": response.status_code, "code": code, "detail": str(detail)}
    response.data = body
    return response
