"""The 14th meeting replayed from its report as a session record (items 1-13 and Annex 1's
sitting), then drafted from the floor: sections, statements, decisions, proposals and action
items match the demo report's, block by block."""

import json

import pytest

import meetings.demo
from floor import drafting
from floor.demo import flat_blocks, html_to_text, replay
from floor.models import DraftLink, EntryKind, RecordEntry
from meetings.models import Group, Meeting, User
from reports.demo import DATA_FILE
from reports.models import Block, BlockKind, ReportKind

STRUCTURED = {"statement", "decision", "proposal", "action"}
CONTENT = STRUCTURED | {"paragraph"}


def _text(body):
    return " ".join(html_to_text(body).split())


def _demo_row(block):
    return (
        block["kind"],
        block.get("delegation"),
        block.get("lead", ""),
        block.get("verbatim", False),
        _text(block.get("body", "")),
        sorted(block.get("owners", [])),
        block.get("owners_note", ""),
        block.get("due_date"),
        block.get("due_next_meeting", False),
    )


def _drafted_row(block):
    return (
        block.kind,
        block.delegation.short_name if block.delegation_id else None,
        block.lead,
        block.verbatim,
        _text(block.body),
        sorted(o.short_name for o in block.owners.all()),
        block.owners_note,
        block.due_date.isoformat() if block.due_date else None,
        block.due_next_meeting,
    )


def _drafted_rows(report, section):
    """The section's blocks made from the record (not the documents and attendance lines)."""
    from_record = set(DraftLink.objects.filter(report=report, entry__isnull=False).values_list("block_id", flat=True))
    blocks = Block.objects.filter(parent=section).order_by("position").prefetch_related("owners")
    return [_drafted_row(b) for b in blocks if b.pk in from_record]


@pytest.fixture
def replayed(db):
    meetings.demo.load()
    meeting = Meeting.objects.get(group__code="WG-WSIS", number=14)
    count = replay(meeting, by=User.objects.get(username="secretariat"))
    return meeting, count, json.loads(DATA_FILE.read_text(encoding="utf-8"))


def test_replay_writes_the_record_of_items_1_to_13_and_the_dedicated_group_sitting(replayed):
    meeting, count, data = replayed
    specs = {s["key"]: s for s in data["reports"]}
    expected = sum(
        1 for key in ("wg-report", "dg-report") for b in flat_blocks(specs[key]["blocks"]) if b["kind"] in CONTENT
    ) + len(specs["dg-report"]["blocks"])  # Annex 1's sections, each opened by a section entry
    assert count == expected == RecordEntry.objects.filter(sitting__session__meeting=meeting).count()
    dg_entries = RecordEntry.objects.filter(sitting__session__group__code="DG-IPP")
    assert dg_entries.filter(kind=EntryKind.ACTION).count() == 3
    assert list(dg_entries.filter(kind=EntryKind.SECTION).order_by("filed_at").values_list("text", flat=True)) == [
        s["title"] for s in specs["dg-report"]["blocks"]
    ]
    assert not RecordEntry.objects.filter(sitting__session__group__code="WG-WSIS", kind=EntryKind.SECTION).exists()
    assert set(dg_entries.values_list("item__title", flat=True)) == {
        "ITU's role with regard to international public policy issues pertaining to the Internet and the "
        "management of Internet resources (Res. 102)"
    }


def test_draft_of_the_replayed_record_matches_the_demo_report_block_by_block(replayed):
    meeting, _count, data = replayed
    spec = next(s for s in data["reports"] if s["key"] == "wg-report")
    report, drafted = drafting.draft_report(meeting=meeting, group=meeting.group)
    assert drafted
    sections = list(report.blocks.filter(parent=None).order_by("position"))
    assert len(sections) == len(spec["blocks"]) == 13
    for section, demo_section in zip(sections, spec["blocks"], strict=True):
        demo_rows = [_demo_row(b) for b in flat_blocks(demo_section.get("children", [])) if b["kind"] in CONTENT]
        assert _drafted_rows(report, section) == demo_rows, demo_section["title"]
    # Numbered decisions and proposals, statements attributed as the seed report does.
    statements = report.blocks.filter(kind=BlockKind.STATEMENT).order_by("pk")
    assert [(s.lead, s.verbatim) for s in statements] == [
        ("The United States of America stated", True),
        ("Syria stated that", False),
    ]
    assert not report.blocks.filter(kind__in=[BlockKind.DECISION, BlockKind.PROPOSAL], numbered=False).exists()
    # The attendance opens the first section.
    assert "Attendance:" in Block.objects.filter(parent=sections[0]).order_by("position").first().body


