"""Draft from the floor: the report's working copy built from the session record.

One section per agenda item in agenda order (the meeting's own group: every top-level item; a
group sitting inside another's meeting: the items it discussed), each opening with the
documents of the item, then the record in the order it was filed. A "section" entry opens a
section of its own (titled with its text) where it was filed: the item's record is then drafted
in several sections, in the item's place (the item's own section only holds what was filed
before the first of them). Interventions become paragraphs,
statements attributed as the reports do ("Saudi Arabia stated that …"), decisions and proposals
(numbered), action items (who, what, due) and the documents requested in session. The first
section carries the attendance; the meeting summary gets the decisions and action items.

A report already drafted is never rebuilt: new entries are offered (`offers`), and only those
the secretariat picks are appended (`add_offered`), so nothing edited is overwritten. Entries
corrected after they were drafted are offered too (`corrections`): a block still holding the
text as drafted may take the correction (`take_corrections`); one edited by hand is never
replaced, its correction is shown to be merged by hand (or left: `leave_corrections`).
"""

import html
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Max
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from contributions.models import Document, DocumentStatus
from meetings.models import Participant
from reports import services as report_services
from reports.models import Block, BlockKind, Report, ReportKind
from reports.sanitise import clean_html
from wsisportal import access, redline
from wsisportal.optimistic import bump

from .models import DraftLink, EntryKind, RecordEntry
from .services import agenda_order

BLOCK_KIND = {
    EntryKind.INTERVENTION: BlockKind.PARAGRAPH,
    EntryKind.STATEMENT: BlockKind.STATEMENT,
    EntryKind.DECISION: BlockKind.DECISION,
    EntryKind.PROPOSAL: BlockKind.PROPOSAL,
    EntryKind.ACTION: BlockKind.ACTION,
    EntryKind.DOCUMENT: BlockKind.PARAGRAPH,
}
SUMMARY_KINDS = (EntryKind.DECISION, EntryKind.ACTION)


def record_of(meeting, group):
    """The filed entries of `group`'s sittings at `meeting`, in agenda order then as filed."""
    order = {item.pk: index for index, item in enumerate(agenda_order(meeting))}
    entries = (
        RecordEntry.objects.filter(sitting__session__meeting=meeting, sitting__session__group=group)
        .filter(filed_at__isnull=False)
        .select_related("delegation", "document", "item")
        .prefetch_related("owners")
    )
    return sorted(entries, key=lambda e: (order.get(e.item_id, len(order)), e.filed_at, e.pk))


def text_to_html(text):
    """Plain text as typed: blank lines part paragraphs, lines starting "- " are list items
    (rendered, escaped, by templates/floor/includes/typed_text.html)."""
    parts = []
    for chunk in [c.strip() for c in text.replace("\r\n", "\n").split("\n\n") if c.strip()]:
        lines = chunk.split("\n")
        parts.append(
            {
                "prose": " ".join(line.strip() for line in lines if not line.startswith("- ")),
                "bullets": [line[2:].strip() for line in lines if line.startswith("- ")],
            }
        )
    return render_to_string("floor/includes/typed_text.html", {"parts": parts}).strip()


def default_lead(entry):
    name = entry.delegation.name
    return (
        _("%(delegation)s stated") % {"delegation": name}
        if entry.verbatim
        else _("%(delegation)s stated that") % {"delegation": name}
    )


def block_fields(entry):
    fields = {"kind": BLOCK_KIND[entry.kind], "numbered": True, "body": clean_html(text_to_html(entry.text))}
    if entry.kind == EntryKind.STATEMENT:
        fields.update(delegation=entry.delegation, lead=entry.lead or default_lead(entry), verbatim=entry.verbatim)
    elif entry.kind == EntryKind.ACTION:
        fields.update(owners_note=entry.owners_note, due_date=entry.due_date, due_next_meeting=entry.due_next_meeting)
    elif entry.kind == EntryKind.DOCUMENT:
        message = _("The Group requested document %(symbol)s (%(title)s) in session; it was admitted as requested.")
        body = html.escape(message % {"symbol": entry.document.symbol, "title": entry.document.title})
        fields["body"] = f"<p>{body}</p>" + fields["body"]
    return fields


