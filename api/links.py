"""Absolute links without a `reverse()` per link.

A page of 100 documents holds some 400 links; Django's `reverse()` costs 40-150 µs each here (it
walks the namespaces, tries every pattern of the name against its regular expression, quotes).
`Links` reads a name's route once per process from the URLconf itself (the route strings of its
`path()`s and `include()`s, so links and URLs cannot drift), fills the parameters with the route's
own converters, checks each value as the route would match it and quotes as `reverse()` does,
under one absolute base (scheme, host, script prefix) built once per request. The placeholder
trick (reversing a sentinel and replacing it) is not used: every value goes through its converter.
tests/api/test_links.py holds every link the API builds equal to
`request.build_absolute_uri(reverse(...))`."""

import functools
import re
from urllib.parse import quote

from django.urls import NoReverseMatch, URLResolver, get_resolver, get_script_prefix, get_urlconf, reverse
from django.urls.converters import get_converters
from django.urls.resolvers import RoutePattern
from django.utils.http import RFC3986_SUBDELIMS

_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted
_UNQUOTED = re.compile("[A-Za-z0-9_.~" + re.escape(_SAFE) + "-]*")  # quote() would leave it as it is


def _compile(route):
    """[literal, (converter, full-match regex), literal, …] of a route."""
    converters, parts, start = get_converters(), [], 0
    for match in _PARAMETER.finditer(route):
        converter = converters[match["converter"] or "str"]
        parts += [quote(route[start : match.start()], safe=_SAFE), (converter, re.compile(converter.regex))]
        start = match.end()
    return [*parts, quote(route[start:], safe=_SAFE)]


@functools.cache
def _compiled_route(urlconf, name):
    """The compiled route of a URL name ("api:document-file" → "api/v1/documents/<int:pk>/files/
    <str:language>/"), read once per process from the URLconf itself: the route strings of its
    `path()`s and of the `include()`s above them."""
    *namespaces, view_name = name.split(":")
    found = []

    def walk(patterns, prefix, within):
        for entry in patterns:
            if not isinstance(entry.pattern, RoutePattern):
                continue  # re_path(): only reverse() knows how to fill a regular expression
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route, [*within, entry.namespace] if entry.namespace else within)
            elif entry.name == view_name and within == namespaces:
                found.append(route)

    walk(get_resolver(urlconf).url_patterns, "", [])
    if len(found) != 1:  # none, or several to choose from as reverse() does: not for this helper
        raise NoReverseMatch(f"{name}: {len(found)} routes of that name")
    return _compile(found[0])


class Links:
    """The absolute links of one request: `links("api:document-file", 5, "fr")` equals
    `request.build_absolute_uri(reverse("api:document-file", args=[5, "fr"]))`."""

    def __init__(self, request):
        self.request, self.root, self.urlconf = request, get_script_prefix(), get_urlconf()
        self.base = request.build_absolute_uri(self.root)

    def __call__(self, name, *args):
        path = self._path(name, args)
        if "." in path and ("/./" in f"/{path}" or "/../" in f"/{path}"):  # build_absolute_uri resolves them
            return self.request.build_absolute_uri(self.root + path)
        return self.base + path

    def path(self, name, *args):
        """The link without scheme and host: `links.path("contributions:document_detail", 5)` equals
        `reverse("contributions:document_detail", args=[5])` (the pages' links)."""
        path = self._path(name, args)
        if "." in path and ("/./" in f"/{path}" or "/../" in f"/{path}"):  # reverse() quotes dot segments
            return reverse(name, args=args)
        return self.root + path

    def _path(self, name, args):
        """The route of `name` filled with `args`, relative to the script prefix."""
        parts = _compiled_route(self.urlconf, name)
        if len(args) != len(parts) // 2:
            raise NoReverseMatch(f"{name} takes {len(parts) // 2} arguments, not {len(args)}")
        out = [parts[0]]
        for (converter, regex), value, literal in zip(parts[1::2], args, parts[2::2], strict=True):
            text = converter.to_url(value)
            if not regex.fullmatch(text):  # reverse() refuses what the route would not match
                raise NoReverseMatch(f"{name}: {text!r} is not a valid {type(converter).__name__} value")
            out += [text if _UNQUOTED.fullmatch(text) else quote(text, safe=_SAFE), literal]
        return "".join(out)


def links_for(request):
    """The request's `Links`, built on first use."""
    links = getattr(request, "_api_links", None)
    if links is None:
        links = request._api_links = Links(request)
    return links
