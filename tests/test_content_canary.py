"""Content canary: the Dedicated Group's words never reach a Sector Member or the public, on any
page, fragment or output, even where an open page cross-references restricted content.

The world is the demo with the leak scan's extra Dedicated Group objects (tests/test_leak_scan.py).
After the demo's approval of the WG-WSIS report (whose frozen revision holds the Dedicated Group's
report as released Annex 1, as it was then), every text field of every row whose foreign keys lead
to the Dedicated Group, and every stored file of such a row, is stamped with MARKER. The released
report is stamped too: only its frozen annex is released, never its live working copy. Two WG-WSIS
reports then cite every Dedicated Group symbol: a paragraph added to the 14th meeting's report
(circulated, so Sector Members read the draft) and the 15th meeting's report (approved by the
chair and published, so the public reads it and its PDF).

Every URL pattern is filled with the ids of every candidate object, open and restricted alike, and
read by a Member State delegate (who fills the fragment cache, among others with the frozen text of
an approved Dedicated Group report, and must meet MARKER: otherwise the test proves nothing), then by
a Sector Member delegate and anonymously: the cache holds the restricted fragments when they read.
Each response is decoded by what it is: HTML and text, PDF text, XLSX cells, CSV, ICS, Atom, every
member of a ZIP, the API's JSON; headers too. The API (/api/v1/, every list whole and narrowed to
the Dedicated Group, every object by id and by symbol) is read with a personal token of each
persona, anonymously without one.
"""

import functools
import hashlib
import io
import itertools
import operator
import pickle
import re
import zipfile
from collections import defaultdict

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db.models import Q
from django.test import Client

from api import tokens
from contributions.demo.pdf import tiny_pdf
from meetings.models import Group, User
from tests.test_leak_scan import (  # noqa: F401 (quiet_request_log is a fixture)
    PORTAL_APPS,
    UNMARKED_FIELDS,
    add_restricted_objects,
    clone,
    fill,
    freeze_restricted_report,
    is_excluded,
    iter_patterns,
    kwarg_kinds,
    load_demo_with_small_ids,
    quiet_request_log,
    stamp_marker,
)

MARKER = "CANARY9f2c61d4"  # letters and digits only: survives PDF text extraction, ICS folding, CSV quoting
FINDER = re.compile(re.escape(MARKER), re.IGNORECASE)  # a PDF heading may be printed in capitals
# Cited in open text on purpose, so never stamped: a symbol alone says nothing of the document.
CANARY_UNMARKED = UNMARKED_FIELDS | {"symbol", "series"}
# Output kinds grouped into the families a Member State must meet MARKER in: each can carry Dedicated
# Group content to it (pages; document files and report PDFs; the register's XLSX and CSV; the
# meeting pack's members; the calendars and the document feed). Other kinds count as themselves.
FAMILIES = {"xlsx": "xlsx/csv", "csv": "xlsx/csv", "ics": "ics/atom", "atom": "ics/atom", "zip": "zip member"}
REQUIRED_FAMILIES = {"html", "pdf", "xlsx/csv", "zip member", "ics/atom", "json"}
CONTENT_KINDS = [
    ("application/json", "json"), ("text/html", "html"), ("text/csv", "csv"), ("text/calendar", "ics"),
    ("application/atom+xml", "atom"),
    ("application/pdf", "pdf"), ("spreadsheetml", "xlsx"), ("application/zip", "zip"),
]  # fmt: skip
PERSONAS = ["ms-delegate", "sm-delegate", "anonymous"]  # in this order: the Member State fills the cache

