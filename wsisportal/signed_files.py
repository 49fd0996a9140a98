"""Stored files handed out through short-lived signed URLs, served as cheaply as a static file.

A view checks access (the policy), then redirects to `url_for(...)`: `/files/<token>/<filename>`,
where the token is signed with SECRET_KEY (django.core.signing) and names the stored file, its
SHA-256 and its content type. The middleware here answers such a URL before sessions, users or
URL routing are touched, as WhiteNoise does for static files: it checks the signature and its age
(MAX_AGE), reads the file and serves it only if its bytes still have the recorded checksum.
Anything else answers 404 exactly like a path that does not exist; a file that is missing or
altered sends the reader to `refusal_url` (the page that says what is wrong).

A signed URL is a bearer ticket: whoever holds it within MAX_AGE gets the file, as with any signed
storage URL (S3's presigned URLs work the same way). Tickets are given only to readers the policy
allows, are not cached by browsers or proxies, and expire after MAX_AGE seconds.
"""

import hashlib
from urllib.parse import quote

from django.core import signing
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.utils.http import content_disposition_header

PREFIX = "/files/"
SALT = "wsisportal.signed_files"
MAX_AGE = 300  # seconds a ticket stays valid: long enough to start a download, short to leak


def url_for(name, *, filename, sha256, content_type, refusal_url):
    """The signed URL of the stored file `name`, downloaded as `filename` (which the URL ends with,
    for the reader; the served name is the signed one)."""
    token = signing.dumps([name, filename, sha256, content_type, refusal_url], salt=SALT, compress=True)
    return f"{PREFIX}{token}/{quote(filename)}"


def serve(path):
    """The response to a signed-file path (PREFIX included)."""
    token = path[len(PREFIX) :].partition("/")[0]  # the name after it is for the reader's eyes only
    try:
        name, filename, sha256, content_type, refusal_url = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError):  # a bad, expired or malformed ticket
        return HttpResponseNotFound(b"Not found", content_type="text/plain")
    try:
        with default_storage.open(name, "rb") as handle:
            content = handle.read()
    except (FileNotFoundError, OSError):
        return HttpResponseRedirect(refusal_url)
    if hashlib.sha256(content).hexdigest() != sha256:
        return HttpResponseRedirect(refusal_url)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["ETag"] = f'"{sha256}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class SignedFileMiddleware:
    """Answers /files/… before the rest of the stack (place it right after WhiteNoise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PREFIX) and request.method in ("GET", "HEAD"):
            return serve(request.path_info)
        return self.get_response(request)
