"""Whole-site leak scan: every URL pattern of the portal, filled with the ids of the Dedicated Group's
restricted objects, requested by every persona outside the Dedicated Group.

The world is the demo (`load_demo`) plus a Dedicated Group meeting, agenda, session, document, report,
revision, roadmap and working-list issue created with ids far above anything else (900001…), so that
a success (2xx) on such an id can only mean the restricted object itself was served. Every free-text
field of every row that belongs to the Dedicated Group (found by following foreign keys to Group) and
every stored file of such a row is then stamped with MARKER. No response (body or headers) to an
outsider may contain MARKER, and no URL carrying an id that only a restricted object has may answer
2xx (or a redirect other than to a login page).

URL patterns are read from the resolver, so a new URL is scanned without touching this file; a
pattern with a converter this scan cannot fill fails the test instead of being skipped.
"""

import datetime
import itertools
import logging
import re
from collections import defaultdict

import pytest
from django.apps import apps
from django.contrib.admin.sites import site as admin_site
from django.core.files.base import ContentFile
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter
from django.utils import timezone

from meetings.models import Group, User
from tests.demo_snapshot import load_demo

MARKER = "DGLEAK-SCAN-7f3a"
SEARCH = MARKER.split("-")[0]  # what a search for the marker would type, without echoing MARKER itself
BIG = 900_001  # explicit ids of the objects created here; nothing else comes near
ALLOWED_REFUSALS = {400, 403, 404, 405}
# Technical fields that views match on or that are too short to carry the marker.
UNMARKED_FIELDS = {"password", "username", "email", "sha256", "language", "content_type", "time_zone", "code"}
PORTAL_APPS = {"meetings", "reports", "contributions", "roadmap"}


# ---------------------------------------------------------------- the URL configuration, walked