# What an id kwarg names, by the route it is in; the first match wins. A kwarg named neither here nor
# in values_for() fails the test ("teach the canary"), so a new URL cannot go unread.
ROUTE_KINDS = [
    ("floor/meetings/", "pk", "meeting"),
    ("floor/reports/", "pk", "report"),
    ("floor/sessions/", "pk", "session"),
    ("floor/sittings/", "pk", "sitting"),
    ("floor/requests/", "pk", "speaker_request"),
    ("floor/entries/", "pk", "record_entry"),
    ("inbox/", "pk", "notification"),
    ("api/v1/meetings/", "pk", "meeting"),
    ("api/v1/calls-for-documents/", "pk", "call"),
    ("api/v1/documents/", "pk", "document"),
    ("api/v1/documents/", "symbol", "all_symbols"),
    ("api/v1/roadmap-drafts/", "pk", "draft"),
    ("api/v1/roadmap-rows/", "pk", "row"),
    ("api/v1/reports/", "pk", "report"),
    ("api/tokens/", "pk", "api_token"),
    ("roadmap/action-lines/", "pk", "action_line"),
    ("roadmap/drafts/", "pk", "draft"),
    ("roadmap/rows/", "pk", "row"),
    ("roadmap/comments/", "pk", "row_comment"),
    ("documents/meetings/", "meeting_pk", "meeting"),
    ("documents/private/", "token", "token"),
    ("documents/private/", "meeting_pk", "meeting"),
    ("private/", "token", "token"),
    ("documents/", "pk", "document"),
    ("reports/blocks/", "pk", "block"),
    ("reports/meetings/", "pk", "meeting"),
    ("reports/action-items/", "pk", "action"),
    ("reports/action-items/", "meeting_pk", "meeting"),
    ("reports/", "pk", "report"),
    ("groups/", "pk", "issue"),
    ("meetings/", "pk", "meeting"),
    ("sessions/", "pk", "session"),
    ("agendas/", "pk", "agenda"),
    ("agenda-items/", "pk", "agenda_item"),
]


# ---------------------------------------------------------------- the world


def paths_to_group(model, depth=4):
    """Every foreign-key path from `model` to Group. The leak scan follows the shortest only, but a
    row can belong to the Dedicated Group by another one: a WG-WSIS roadmap draft taken to its meeting."""
    paths, frontier = [], [(model, "")]
    for _ in range(depth):
        frontier = [
            (field.related_model, f"{prefix}{field.name}__")
            for current, prefix in frontier
            for field in current._meta.concrete_fields
            if field.is_relation and field.related_model is not None
        ]
        paths += [prefix[:-2] for related, prefix in frontier if related is Group]
        frontier = [(related, prefix) for related, prefix in frontier if related is not Group]
    return paths


def dedicated_group_rows(dg):
    """{model: queryset} of every row that any foreign-key path leads from to the Dedicated Group.
    Unlike the leak scan, a report released into the parent's record is included: only its frozen
    annex is released, never its working copy."""
    rows = {}
    for model in apps.get_models():
        paths = paths_to_group(model) if model._meta.app_label in PORTAL_APPS and model is not Group else []
        if paths:
            belongs = functools.reduce(operator.or_, (Q(**{path: dg}) for path in paths))
            rows[model] = model.objects.filter(pk__in=model.objects.filter(belongs).values("pk"))
    return rows


def add_cross_referenced_objects(dg):
    """A WG-WSIS roadmap draft taken to the Dedicated Group's meeting, with a row: the WG-WSIS
    roadmap's pages list their drafts, and must leave this one out for outsiders."""
    from meetings.models import Meeting
    from roadmap.models import RoadmapDraft, RoadmapRow

    newest = RoadmapDraft.objects.filter(roadmap__group__code="WG-WSIS").order_by("-number").first()
    draft = clone(newest, number=newest.number + 1, based_on=None,
                  meeting=Meeting.objects.get(group=dg), document_symbol="DG-IPP-1/2")  # fmt: skip
    clone(RoadmapRow.objects.filter(draft__roadmap__group__code="WG-WSIS").first(), draft=draft)


