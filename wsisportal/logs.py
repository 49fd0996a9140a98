"""Every log record carries the id of the request it was written in, so the lines one request left
on several machines (load balancer, application server, worker) can be put together.

The id is the value of the header REQUEST_ID_HEADER names (e.g. X-Request-ID, set by a trusted
proxy or load balancer) when it is present and sane, else a fresh random one; it goes back to the
client in X-Request-ID. It is kept in a context variable (one per thread or task, nothing shared),
and tasks enqueued during the request carry it to the worker (jobs/tasks.py).
"""

import contextvars
import logging
import re
import uuid

from django.conf import settings

current = contextvars.ContextVar("request_id", default="-")
SANE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")  # a header can carry anything; a log line must not


def incoming_id(request):
    header = settings.REQUEST_ID_HEADER
    value = request.headers.get(header, "") if header else ""
    return value if SANE.match(value) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = incoming_id(request)
        token = current.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (a dash outside any request)."""

    def filter(self, record):
        record.request_id = current.get()
        return True