def test_draft_of_the_dedicated_group_sitting_matches_annex_1_section_by_section(replayed):
    meeting, _count, data = replayed
    spec = next(s for s in data["reports"] if s["key"] == "dg-report")
    report, drafted = drafting.draft_report(meeting=meeting, group=Group.objects.get(code="DG-IPP"))
    assert drafted and report.group.code == "DG-IPP"
    sections = list(report.blocks.filter(parent=None).order_by("position"))
    assert (
        [s.title for s in sections]
        == [s["title"] for s in spec["blocks"]]
        == [
            "Introduction",
            "Summary of Contributions to the Meeting on 12 Feb 2009",
            "Discussions",
            "Conclusion",
        ]
    )
    for section, demo_section in zip(sections, spec["blocks"], strict=True):
        demo_rows = [_demo_row(b) for b in flat_blocks(demo_section.get("children", [])) if b["kind"] in CONTENT]
        assert _drafted_rows(report, section) == demo_rows, demo_section["title"]
    # The item's documents and the attendance open the first section; no section of the item's own.
    assert "Attendance:" in Block.objects.filter(parent=sections[0]).order_by("position").first().body
    assert not DraftLink.objects.filter(report=report, entry=None).exists()


def test_summary_drafted_from_the_decisions_and_action_items(replayed):
    meeting, _count, _data = replayed
    summary, drafted = drafting.draft_report(meeting=meeting, group=meeting.group, kind=ReportKind.SUMMARY)
    assert drafted
    kinds = list(summary.blocks.exclude(parent=None).values_list("kind", flat=True))
    decisions = RecordEntry.objects.filter(sitting__session__group=meeting.group, kind=EntryKind.DECISION).count()
    actions = RecordEntry.objects.filter(sitting__session__group=meeting.group, kind=EntryKind.ACTION).count()
    assert sorted(kinds) == sorted(["decision"] * decisions + ["action"] * actions)


def test_second_draft_overwrites_nothing_and_offers_new_material(replayed):
    meeting, _count, _data = replayed
    report, _ = drafting.draft_report(meeting=meeting, group=meeting.group)
    edited = report.blocks.filter(kind=BlockKind.DECISION).first()
    edited.body = "<p>Edited by the secretariat.</p>"
    edited.save()
    before = list(report.blocks.values_list("pk", "body"))
    entry = RecordEntry.objects.filter(sitting__session__group=meeting.group, kind=EntryKind.DECISION).first()
    late = RecordEntry.objects.create(
        sitting=entry.sitting,
        item=entry.item,
        kind=EntryKind.DECISION,
        text="A decision recorded after the draft.",
        created_by=entry.created_by,
        created_at=entry.filed_at,
        updated_at=entry.filed_at,
        filed_at=entry.filed_at,
    )

    again, drafted = drafting.draft_report(meeting=meeting, group=meeting.group)
    assert not drafted and again.pk == report.pk
    assert list(report.blocks.values_list("pk", "body")) == before  # nothing forced
    assert drafting.offers(report) == [late]

    report.refresh_from_db()
    added = drafting.add_offered(report=report, entry_ids=[late.pk], expected_lock=report.lock_version)
    assert added == [late]
    block = DraftLink.objects.get(report=report, entry=late).block
    assert block.body == "<p>A decision recorded after the draft.</p>"
    assert block.parent == DraftLink.objects.get(report=report, item=entry.item.parent or entry.item, entry=None).block
    assert report.blocks.get(pk=edited.pk).body == "<p>Edited by the secretariat.</p>"
    assert drafting.offers(report) == []