def stamp_dedicated_group(dg):
    """MARKER in every text field and (as a real PDF) every stored file of the group's rows; the
    files' checksums follow, so nothing refuses to serve a stamped file as corrupt."""
    rows = dedicated_group_rows(dg)
    content = tiny_pdf([MARKER, "Dedicated Group file"])
    stamp_marker(rows, MARKER, file_bytes=content, unmarked=CANARY_UNMARKED)
    for model, queryset in rows.items():
        if any(f.name == "sha256" for f in model._meta.concrete_fields):
            model.objects.filter(pk__in=list(queryset.values_list("pk", flat=True))).update(
                sha256=hashlib.sha256(content).hexdigest()
            )


def cite_in_wg_reports(symbols):
    """A WG-WSIS paragraph citing every restricted symbol, in the 14th meeting's report (circulated
    draft of its next revision) and in the 15th meeting's report (approved by the chair, published)."""
    from meetings.models import Meeting
    from reports import services
    from reports.models import Report

    text = f"<p>The group took note of documents {', '.join(symbols)}.</p>"
    chair = User.objects.get(username="chair")
    report = Report.objects.get(group__code="WG-WSIS", meeting__number=14, kind="report")
    section = report.blocks.filter(parent=None).order_by("position").first()
    paragraph = {"kind": "paragraph", "body": text}
    services.add_block(report=report, parent=section, data=paragraph, expected_lock=report.lock_version)
    report.refresh_from_db()
    services.circulate_report(report=report, expected_lock=report.lock_version)
    meeting = Meeting.objects.get(group__code="WG-WSIS", number=15)
    report = services.create_report(meeting=meeting, group=meeting.group, kind="report", title="Report of the 15th")
    section = services.add_block(
        report=report, parent=None, data={"title": "Documents"}, expected_lock=report.lock_version
    )
    report.refresh_from_db()
    services.add_block(report=report, parent=section, data=paragraph, expected_lock=report.lock_version)
    report.refresh_from_db()
    report = services.circulate_report(report=report, expected_lock=report.lock_version)
    services.approve_report(report=report, by=chair, expected_lock=report.lock_version)
    report.refresh_from_db()
    services.publish_report(report=report)


@pytest.fixture
def canary_world(transactional_db):
    """Committed (transactional_db), so the fragment cache is in use (wsisportal/fragments.py)."""
    from contributions.models import Document

    cache.clear()
    load_demo_with_small_ids()
    dg = Group.objects.get(code="DG-IPP")
    add_restricted_objects(dg)
    add_cross_referenced_objects(dg)
    stamp_dedicated_group(dg)  # after the demo's approval: the frozen Annex 1 holds no MARKER
    freeze_restricted_report(dg, MARKER)  # a restricted revision's text, cached for its readers
    symbols = sorted(Document.objects.filter(group=dg).values_list("symbol", flat=True))
    cite_in_wg_reports(symbols)
    return dg, symbols


# ---------------------------------------------------------------- every object a URL can name


def both_sides(queryset, lookup, dg, limit=3):
    """Up to `limit` of the Dedicated Group's rows (newest first: the added ones) and of the others."""
    restricted = queryset.filter(**{lookup: dg}).order_by("-pk").values_list("pk", flat=True)[:limit]
    other = queryset.exclude(**{lookup: dg}).order_by("pk").values_list("pk", flat=True)[:limit]
    return list(restricted) + list(other)


def private_url_tokens():
    """The Sector Member's private-URL token (whoever holds it reads what the Sector Member may) and
    a Member State's token that was reset since (it must open nothing)."""
    from meetings import services as meeting_services

    stale = meeting_services.reset_feed_token(user=User.objects.get(username="ms-delegate"))
    meeting_services.reset_feed_token(user=User.objects.get(username="ms-delegate"))
    return [meeting_services.reset_feed_token(user=User.objects.get(username="sm-delegate")), stale]


