"""Every link the API builds (api/links.py, without a `reverse()` per link) equals
`request.build_absolute_uri(reverse(...))`: for every named route of the URLconf with values of
each converter, under a script prefix and another host, and for every link of every answer, for
every persona."""

import pytest
from django.test import RequestFactory
from django.urls import NoReverseMatch, URLResolver, get_resolver, resolve, reverse, set_script_prefix
from django.urls.resolvers import RoutePattern

from api.links import Links
from tests.api.test_access import PERSONAS, client_for

# Values a converter accepts, awkward ones included (quoted by reverse(), a path with slashes).
VALUES = {
    "int": [0, 7, 123456789],
    "slug": ["WG-WSIS", "dg_ipp-2"],
    "str": ["fr", "zh-hans", "a b&c=d"],
    "path": ["WG-WSIS-14/3(Rev.1)", "WG-WSIS-14/5"],
}


def named_routes():
    """(name, [converter of each parameter]) of every route of the URLconf that Links can build."""
    found = []

    def walk(patterns, namespaces, converters):
        for entry in patterns:
            if not isinstance(entry.pattern, RoutePattern):
                continue
            mine = converters + [type(c).__name__ for c in entry.pattern.converters.values()]
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, namespaces + ([entry.namespace] if entry.namespace else []), mine)
            elif entry.name:
                found.append((":".join([*namespaces, entry.name]), mine))

    walk(get_resolver().url_patterns, [], [])
    counts = {}
    for name, _ in found:
        counts[name] = counts.get(name, 0) + 1
    return [(name, conv) for name, conv in found if counts[name] == 1]


KIND = {"IntConverter": "int", "SlugConverter": "slug", "StringConverter": "str", "PathConverter": "path"}


def argument_sets(converters):
    kinds = [KIND[c] for c in converters]
    return [[VALUES[k][i % len(VALUES[k])] for k in kinds] for i in range(3)] if kinds else [[]]


def test_the_urlconf_has_the_api_routes():
    names = {name for name, _ in named_routes()}
    assert {
        "api:document-list",
        "api:document-file",
        "api:report-revision-pdf",
        "contributions:document_detail",
    } <= names


@pytest.mark.parametrize("host", ["testserver", "portal.example.org:8443"])
@pytest.mark.parametrize("prefix", ["/", "/portal/"])
def test_every_route_builds_what_reverse_builds(settings, host, prefix):
    settings.ALLOWED_HOSTS = ["testserver", "portal.example.org"]
    request = RequestFactory().get("/api/v1/", HTTP_HOST=host, secure=host != "testserver")
    set_script_prefix(prefix)
    try:
        links, checked = Links(request), 0
        for name, converters in named_routes():
            for args in argument_sets(converters):
                assert links(name, *args) == request.build_absolute_uri(reverse(name, args=args)), name
                checked += 1
        assert checked > 100
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("prefix", ["/", "/portal/"])
def test_every_path_is_what_reverse_builds(prefix):
    """`Links.path`, the pages' links (the register's and the search's rows): reverse() itself."""
    set_script_prefix(prefix)
    try:
        links, checked = Links(RequestFactory().get("/")), 0
        for name, converters in named_routes():
            for args in argument_sets(converters):
                assert links.path(name, *args) == reverse(name, args=args), name
                checked += 1
        for value in ["..", "."]:
            assert links.path("contributions:download", 5, value) == reverse("contributions:download", args=[5, value])
        assert checked > 100
    finally:
        set_script_prefix("/")


def test_a_value_the_route_would_not_match_is_refused_like_reverse():
    links = Links(RequestFactory().get("/"))
    for name, args in [("api:group-detail", ["no spaces"]), ("api:document-detail", [-1])]:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=args)
        with pytest.raises(NoReverseMatch):
            links(name, *args)
    with pytest.raises(NoReverseMatch):
        links("api:document-detail")


def test_dot_segments_resolve_as_build_absolute_uri_resolves_them():
    request = RequestFactory().get("/")
    for value in ["..", "."]:
        expected = request.build_absolute_uri(reverse("api:document-file", args=[5, value]))
        assert Links(request)("api:document-file", 5, value) == expected


def links_in(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from links_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from links_in(value)
    elif isinstance(data, str) and data.startswith("http://testserver/"):
        yield data


ANSWERS = [
    "/api/v1/",
    "/api/v1/groups/",
    "/api/v1/meetings/",
    "/api/v1/documents/",
    "/api/v1/calls-for-documents/",
    "/api/v1/roadmap-drafts/",
    "/api/v1/roadmap-rows/",
    "/api/v1/reports/",
    "/api/v1/action-items/",
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_link_of_every_answer_is_what_reverse_builds(api_world, persona):
    client, seen, views = client_for(api_world, persona), set(), set()
    answers = list(ANSWERS)
    while answers:
        url = answers.pop()
        data = client.get(url).json()
        for link in links_in(data):
            if link in seen:
                continue
            seen.add(link)
            path = link.removeprefix("http://testserver").partition("?")[0]
            match = resolve(path)
            views.add(match.view_name)
            assert link.partition("?")[0] == "http://testserver" + reverse(match.view_name, kwargs=match.kwargs)
            if match.view_name.startswith("api:") and match.view_name.endswith("-detail"):
                answers.append(path)  # detail answers hold links too
    assert {"api:group-detail", "meetings:group_detail"} <= views  # the API's links and the pages'
    if persona != "anonymous":
        assert {"api:document-file", "contributions:document_detail", "api:report-revision-pdf"} <= views