def iter_patterns(patterns=None, prefix="", namespace=None):
    """Yield (route, full name, pattern, callback) for every leaf pattern, includes and namespaces
    walked recursively; the route is the whole path from the root (regex anchors stripped)."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = ":".join(filter(None, [namespace, ns])) if ns else namespace
            yield from iter_patterns(entry.url_patterns, route, full_ns)
        elif isinstance(entry, URLPattern):
            name = ":".join(filter(None, [namespace, entry.name])) if entry.name else None
            yield route, name, entry, entry.callback


def is_excluded(route, callback):
    """The auth views (login, logout, password change/reset) take no object id and would change the
    persona's own session mid-scan (logout, password change); they are fuzzed and tested elsewhere.
    The admin IS scanned, except its logout and password change for the same reason."""
    module = getattr(callback, "__module__", "") or ""
    if (
        module.startswith("django.contrib.auth.views")
        or getattr(callback, "view_class", None)
        and (callback.view_class.__module__.startswith("django.contrib.auth.views"))
    ):
        return True
    return route in {"admin/logout/", "admin/password_change/", "admin/password_change/done/"}


def kwarg_kinds(route, entry):
    """{kwarg: 'int' | 'str' | 'slug' | 'path' | 'regex'} for the whole route (outer includes too);
    a converter the scan does not know is reported as 'unknown:…' so that the test fails."""
    kinds = {}
    for match in re.finditer(r"<(?:(\w+):)?(\w+)>", route):
        conv, name = match.groups()
        conv = conv or "str"
        kinds[name] = conv if conv in {"int", "str", "slug", "path"} else f"unknown:{conv}"
    for name in re.findall(r"\(\?P<(\w+)>", route):
        kinds[name] = "regex"
    for name, conv in getattr(entry.pattern, "converters", {}).items():
        known = {IntConverter: "int", StringConverter: "str", SlugConverter: "slug", PathConverter: "path"}
        kinds[name] = known.get(type(conv), f"unknown:{type(conv).__name__}")
    return kinds


def fill(route, kwargs):
    """The concrete path for a route and its kwargs (no reverse(): unnamed patterns count too)."""
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), path)
    return "/" + path


# ---------------------------------------------------------------- the restricted world


def path_to_group(model, depth=4):
    """The shortest foreign-key path from `model` to Group ('group', 'report__group', …) or None."""
    frontier = [(model, "")]
    for _ in range(depth):
        nxt = []
        for current, prefix in frontier:
            for field in current._meta.concrete_fields:
                if not field.is_relation or field.related_model is None:
                    continue
                lookup = f"{prefix}{field.name}"
                if field.related_model is Group:
                    return lookup
                nxt.append((field.related_model, f"{lookup}__"))
        frontier = nxt
    return None


def restricted_querysets(dg):
    result = {}
    for model in apps.get_models():
        if model._meta.app_label not in PORTAL_APPS or model is Group:
            continue
        lookup = path_to_group(model)
        if lookup:
            result[model] = released_excluded(model, lookup, model.objects.filter(**{lookup: dg}))
    return result


def released_excluded(model, lookup, queryset):
    """The access policy releases a Dedicated Group report annexed to an approved revision of the
    parent group's report into the parent's record (see wsisportal/access/reports.py): such a
    report, and what hangs off it, is no longer restricted."""
    report_path = "" if model._meta.label == "reports.Report" else lookup.partition("report__")[0] + "report__"
    if model._meta.label != "reports.Report" and "report__" not in lookup:
        return queryset
    return queryset.exclude(**{f"{report_path}released_in__isnull": False}).distinct()


_ids = itertools.count(BIG)


def load_demo_with_small_ids():
    """The demo, its ids counted from where the database would count without explicit ids
    (tests/demo_snapshot.py: SQLite's AUTOINCREMENT would otherwise remember the explicit BIG ids
    a committed world used even after the flush, and number the next demo in the BIG range)."""
    load_demo()


def clone(obj, **changes):
    """A copy of a demo row under an id of the BIG range."""
    obj.pk = obj.id = next(_ids)
    obj._state.adding = True
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save(force_insert=True)
    return obj


def add_restricted_objects(dg):
    """Dedicated Group objects of every kind that a URL can name, with ids only they have."""
    from contributions.models import Document, DocumentFile
    from meetings.models import Agenda, AgendaItem, Meeting, Session, WorkingListIssue
    from reports.models import Block, BlockComment, Report, ReportRevision
    from roadmap.models import Roadmap, RoadmapDraft, RoadmapRow, RowComment

    secretariat = User.objects.get(username="secretariat")
    day = datetime.date(2009, 6, 1)
    meeting = Meeting.objects.create(pk=next(_ids), group=dg, number=1, start_date=day, end_date=day, venue="Geneva")
    Session.objects.create(
        pk=next(_ids), meeting=meeting, group=dg, date=day, start_time=datetime.time(9), end_time=datetime.time(12)
    )
    agenda = Agenda.objects.create(pk=next(_ids), meeting=meeting, version=1)
    AgendaItem.objects.create(pk=next(_ids), agenda=agenda, position=1, title="Issues")
    clone(WorkingListIssue.objects.filter(group=dg).first(), number=999)
    first_doc = Document.objects.filter(group=dg, parent=None).first()
    doc = clone(first_doc, meeting=meeting, series="DG-IPP-1", number=1, symbol="DG-IPP-1/1")
    for docfile in DocumentFile.objects.filter(document__group=dg, document__pk__lt=BIG)[:2]:
        clone(docfile, document=doc)
    report = Report.objects.get(group=dg)
    report = clone(report, meeting=meeting)
    block = clone(Block.objects.filter(report__group=dg, parent=None).first(), report=report)
    BlockComment.objects.create(pk=next(_ids), block=block, author=secretariat, text="A comment", revision=1)
    for number, rep in enumerate([report, Report.objects.get(group=dg, pk__lt=BIG)], start=1):
        ReportRevision.objects.create(
            pk=next(_ids), report=rep, number=number, snapshot={}, pdf=ContentFile(b"%PDF-1.4", name="r.pdf"),
            sha256="0" * 64, approved_by=secretariat, approved_as="drafted", approved_at=timezone.now(),
        )  # fmt: skip
    roadmap = Roadmap.objects.create(pk=next(_ids), group=dg, title="Dedicated Group roadmap")
    draft = clone(RoadmapDraft.objects.first(), roadmap=roadmap, meeting=meeting, based_on=None)
    row = clone(RoadmapRow.objects.filter(draft__roadmap__group__code="WG-WSIS").first(), draft=draft)
    clone(RowComment.objects.first(), row=row)


def stamp_marker(querysets, marker=MARKER, *, file_bytes=None, unmarked=UNMARKED_FIELDS):
    """Put `marker` into every free-text field and every stored file of every restricted row
    (the content canary, tests/test_content_canary.py, stamps its own marker and real PDFs)."""
    file_bytes = file_bytes if file_bytes is not None else f"%PDF-1.4 {marker}".encode()
    for model, queryset in querysets.items():
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
            and not f.choices
            and f.name not in unmarked
            and (f.max_length or 1000) >= 40
        ]
        files = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        rows = list(queryset)
        for row in rows:
            for f in fields:
                setattr(row, f.attname, f"{marker} {getattr(row, f.attname)}"[: f.max_length or None])
            for f in files:
                stored = getattr(row, f.attname)
                if stored:
                    with stored.storage.open(stored.name, "wb") as handle:
                        handle.write(file_bytes)
        if fields and rows:
            model.objects.bulk_update(rows, [f.name for f in fields])


# ---------------------------------------------------------------- candidates for each kwarg


def candidates(querysets, dg):
    """(int candidates, set of strict ints, str candidates by kwarg name, admin ids by model)."""
    restricted = {model: list(qs.values_list("pk", flat=True)) for model, qs in querysets.items()}
    visible = set()
    for model in apps.get_models():
        ids = set(model.objects.values_list("pk", flat=True)) if model._meta.pk.get_internal_type() in {
            "AutoField", "BigAutoField", "IntegerField", "BigIntegerField"} else set()  # fmt: skip
        visible |= ids - set(restricted.get(model, []))
    ints, strict = [], set()
    for pks in restricted.values():
        ordered = sorted(pks, key=lambda pk: (pk in visible, -pk))
        for pk in ordered[:3]:  # bounded: created objects first, then demo ones
            if pk not in ints:
                ints.append(pk)
    strict = {pk for pk in ints if pk not in visible}
    ints += [n for n in (1, 2) if n not in ints]  # revision numbers and the like
    from contributions.models import DocumentFile
    from roadmap import exports
    from roadmap.forms import CELL_FORMS

    languages = sorted(set(DocumentFile.objects.filter(document__group=dg).values_list("language", flat=True)))
    generic = [dg.code, dg.symbol_prefix, "E"]
    by_name = {
        "language": sorted(set(languages) | {"E"}),
        "fmt": list(exports.FORMATS),
        "cell": list(CELL_FORMS),
        "direction": ["up", "down"],
        "app_label": ["meetings"],
        "url": ["meetings/"],
    }
    return ints, strict, by_name, generic, restricted


def requests_for(route, kinds, cands):
    """Bounded kwargs combinations: the first int kwarg runs over every candidate, str kwargs over
    their (short) lists as a product, further int kwargs cycle through the candidates."""
    ints, strict, by_name, generic, restricted = cands
    int_names = [k for k, v in kinds.items() if v == "int"]
    str_names = [k for k, v in kinds.items() if v in {"str", "slug", "path", "regex"}]
    admin_model = admin_model_of(route)
    str_lists = []
    for name in str_names:
        if name == "object_id" and admin_model is not None:
            str_lists.append([str(pk) for pk in restricted.get(admin_model, [])[:3]] or ["1"])
        else:
            str_lists.append(by_name.get(name, generic))
    head = ints if int_names else [None]
    for i, (first, strs) in enumerate(itertools.product(head, itertools.product(*str_lists))):
        kwargs = dict(zip(str_names, strs, strict=True))
        for j, name in enumerate(int_names):
            kwargs[name] = first if j == 0 else ints[(i + j) % len(ints)]
        yield kwargs


def admin_model_of(route):
    match = re.match(r"admin/(\w+)/(\w+)/", route)
    if not match:
        return None
    for model in admin_site._registry:
        if (model._meta.app_label, model._meta.model_name) == match.groups():
            return model
    return None


def is_strict(kwargs, kinds, cands, route):
    """True when a kwarg names an object that only the Dedicated Group has."""
    strict = cands[1]
    values = [kwargs[k] for k, v in kinds.items() if v == "int"]
    if admin_model_of(route) and "object_id" in kwargs:
        values.append(int(kwargs["object_id"]) if kwargs["object_id"].isdigit() else None)
    return any(v in strict for v in values)


# ---------------------------------------------------------------- the scan


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def check(client, persona, method, url, strict):
    """Problems of one request, as strings (empty: fine)."""
    response = getattr(client, method)(url)
    if method == "get" and response.status_code == 405:
        method, response = "post", client.post(url, {})
    where = f"{persona} {method.upper()} {url} -> {response.status_code}"
    problems = []
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    if MARKER.encode() in body_of(response) or MARKER in headers:
        problems.append(f"{where}: MARKER in the response")
    if strict and response.status_code not in ALLOWED_REFUSALS:
        location = response.get("Location", "")
        if not (response.status_code == 302 and "login" in location):
            problems.append(f"{where}: answered instead of refusing ({location})")
    return problems


@pytest.fixture
def quiet_request_log():
    """Thousands of refusals are expected here; their WARNING log lines would only cost time."""
    logging.disable(logging.WARNING)
    yield
    logging.disable(logging.NOTSET)


def build_restricted_world():
    """The demo with the stamped Dedicated Group objects: (the group, the querysets of its rows)."""
    load_demo_with_small_ids()
    dg = Group.objects.get(code="DG-IPP")
    add_restricted_objects(dg)
    querysets = restricted_querysets(dg)
    stamp_marker(querysets)
    return dg, querysets


@pytest.fixture
def restricted_world(db):
    return build_restricted_world()


def personas_outside_the_dedicated_group():
    sm = Client()
    sm.force_login(User.objects.get(username="sm-delegate"))
    return {"anonymous": Client(), "sm-delegate": sm}


SHARDS = 2  # the scan's URL patterns in this many tests, which pytest-xdist runs side by side


def in_shard(index, shard, shards=SHARDS):
    return index % shards == shard


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_url_pattern_hides_the_dedicated_group_from_outsiders(restricted_world, quiet_request_log, shard):
    scan(*restricted_world, shard=shard)


def test_the_shards_together_scan_every_url_pattern_once():
    patterns = list(iter_patterns())
    shards = [[route for i, (route, *_rest) in enumerate(patterns) if in_shard(i, s)] for s in range(SHARDS)]
    assert sorted(sum(shards, [])) == sorted(route for route, *_rest in patterns)
    assert all(len(shard) >= 45 for shard in shards)


def freeze_restricted_report(dg, marker=MARKER):
    """The restricted report approved, its revision 1 frozen from its stamped blocks: members then
    read it through the cached revision text (wsisportal/fragments.py), which carries `marker`
    (the content canary, tests/test_content_canary.py, proves no outsider ever reads that fragment)."""
    from reports.document import build_document
    from reports.models import Report, ReportStatus

    report = Report.objects.get(group=dg, pk__gte=BIG)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.APPROVED, revision=1)
    snapshot = build_document(report)
    snapshot["status"] = ReportStatus.APPROVED
    assert marker in repr(snapshot), "the stamped blocks are in the frozen text"
    report.revisions.filter(number=1).update(snapshot=snapshot)


def scan(dg, querysets, shard=0, shards=SHARDS):
    """Every URL pattern of this shard (the index of the pattern modulo `shards`)."""
    cands = candidates(querysets, dg)
    assert len(cands[1]) >= 15, "the world must hold restricted ids that nothing visible has"
    problems, scanned, excluded, per_route = [], 0, [], defaultdict(int)
    clients = personas_outside_the_dedicated_group()
    for index, (route, _name, entry, callback) in enumerate(iter_patterns()):
        if not in_shard(index, shard, shards):
            continue
        if is_excluded(route, callback):
            excluded.append(route)
            continue
        kinds = kwarg_kinds(route, entry)
        unknown = [k for k, v in kinds.items() if v.startswith("unknown")]
        assert not unknown, f"{route}: teach the leak scan to fill {unknown}"
        scanned += 1
        for kwargs in requests_for(route, kinds, cands):
            url = fill(route, kwargs)
            strict = is_strict(kwargs, kinds, cands, route)
            for persona, client in clients.items():
                per_route[route] += 1
                problems += check(client, persona, "get", url, strict)
            if not kinds:
                problems += check(clients["sm-delegate"], "sm-delegate", "get", f"{url}?q={SEARCH}", False)
    top = sorted(per_route.items(), key=lambda kv: -kv[1])[:8]
    print(f"busiest: {top}; int candidates: {len(cands[0])}, strict: {len(cands[1])}")
    print(f"leak scan: {scanned} URL patterns scanned, {sum(per_route.values())} requests; excluded: {excluded}")
    assert scanned >= 90 // shards
    assert not problems, "\n".join(problems[:40])


def test_member_of_the_dedicated_group_sees_the_marker_so_the_scan_can_fail(restricted_world, client):
    """The stamped world really shows MARKER to someone allowed to see it, on the routes scanned."""
    dg, querysets = restricted_world
    client.force_login(User.objects.get(username="ms-delegate"))
    from contributions.models import Document
    from meetings.models import Meeting, Session

    meeting = Meeting.objects.get(group=dg, pk__gte=BIG)
    urls = [
        reverse("meetings:meeting_detail", args=[meeting.pk]),
        reverse("meetings:session_detail", args=[Session.objects.get(pk__gte=BIG).pk]),
        reverse("contributions:document_detail", args=[Document.objects.get(pk__gte=BIG).pk]),
        reverse("meetings:working_list", args=[dg.code]),
        reverse("contributions:register", args=[meeting.pk]),
    ]
    for url in urls:
        assert MARKER in client.get(url).content.decode(), url


def test_scan_walks_namespaced_patterns_and_fills_every_converter():
    routes = {route: kwarg_kinds(route, entry) for route, _n, entry, _cb in iter_patterns()}
    assert routes["documents/<int:pk>/<str:language>/"] == {"pk": "int", "language": "str"}
    assert routes["groups/<slug:code>/working-list/<int:pk>/edit/"] == {"code": "slug", "pk": "int"}
    assert "reports/<int:pk>/revisions/<int:number>/pdf/" in routes
    assert any(route.startswith("admin/meetings/session/") for route in routes)


def test_a_converter_the_scan_cannot_fill_is_reported_not_skipped():
    from django.urls import path

    entry = path("things/<uuid:key>/", lambda request, key: None)
    assert kwarg_kinds("things/<uuid:key>/", entry) == {"key": "unknown:UUIDConverter"}