def candidates(dg, symbols):
    """{kind: values}: every meeting, document, report, revision, draft, session, agenda and group;
    a sample of both sides for the kinds with many rows, and every paragraph that cites symbols."""
    from contributions.models import CallForDocuments, Document, DocumentFile
    from floor.models import RecordEntry, Sitting, SpeakerRequest
    from inbox.models import Notification
    from meetings.models import Agenda, AgendaItem, Meeting, Session, WorkingListIssue
    from reports.models import Block, Report, ReportRevision
    from roadmap.models import ActionLine, RoadmapDraft, RoadmapRow, RowComment

    def every(model):
        return list(model.objects.order_by("pk").values_list("pk", flat=True))

    citing = list(
        Block.objects.filter(body__contains=symbols[0]).exclude(report__group=dg).values_list("pk", flat=True)
    )
    return {
        "meeting": every(Meeting), "document": every(Document),
        "report": every(Report), "draft": every(RoadmapDraft), "session": every(Session), "agenda": every(Agenda),
        "row_comment": every(RowComment), "action_line": every(ActionLine)[:2],
        "code": list(Group.objects.order_by("code").values_list("code", flat=True)),
        "revision": list(ReportRevision.objects.order_by("pk").values_list("report_id", "number")),
        "docfile": list(DocumentFile.objects.order_by("pk").values_list("document_id", "language")),
        "row": both_sides(RoadmapRow.objects, "draft__roadmap__group", dg),
        "block": both_sides(Block.objects, "report__group", dg) + citing,
        "action": both_sides(Block.objects.filter(kind="action"), "report__group", dg, limit=2),
        "agenda_item": both_sides(AgendaItem.objects, "agenda__meeting__group", dg),
        "issue": both_sides(WorkingListIssue.objects, "group", dg),
        "symbols": symbols, "call": every(CallForDocuments), "api_token": [1], "token": private_url_tokens(),
        "sitting": every(Sitting), "speaker_request": every(SpeakerRequest)[:4],
        "record_entry": both_sides(RecordEntry.objects, "sitting__session__group", dg),
        "notification": every(Notification)[:4],
        "all_symbols": symbols
        + list(Document.objects.exclude(symbol__in=symbols).values_list("symbol", flat=True)[:2]),
    }  # fmt: skip


def values_for(route, name, cands):
    from roadmap import exports
    from roadmap.forms import CELL_FORMS

    fixed = {
        "code": cands["code"], "fmt": exports.FORMATS, "cell": list(CELL_FORMS), "direction": ["up", "down"],
        "kind": ["report", "summary"],  # floor: what "Draft the report" makes (POST only: read as refused)
    }  # fmt: skip
    if name in fixed:
        return fixed[name]
    kind = next((kind for prefix, kwarg, kind in ROUTE_KINDS if route.startswith(prefix) and kwarg == name), None)
    assert kind is not None, f"{route}: teach the content canary what <{name}> names"
    return cands[kind]


def kwargs_for(route, kinds, cands):
    """Every combination; a document's language and a report's revision number come in pairs."""
    if {"pk", "language"} <= kinds.keys():
        return [{"pk": pk, "language": language} for pk, language in cands["docfile"]]
    if {"pk", "number"} <= kinds.keys():
        return [{"pk": pk, "number": number} for pk, number in cands["revision"]]
    lists = {name: values_for(route, name, cands) for name in kinds}
    return [dict(zip(lists, combo, strict=True)) for combo in itertools.product(*lists.values())]


def queries_for(name, kinds, cands):
    """Query strings that make a view show something else: a comparison, a cell, a search."""
    if name == "roadmap:draft_compare":
        return [""] + [f"?with={pk}" for pk in cands["draft"]]
    if name == "roadmap:cell":
        return ["", "?show=1"]
    if not kinds and name and name.startswith("api:"):  # API lists: whole, and narrowed to the restricted group
        return ["?page_size=500", "?page_size=500&group=DG-IPP"]
    if not kinds:  # search boxes and filters: the marker's prefix and a restricted symbol
        return ["", "?q=CANARY", f"?q={cands['symbols'][0]}"]
    return [""]


