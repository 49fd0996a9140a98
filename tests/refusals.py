"""Comparing a refusal with a "not found": the same status and the same page, once what differs
by nature between any two answers (the CSRF token, the requested path) is set aside."""

import re

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def normalised(response, path):
    """(status, body, Location) with the CSRF token blanked and `path` written as PATH."""
    body = CSRF.sub(b'name="csrfmiddlewaretoken" value=""', body_of(response))
    body = body.replace(path.encode(), b"PATH")
    return response.status_code, body, response.get("Location", "").replace(path, "PATH")
