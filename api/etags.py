"""ETag / If-None-Match for API answers: the tag is a hash of the exact bytes this caller would
receive, so it can never tell one caller what another sees, and an unchanged answer costs a
mirror a 304 with no body."""

import hashlib

from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers


def etag_for(content):
    return '"' + hashlib.sha256(content).hexdigest()[:40] + '"'


def matches(if_none_match, etag):
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in wanted


def conditional(request, response):
    """The rendered 200 `response` with its ETag, or a 304 when the caller already holds it."""
    patch_vary_headers(response, ["Authorization", "Cookie", "Accept-Language"])
    if response.status_code != 200 or request.method not in ("GET", "HEAD"):
        return response
    etag = etag_for(response.content)
    if matches(request.headers.get("If-None-Match"), etag):
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = etag
        patch_vary_headers(not_modified, ["Authorization", "Cookie", "Accept-Language"])
        not_modified["Cache-Control"] = "private, no-cache"
        return not_modified
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response
