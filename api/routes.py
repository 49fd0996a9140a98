"""The API's own URL routes, declared once: api/urls.py makes its `path()`s from this table and the
serializers build their links from it, so the two cannot drift.

A page of 100 documents holds some 400 links; Django's `reverse()` costs 40-150 µs each here (it
walks the namespaces and tries every pattern of the name). `Links` fills a route's parameters
itself, with the route's own converters and the quoting `reverse()` applies, under one absolute
base (scheme, host, script prefix, `api/v1/`) built once per request. tests/api/test_links.py holds
every link it builds equal to `request.build_absolute_uri(reverse(...))`."""

import re
from urllib.parse import quote

from django.urls import NoReverseMatch, reverse
from django.urls.converters import get_converters
from django.utils.http import RFC3986_SUBDELIMS

NAMESPACE = "api"

ROUTES = {
    "index": "",
    "me": "me/",
    "group-list": "groups/",
    "group-detail": "groups/<slug:code>/",
    "meeting-list": "meetings/",
    "meeting-detail": "meetings/<int:pk>/",
    "call-list": "calls-for-documents/",
    "call-detail": "calls-for-documents/<int:pk>/",
    "document-list": "documents/",
    "document-detail": "documents/<int:pk>/",
    "document-file": "documents/<int:pk>/files/<str:language>/",
    "document-by-symbol": "documents/<path:symbol>/",
    "action-line-list": "action-lines/",
    "roadmap-draft-list": "roadmap-drafts/",
    "roadmap-draft-detail": "roadmap-drafts/<int:pk>/",
    "roadmap-row-list": "roadmap-rows/",
    "roadmap-row-detail": "roadmap-rows/<int:pk>/",
    "report-list": "reports/",
    "report-detail": "reports/<int:pk>/",
    "report-revision-pdf": "reports/<int:pk>/revisions/<int:number>/pdf/",
    "action-item-list": "action-items/",
}

_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted


def _compile(route):
    """[literal, (converter, full-match regex), literal, …] of a route."""
    converters, parts, start = get_converters(), [], 0
    for match in _PARAMETER.finditer(route):
        converter = converters[match["converter"] or "str"]
        parts += [quote(route[start : match.start()], safe=_SAFE), (converter, re.compile(converter.regex))]
        start = match.end()
    return [*parts, quote(route[start:], safe=_SAFE)]


_COMPILED = {name: _compile(route) for name, route in ROUTES.items()}


class Links:
    """The absolute links of one request: `links("document-file", 5, "fr")` equals
    `request.build_absolute_uri(reverse("api:document-file", args=[5, "fr"]))`."""

    def __init__(self, request):
        self.request, self.prefix = request, reverse(f"{NAMESPACE}:index")
        self.base = request.build_absolute_uri(self.prefix)

    def __call__(self, name, *args):
        parts = _COMPILED[name]
        if len(args) != len(parts) // 2:
            raise NoReverseMatch(f"{name} takes {len(parts) // 2} arguments, not {len(args)}")
        out = [parts[0]]
        for (converter, regex), value, literal in zip(parts[1::2], args, parts[2::2], strict=True):
            text = converter.to_url(value)
            if not regex.fullmatch(text):  # reverse() refuses what the route would not match
                raise NoReverseMatch(f"{name}: {text!r} is not a valid {type(converter).__name__} value")
            out += [quote(text, safe=_SAFE), literal]
        path = "".join(out)
        if "/./" in f"/{path}" or "/../" in f"/{path}":  # dot segments: build_absolute_uri resolves them
            return self.request.build_absolute_uri(self.prefix + path)
        return self.base + path


def links_for(request):
    """The request's `Links`, built on first use (one `reverse()` per request)."""
    links = getattr(request, "_api_links", None)
    if links is None:
        links = request._api_links = Links(request)
    return links
