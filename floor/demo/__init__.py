"""Demo: the 14th meeting replayed from its report as a session record.

Each section of the report (reports/demo/wg_wsis_14.json) is what was said and decided on one
item of the adopted agenda (section 1 is item 1 … section 13 is item 13); its paragraphs become
interventions, its statements, decisions, proposals and action items become entries of those
kinds, filed in the sitting of the time-management plan that dealt with the item. Annex 1 (the
Dedicated Group's report) is the record of the Dedicated Group's sitting of 12 February on item
10 (Res. 102), where the secretariat opened each of its four sections with a section entry. The sittings are closed; the demo's chair or secretariat may reopen any of them
and run it, and every participant follows it on the meeting page.

Which sitting dealt with which item and the minutes of filing are a reconstruction. Idempotent:
a meeting whose sittings already hold a record is left alone.
"""

import datetime
import html
import json
import re
import uuid

from django.db import transaction

from meetings.models import Group, Meeting, Organisation, Session, User
from reports.demo import DATA_FILE

from ..models import EntryKind, RecordEntry, Sitting
from ..services import agenda_order

# Report section index (0-based) → the WG-WSIS sitting (index among its sessions) that dealt with it.
WG_SITTING_OF_SECTION = [0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 3, 3, 3]
DG_ITEM_INDEX = 9  # "ITU's role with regard to … the Internet (Res. 102)", the top-level item 10
KIND = {
    "section": EntryKind.SECTION,
    "paragraph": EntryKind.INTERVENTION,
    "statement": EntryKind.STATEMENT,
    "decision": EntryKind.DECISION,
    "proposal": EntryKind.PROPOSAL,
    "action": EntryKind.ACTION,
}
_LI = re.compile(r"<li>(.*?)</li>", re.S)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(body):
    """The report's HTML as the secretariat would have typed it: paragraphs parted by a blank
    line, list items as lines starting "- " (floor.drafting.text_to_html turns it back)."""
    chunks = []
    for part in re.split(r"(<ul>.*?</ul>|<ol>.*?</ol>)", body, flags=re.S):
        if part.startswith(("<ul>", "<ol>")):
            chunks.append("\n".join("- " + _plain(li) for li in _LI.findall(part)))
        else:
            chunks.extend(_plain(p) for p in re.split(r"</p>\s*<p>|</?p>", part) if _plain(p))
    return "\n\n".join(chunks)


def _plain(fragment):
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def flat_blocks(blocks):
    """The report's blocks depth first, as they are read (nested paragraphs included)."""
    for block in blocks:
        yield block
        yield from flat_blocks(block.get("children", []))


@transaction.atomic
def replay(meeting, *, by, data=None):
    """Write the record of `meeting` from the demo report. Side effects: Sittings (closed) and
    filed RecordEntries. Returns the number of entries."""
    data = data or json.loads(DATA_FILE.read_text(encoding="utf-8"))
    reports = {spec["key"]: spec for spec in data["reports"]}
    tops = [i for i in agenda_order(meeting) if i.depth == 0]
    orgs = {o.short_name: o for o in Organisation.objects.all()}
    wg_sessions = list(Session.objects.filter(meeting=meeting, group=meeting.group).order_by("date", "start_time"))
    dg = Group.objects.get(parent=meeting.group, code="DG-IPP")
    dg_session = Session.objects.filter(meeting=meeting, group=dg).order_by("date", "start_time").first()
    count = 0
    for index, section in enumerate(reports["wg-report"]["blocks"]):
        sitting = _sitting(wg_sessions[WG_SITTING_OF_SECTION[index]], by)
        count += _record(sitting, tops[index], section.get("children", []), orgs, by)
    sitting = _sitting(dg_session, by)
    for section in reports["dg-report"]["blocks"]:
        heading = {"kind": "section", "body": html.escape(section["title"])}
        count += _record(sitting, tops[DG_ITEM_INDEX], [heading, *section.get("children", [])], orgs, by)
    return count


def _sitting(session, by):
    opened = session.starts_at
    sitting, _ = Sitting.objects.get_or_create(
        session=session,
        defaults={"opened_at": opened, "opened_by": by, "closed_at": session.ends_at or opened},
    )
    return sitting


def _record(sitting, item, blocks, orgs, by):
    count = 0
    start = sitting.session.starts_at
    for block in flat_blocks(blocks):
        if block["kind"] not in KIND:
            continue
        at = start + datetime.timedelta(minutes=sitting.entries.count() + 1)
        entry = RecordEntry.objects.create(
            sitting=sitting,
            item=item,
            key=uuid.uuid4(),
            kind=KIND[block["kind"]],
            delegation=orgs.get(block.get("delegation")),
            text=html_to_text(block.get("body", "")),
            lead=block.get("lead", ""),
            verbatim=block.get("verbatim", False),
            owners_note=block.get("owners_note", ""),
            due_date=datetime.date.fromisoformat(block["due_date"]) if block.get("due_date") else None,
            due_next_meeting=block.get("due_next_meeting", False),
            created_by=by,
            created_at=at,
            updated_at=at,
            filed_at=at,
        )
        entry.owners.set([orgs[short] for short in block.get("owners", [])])
        count += 1
    if count:
        sitting.current_item = item
        sitting.save(update_fields=["current_item"])
    return count


def load(*, stdout=None):
    meeting = Meeting.objects.get(group__code="WG-WSIS", number=14)
    if RecordEntry.objects.filter(sitting__session__meeting=meeting).exists():
        return
    count = replay(meeting, by=User.objects.get(username="secretariat"))
    if stdout:
        stdout.write(f"Session record: {count} entries replayed from the 14th meeting's report.")
