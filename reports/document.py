"""Turn a report's working copy into the plain document structure that pages and PDFs render.

The structure holds only strings, numbers, lists and dicts, so approval can freeze it as a
JSON snapshot and the approved revision is rendered from the snapshot, never from live rows.
Cited symbols are looked up through the access policy: a report titles and links only the
documents its readers may see.
"""

from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import formats
from django.utils.html import escape
from django.utils.translation import gettext as _

from contributions.models import Document
from meetings.models import Participant
from wsisportal import access

from .models import ActionStatus, BlockKind, Report, ReportKind
from .numbering import Node, number_tree
from .sanitise import find_symbols, link_symbols, plain_text, text_direction

DATE_FORMAT = "j F Y"  # Django's date format: the month's name in the active language


def _date(value):
    return formats.date_format(value, DATE_FORMAT)


def build_document(report, *, reader=None):
    """The report as a document dict.

    Without `reader` it is the record as frozen at approval: every annex included, and the
    list of documents names only what every reader of this group's record may see. With a
    `reader` (a working copy shown to someone), an annex whose group they may not see becomes
    a placeholder and the list is narrowed to what they may see as well."""

    def include_annex(annexed):
        return reader is None or access.can_view_group_content(reader, annexed.group)

    doc = _document_core(report)
    annexes = []
    for annexed in report.annexes.select_related("group", "meeting").order_by("annex_position", "pk"):
        entry = {"kind": "report", "title": annexed.title, "group": annexed.group.code, "report_id": annexed.pk}
        if include_annex(annexed):
            entry["document"] = _document_core(annexed)
        else:  # not even the title: it may say what the restricted group discussed
            entry.update(restricted=True, title=_("Report of %(group)s") % {"group": annexed.group.code})
        annexes.append(entry)
    symbols = _all_symbols([doc] + [a["document"] for a in annexes if "document" in a])
    index = document_index(symbols, record_group=report.group, reader=reader)
    _link_all([doc] + [a["document"] for a in annexes if "document" in a], index)
    if symbols:
        annexes.append(
            {"kind": "documents", "title": _("List of documents"), "documents": _document_list(symbols, index)}
        )
    if report.kind == ReportKind.REPORT:
        participants = participants_by_organisation(report.meeting)
        if participants:
            annexes.append({"kind": "participants", "title": _("List of participants"), "organisations": participants})
    for number, annex in enumerate(annexes, start=1):
        annex["number"] = number
    doc["annexes"] = annexes
    return doc


def _document_core(report):
    meeting, group = report.meeting, report.group
    blocks = list(report.blocks.select_related("delegation").order_by("position", "pk"))
    # Only action items have owners: a prefetch over every block builds a manager per block.
    prefetch_related_objects([b for b in blocks if b.kind == BlockKind.ACTION], "owners")
    roots = _tree(blocks)
    numbers = number_tree([_node(b) for b in roots])
    return {
        "report_id": report.pk,
        "revision": report.revision,
        "status": report.status,
        "kind": report.kind,
        "kind_label": str(report.get_kind_display()),
        "title": report.title,
        "symbol": report.symbol,
        "date": _date(report.date) if report.date else "",
        "place_and_date": report.place_and_date,
        "original_language": str(report.get_original_language_display()),
        "language": report.print_language,
        "group": {"code": group.code, "name": group.name},
        "meeting": {
            "number": meeting.number,
            "ordinal": meeting.ordinal,
            "title": meeting.title,
            "dates": _date_range(meeting.start_date, meeting.end_date),
            "venue": meeting.venue,
        },
        "summary": report.summary,
        "action_required": report.action_required,
        "references": report.references,
        "signature_lines": [line for line in report.signature.splitlines() if line.strip()],
        "blocks": [_block_dict(b, numbers, _labels()) for b in roots],
    }


def _tree(blocks):
    by_parent = {}
    for block in blocks:
        by_parent.setdefault(block.parent_id, []).append(block)
    for block in blocks:
        block.child_list = by_parent.get(block.pk, [])
    return by_parent.get(None, [])


def _node(block):
    return Node(block.pk, block.kind, block.numbered, [_node(c) for c in block.child_list])


def _labels():
    """The names of block kinds and action statuses, translated once a document: a model's
    `get_<field>_display()` translates every choice of the field on each call (300 blocks, 7 kinds)."""
    return {
        "kind": {value: str(label) for value, label in BlockKind.choices},
        "status": {value: str(label) for value, label in ActionStatus.choices},
    }


def _block_dict(block, numbers, labels):
    html = _statement_html(block) if block.kind == BlockKind.STATEMENT else block.body
    running = numbers.running.get(block.pk)
    if running:
        html = _with_running_label(html, block.kind, running)
    entry = {
        "id": block.pk,
        "kind": block.kind,
        "kind_label": labels["kind"].get(block.kind, block.kind),
        "number": numbers.labels.get(block.pk, ""),
        "running": numbers.running.get(block.pk),
        "title": block.title,
        "html": html,
        "dir": text_direction(block.title + " " + html),
        "children": [_block_dict(c, numbers, labels) for c in block.child_list],
    }
    if block.kind == BlockKind.STATEMENT:
        entry["delegation"] = block.delegation.name
    if block.kind == BlockKind.ACTION:
        entry["action"] = _action_dict(block, labels)
    return entry