@transaction.atomic
def draft_report(*, meeting, group, kind=ReportKind.REPORT):
    """Build the working copy of `group`'s report (or summary) at `meeting` from the record, if
    it has never been drafted from the floor. Returns (report, drafted: bool). A report already
    drafted, or written by hand, is left as it is (see offers). Side effects: the Report if
    missing, its blocks and DraftLinks, one move of its lock."""
    report = Report.objects.filter(meeting=meeting, group=group, kind=kind).select_for_update().first()
    if report is None:
        report = report_services.create_report(
            meeting=meeting, group=group, kind=kind, title=_title(meeting, group, kind)
        )
    if report.is_frozen:
        raise ValidationError(_("This report is approved; new material is added in the report editor."))
    if report.floor_links.exists() or report.blocks.exists():
        return report, False
    entries = record_of(meeting, group)
    if kind == ReportKind.SUMMARY:
        _draft_summary(report, entries)
    else:
        _draft_sections(report, meeting, group, entries)
    bump(report, field="lock_version")
    return report, True


def _title(meeting, group, kind):
    if kind == ReportKind.SUMMARY:
        return _("Summary of the %(meeting)s") % {"meeting": meeting}
    if group.pk != meeting.group_id:
        return _("Report of the %(group)s at the %(meeting)s") % {"group": group.name, "meeting": meeting}
    return _("Report of the %(meeting)s") % {"meeting": meeting}


def _draft_sections(report, meeting, group, entries):
    items = agenda_order(meeting)
    by_top = {}
    for entry in entries:
        top = next((i.top for i in items if i.pk == entry.item_id), entry.item)
        by_top.setdefault(top.pk, []).append(entry)
    tops = [i for i in items if i.depth == 0]
    if group.pk != meeting.group_id:
        tops = [i for i in tops if i.pk in by_top]
    documents = _documents_by_item(meeting, group, items)
    position = 0
    for index, top in enumerate(tops):
        record = by_top.get(top.pk, [])
        position += 1
        if record and record[0].kind == EntryKind.SECTION:
            section, record = _heading_section(report, record[0], position=position), record[1:]
        else:
            section = _section(report, top, position=position)
        children = [i for i in items if i.top.pk == top.pk]
        symbols = [s for i in children for s in documents.get(i.pk, [])]
        if symbols:
            text = _("Documents: %(symbols)s.") % {"symbols": ", ".join(dict.fromkeys(symbols))}
            _block(report, section, kind=BlockKind.PARAGRAPH, numbered=False, body=f"<p>{html.escape(text)}</p>")
        if index == 0:
            _block(report, section, kind=BlockKind.PARAGRAPH, numbered=False, body=_attendance(meeting))
        for entry in record:
            if entry.kind == EntryKind.SECTION:
                position += 1
                section = _heading_section(report, entry, position=position)
            else:
                _entry_block(report, section, entry)


def _draft_summary(report, entries):
    chosen = [e for e in entries if e.kind in SUMMARY_KINDS]
    if not chosen:
        return
    section = Block.objects.create(report=report, kind=BlockKind.SECTION, title=_("Main results"), position=1)
    for entry in chosen:
        _entry_block(report, section, entry)


def _section(report, item, *, position):
    section = Block.objects.create(report=report, kind=BlockKind.SECTION, title=item.title, position=position)
    DraftLink.objects.create(report=report, item=item, block=section)
    return section


def _heading_section(report, entry, *, position):
    """The section a "section" entry opens (its DraftLink keeps the title as drafted)."""
    title = drafted_text(entry)
    section = Block.objects.create(report=report, kind=BlockKind.SECTION, title=title, position=position)
    DraftLink.objects.create(report=report, item=entry.item, entry=entry, block=section, drafted_body=title)
    return section


def drafted_text(entry):
    """What a draft puts in the block made from `entry`: a section's title, else the body."""
    if entry.kind == EntryKind.SECTION:
        return " ".join(entry.text.split())
    return block_fields(entry)["body"]