def urls_to_read(cands):
    """Every non-admin URL, filled. The admin is refused to non-staff as a whole and already scanned
    with the Dedicated Group's ids by tests/test_leak_scan.py; auth views change the session."""
    urls = []
    for route, name, entry, callback in iter_patterns():
        if is_excluded(route, callback) or route.startswith("admin/"):
            continue
        kinds = kwarg_kinds(route, entry)
        for kwargs in kwargs_for(route, kinds, cands):
            urls += [fill(route, kwargs) + query for query in queries_for(name, kinds, cands)]
    return urls


# ---------------------------------------------------------------- reading a response


def kind_of(data, content_type="", name=""):
    for fragment, kind in CONTENT_KINDS:
        if fragment in content_type:
            return kind
    if data.startswith(b"%PDF") or name.endswith(".pdf"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "xlsx" if name.endswith(".xlsx") or b"xl/workbook.xml" in data else "zip"
    return name.rpartition(".")[2] if name.endswith((".csv", ".ics", ".atom", ".html")) else "text"


def pdf_text(data):
    """Extracted text plus the raw bytes (an uncompressed stream, a file that pypdf cannot parse)."""
    from pypdf import PdfReader

    try:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    except Exception as error:  # noqa: BLE001 (a broken PDF is still read as bytes)
        text = f"[pypdf: {error}]"
    return text + "\n" + data.decode("latin-1")


def xlsx_text(data):
    """Sheet titles and every cell, plus every XML part (document properties, charts, strings)."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    parts = [ws.title for ws in book.worksheets]
    for sheet in book.worksheets:
        parts += [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts += [archive.read(info).decode("utf-8", "replace") for info in archive.infolist()]
    return "\n".join(parts)


def outputs_of(data, content_type="", name=""):
    """[(kind, text)]: one entry per output; a ZIP gives each member's name and decoded content."""
    kind = kind_of(data, content_type, name)
    if kind == "pdf":
        return [("pdf", pdf_text(data))]
    if kind == "xlsx":
        return [("xlsx", xlsx_text(data))]
    if kind == "zip":
        found = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                found.append(("zip member name", info.filename))
                member = outputs_of(archive.read(info), "", info.filename)
                found += [(f"zip member {info.filename} ({k})", text) for k, text in member]
        return found
    text = data.decode("utf-8", "replace")
    return [(kind, re.sub(r"\r?\n[ \t]", "", text) if kind == "ics" else text)]  # ICS lines are folded


def body_of(response):
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
        response.close()  # a FileResponse holds its file open
        return data
    return response.content


def outputs_in(response, *, memo, skip=frozenset()):
    """[(kind, text)]: the headers, then every output of the body. `memo` keeps decoded PDFs, XLSX
    and ZIPs by content (a stored PDF reaches every persona byte for byte); a body whose family is
    in `skip` is not decoded."""
    outputs = [("headers", "\n".join(f"{k}: {v}" for k, v in response.items()))]
    data, content_type = body_of(response), response.get("Content-Type", "")
    kind = kind_of(data, content_type)
    if family(kind) not in skip:
        key = (hashlib.sha256(data).digest(), content_type)
        decoded = memo.get(key) or outputs_of(data, content_type)
        if kind in {"pdf", "xlsx", "zip"}:
            memo[key] = decoded
        outputs += decoded
    return outputs


def sightings(outputs):
    """[(kind, snippet)] for each output that holds MARKER."""
    found = []
    for kind, text in outputs:
        match = FINDER.search(text)
        if match:
            found.append((kind, re.sub(r"\s+", " ", text[max(0, match.start() - 70) : match.end() + 70])))
    return found


def family(kind):
    if kind.startswith("zip member") and kind != "zip member name":
        return "zip member"
    return FAMILIES.get(kind, kind)


def read_everything(urls, symbols):
    """({persona: [(url, kind, snippet)]} where MARKER was met, {outsider: families of the outputs
    in which they read a cited restricted symbol}, server errors). Every persona reads every URL,
    the Member State first (so the cache holds what it was shown); its outputs are decoded only
    until it has met MARKER in their family (PDF text extraction is the slow part)."""
    cited = re.compile("|".join(re.escape(symbol) + r"(?!\d)" for symbol in symbols))
    clients = {persona: Client(raise_request_exception=False) for persona in PERSONAS}
    # The API is read as scripts read it: with a personal token of the persona (anonymous: none).
    api_clients = {"anonymous": clients["anonymous"]}
    for persona in ("ms-delegate", "sm-delegate"):
        user = User.objects.get(username=persona)
        clients[persona].force_login(user)
        _token, secret = tokens.create_token(user=user, name="canary")
        api_clients[persona] = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {secret}")
    seen, quoted, errors, memo, met = defaultdict(list), defaultdict(set), [], {}, set()
    for url in urls:
        for persona, client in clients.items():
            # Redirects are followed: an approved PDF is sent through a signed ticket (/files/…).
            response = (api_clients[persona] if url.startswith("/api/v1/") else client).get(url, follow=True)
            if response.status_code >= 500:
                errors.append(f"{persona} {url} -> {response.status_code}")
            outputs = outputs_in(response, memo=memo, skip=met if persona == "ms-delegate" else frozenset())
            found = sightings(outputs)
            seen[persona] += [(url, kind, snippet) for kind, snippet in found]
            if persona == "ms-delegate":
                met |= {family(kind) for kind, _snippet in found}
            elif response.status_code == 200:  # PDF text may break a symbol across lines
                quoted[persona] |= {family(k) for k, text in outputs if cited.search(re.sub(r"\s+", "", text))}
    return seen, quoted, errors


# ---------------------------------------------------------------- the test


@pytest.mark.usefixtures("quiet_request_log")
def test_content_canary_reaches_member_states_and_never_outsiders(canary_world):
    """One world, one read of every URL (building and reading twice would double the runtime).
    First the Member State must meet MARKER in every kind of output that can carry Dedicated Group
    content to it, and the outsiders must have read the WG-WSIS pages and PDFs that cite the
    restricted symbols, or the scan proves nothing; then no outsider may meet MARKER anywhere.
    Every sighting is listed (URL, persona, output kind, context), not just the first."""
    dg, symbols = canary_world
    urls = urls_to_read(candidates(dg, symbols))
    seen, quoted, errors = read_everything(urls, symbols)
    print(f"content canary: {len(urls)} URLs x {len(PERSONAS)} personas; server errors: {errors}")
    met = {family(kind) for _url, kind, _snippet in seen["ms-delegate"]}
    missing = REQUIRED_FAMILIES - met
    assert not missing, f"the Member State never met MARKER in {missing}: the canary proves nothing there"
    fragments = {key: pickle.loads(value) for key, value in cache._cache.items() if key.startswith(":1:fragment:")}
    assert any(MARKER in value for value in fragments.values()), "the Member State cached restricted text"
    personal = [key for key, value in fragments.items() if "csrfmiddlewaretoken" in repr(value)]
    assert personal == [], "a cached fragment holds a form with its user's CSRF token"
    for persona in PERSONAS[1:]:  # the WG-WSIS draft (Sector Member) and published report (everyone)
        assert {"html", "pdf"} <= quoted[persona], f"{persona} never read a page and a PDF citing DG symbols"
    leaks = [
        f"{persona} {url} [{kind}]: …{snippet}…" for persona in PERSONAS[1:] for url, kind, snippet in seen[persona]
    ]
    assert not leaks, f"{len(leaks)} outputs show Dedicated Group content to outsiders:\n" + "\n".join(leaks)