def _with_running_label(html, kind, number):
    """Proposals and decisions carry their running number, as a tag closing their last line."""
    text = _("Proposal %(n)s") if kind == BlockKind.PROPOSAL else _("Decision %(n)s")
    label = f' <span class="r-running">[{escape(text % {"n": number})}]</span>'
    return html[:-4] + label + "</p>" if html.endswith("</p>") else html + label


def _statement_html(block):
    lead = escape(block.lead or _("%(delegation)s stated") % {"delegation": block.delegation.name})
    text = escape(plain_text(block.body))
    return f"<p>{lead} “{text}”</p>" if block.verbatim else f"<p>{lead} {text}</p>"


def _action_dict(block, labels):
    return {
        "who": action_owners(block),
        "due": action_due(block),
        "status": block.action_status,
        "status_label": labels["status"].get(block.action_status, block.action_status),
    }


def action_owners(block):
    names = [o.short_name for o in block.owners.all()]
    if block.owners_note:
        names.append(block.owners_note)
    return ", ".join(names)


def action_due(block):
    if block.due_date:
        return _date(block.due_date)
    if block.due_next_meeting:
        return str(_("next meeting"))
    return ""


def _date_range(start, end):
    if start == end:
        return _date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{_date(end)}"
    return f"{_date(start)} - {_date(end)}"


def draft_with_comments(report, reader):
    """The working copy as `reader` reads it (build_document), each block carrying the comments
    on it that the policy lets `reader` see (`block["comments"]`)."""
    from .models import BlockComment

    doc = build_document(report, reader=reader)
    comments = {}
    own = BlockComment.objects.filter(block__report=report).select_related("author", "organisation")
    for comment in access.visible_block_comments(reader, own):
        comments.setdefault(comment.block_id, []).append(comment)
    for block in walk_blocks(doc["blocks"]):
        block["comments"] = comments.get(block["id"], [])
    return doc


def walk_blocks(blocks):
    """Every block dict of a tree, depth first, in document order."""
    for block in blocks:
        yield block
        yield from walk_blocks(block["children"])


def _all_symbols(docs):
    symbols = []
    for doc in docs:
        texts = [doc["summary"], doc["action_required"], doc["references"]]
        texts += [b["title"] + " " + b["html"] for b in walk_blocks(doc["blocks"])]
        for text in texts:
            symbols += [s for s in find_symbols(text) if s not in symbols]
    return symbols


def _link_all(docs, index):
    urls = {symbol: entry["url"] for symbol, entry in index.items() if entry["url"]}
    for doc in docs:
        for key in ("summary", "action_required", "references"):
            doc[key] = link_symbols(doc[key], urls)
        for block in walk_blocks(doc["blocks"]):
            block["html"] = link_symbols(block["html"], urls)


def _symbol_key(symbol):
    series, _, rest = symbol.rpartition("/")
    digits = "".join(ch for ch in rest.split("(")[0] if ch.isdigit())
    return (series, int(digits or 0), rest)


def _document_list(symbols, index):
    return [
        {"symbol": s, "title": index.get(s, {}).get("title", ""), "url": index.get(s, {}).get("url")}
        for s in sorted(symbols, key=_symbol_key)
    ]


def document_index(symbols, *, record_group, reader=None):
    """{symbol: {"title", "url"}} of the documents and reports among `symbols` that every reader
    of `record_group`'s record may see (and `reader` too, when given). Anything else cited stays
    a bare symbol: no title, no link, nothing that says what it is."""
    groups = access.record_document_group_ids(record_group)
    docs = Document.objects.filter(symbol__in=symbols, group_id__in=groups)
    if reader is not None:
        docs = access.visible_documents(reader, docs)
    index = {
        d.symbol: {"title": d.title, "url": reverse("contributions:document_detail", args=[d.pk])}
        for d in docs.only("pk", "symbol", "title")
    }
    # Reports carry symbols too (the summary cites the report): titled, linked to the report page.
    reports = Report.objects.filter(symbol__in=set(symbols) - set(index), group_id__in=groups)
    if reader is not None:
        reports = access.visible_reports(reader, reports)
    for report in reports.only("pk", "symbol", "title"):
        index[report.symbol] = {"title": report.title, "url": reverse("reports:report_detail", args=[report.pk])}
    return index


def participants_by_organisation(meeting):
    """[{"organisation", "people"}] of those who attended, by organisation."""
    rows = (
        Participant.objects.filter(meeting=meeting, attended=True)
        .select_related("organisation", "user")
        .order_by("organisation__name", "user__last_name", "user__first_name")
    )
    grouped = {}
    for row in rows:
        grouped.setdefault(row.organisation.name, []).append(row.user.get_full_name() or row.user.username)
    return [{"organisation": name, "people": people} for name, people in grouped.items()]