def _block(report, parent, **fields):
    position = (Block.objects.filter(parent=parent).aggregate(p=Max("position"))["p"] or 0) + 1
    return Block.objects.create(report=report, parent=parent, position=position, **fields)


def _entry_block(report, section, entry):
    block = _block(report, section, **block_fields(entry))
    if entry.kind == EntryKind.ACTION:
        block.owners.set(entry.owners.all())
    DraftLink.objects.create(report=report, item=entry.item, entry=entry, block=block, drafted_body=block.body)
    return block


def _documents_by_item(meeting, group, items):
    """Symbols of the documents linked to each item that every reader of the report may see
    (a WG-WSIS report does not list a Dedicated Group document)."""
    readable = access.record_document_group_ids(group)
    rows = (
        Document.objects.filter(meeting=meeting, group_id__in=readable, agenda_items__in=[i.pk for i in items])
        .exclude(status=DocumentStatus.WITHDRAWN)
        .order_by("series", "number", "suffix", "suffix_number")
        .values_list("agenda_items", "symbol")
    )
    out = {}
    for item_id, symbol in rows:
        out.setdefault(item_id, []).append(symbol)
    return out


def _attendance(meeting):
    attended = Participant.objects.filter(meeting=meeting, attended=True)
    counts = attended.aggregate(delegates=Count("pk"), organisations=Count("organisation", distinct=True))
    names = sorted(set(attended.values_list("organisation__name", flat=True)))
    text = _("Attendance: %(delegates)s delegates of %(organisations)s organisations registered in the portal") % counts
    if names:
        text += ": " + "; ".join(names)
    if meeting.reported_delegates:
        text += ". " + _("Reported: %(n)s delegates.") % {"n": meeting.reported_delegates}
    return f"<p>{html.escape(text)}</p>"


# ---------------------------------------------------------------------------------------------
# A second draft: new material is offered, not forced


def offers(report):
    """Filed entries of the report's group at its meeting that no draft has put in it yet."""
    linked = set(DraftLink.objects.filter(report=report, entry__isnull=False).values_list("entry_id", flat=True))
    entries = [e for e in record_of(report.meeting, report.group) if e.pk not in linked]
    if report.kind == ReportKind.SUMMARY:
        entries = [e for e in entries if e.kind in SUMMARY_KINDS]
    return entries


@transaction.atomic
def add_offered(*, report, entry_ids, expected_lock):
    """Add the chosen offered entries in the order they were filed: each at the end of the
    section it was filed under (the nearest section entry of its item drafted before it, else
    the item's section; a section is added at the end for an item that has none). A section
    entry taken makes its section, right after the one it was filed under. Side effects:
    blocks, DraftLinks, the lock (refused if the report changed since the offer was read)."""
    report_services.claim_edit(report, expected_lock)
    chosen = [e for e in offers(report) if e.pk in set(entry_ids)]
    items = {i.pk: i for i in agenda_order(report.meeting)}
    for entry in chosen:
        top = items[entry.item_id].top if entry.item_id in items else entry.item
        section = _filed_under(report, entry, top, items)
        if entry.kind == EntryKind.SECTION:
            position = section.position + 1 if section is not None else _next_top(report)
            report.blocks.filter(parent=None, position__gte=position).update(position=F("position") + 1)
            _heading_section(report, entry, position=position)
            continue
        if section is None:
            if report.kind == ReportKind.SUMMARY:
                section = report.blocks.filter(parent=None).first() or _section(report, top, position=_next_top(report))
            else:
                DraftLink.objects.filter(report=report, item=top, entry__isnull=True).delete()
                section = _section(report, top, position=_next_top(report))
        _entry_block(report, section, entry)
    return chosen


def _filed_under(report, entry, top, items):
    """The section of the report `entry` belongs in: that of the last section entry of its item
    filed before it and drafted, else the item's own section (None: neither is in the report)."""
    on_item = [pk for pk, item in items.items() if item.top.pk == top.pk] or [entry.item_id]
    headings = (
        DraftLink.objects.filter(report=report, block__isnull=False, entry__kind=EntryKind.SECTION)
        .filter(entry__item_id__in=on_item, entry__sitting__session__group=report.group)
        .select_related("entry", "block")
    )
    before = [link for link in headings if (link.entry.filed_at, link.entry.pk) < (entry.filed_at, entry.pk)]
    if before:
        return max(before, key=lambda link: (link.entry.filed_at, link.entry.pk)).block
    link = DraftLink.objects.filter(report=report, item=top, entry__isnull=True, block__isnull=False).first()
    return link.block if link is not None else None


def _next_top(report):
    return (report.blocks.filter(parent=None).aggregate(p=Max("position"))["p"] or 0) + 1


# ---------------------------------------------------------------------------------------------
# Corrections made in the record after the draft: offered, never forced


@dataclass
class CorrectionOffer:
    """An entry corrected after it was drafted: `old` is what the floor put in its block, `new`
    what the entry says now, `held` what the block holds. `takeable`: the block still holds the
    drafted text, so taking the correction replaces it; otherwise the secretariat edited the
    block by hand and merges the correction by hand."""

    link: DraftLink
    old: str
    new: str
    held: str

    @property
    def entry(self):
        return self.link.entry

    @property
    def is_title(self):
        return self.entry.kind == EntryKind.SECTION

    @property
    def takeable(self):
        return self.held == self.old


def corrections(report):
    """Entries of the report's record corrected since they were drafted into it (and whose
    correction has been neither taken nor left), in the order they were filed."""
    links = (
        DraftLink.objects.filter(report=report, entry__corrections__isnull=False, block__isnull=False)
        .filter(entry__filed_at__isnull=False)
        .select_related("entry__delegation", "entry__document", "entry__item", "block")
        .distinct()
        .order_by("entry__filed_at", "entry__pk")
    )
    out = []
    for link in links:
        new = drafted_text(link.entry)
        if new in (link.drafted_body, link.declined_body):
            continue
        held = link.block.title if link.entry.kind == EntryKind.SECTION else link.block.body
        out.append(CorrectionOffer(link=link, old=link.drafted_body, new=new, held=held))
    return out


def corrections_redline(offers_):
    """Old (as drafted) against new (as corrected), one numbered part per offer."""

    def part(offer, text):
        key, label = offer.link.pk, str(index[offer.link.pk])
        return redline.text_part(key, label, text) if offer.is_title else redline.Part(key, label, text)

    index = {o.link.pk: n for n, o in enumerate(offers_, start=1)}
    return redline.compare([part(o, o.old) for o in offers_], [part(o, o.new) for o in offers_])


@transaction.atomic
def take_corrections(*, report, link_ids, expected_lock):
    """Put the chosen corrections in the report: each block drafted from a corrected entry gets
    the corrected text, under the report's lock. A block edited by hand since the draft is never
    replaced (the whole request is refused: nothing is written), nor is an approved report
    changed here. Side effects: the blocks, their DraftLinks, the lock (an edit of the report)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_frozen:
        raise ValidationError(
            _("This report is approved; corrections from the record are made in the report editor, as a new revision.")
        )
    offered = {o.link.pk: o for o in corrections(report)}
    chosen = [offered[pk] for pk in link_ids if pk in offered]
    if any(not o.takeable for o in chosen):
        raise ValidationError(
            _("A paragraph was edited in the report after it was drafted: merge its correction by hand.")
        )
    report_services.claim_edit(report, expected_lock)
    for offer in chosen:
        block = offer.link.block
        if offer.is_title:
            block.title = offer.new
        else:
            block.body = offer.new
        block.save(update_fields=["title" if offer.is_title else "body"])
        offer.link.drafted_body, offer.link.declined_body = offer.new, ""
        offer.link.save(update_fields=["drafted_body", "declined_body"])
    return chosen


@transaction.atomic
def leave_corrections(*, report, link_ids):
    """Leave the chosen corrections out of the report (or mark them merged by hand): they are no
    longer offered until the entry is corrected again. Side effects: the DraftLinks only."""
    offered = {o.link.pk: o for o in corrections(report)}
    chosen = [offered[pk] for pk in link_ids if pk in offered]
    for offer in chosen:
        offer.link.declined_body = offer.new
        offer.link.save(update_fields=["declined_body"])
    return chosen
