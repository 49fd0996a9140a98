"""Drafting from the floor: section entries open sections of the report, where they were filed;
a second draft offers new material (section entries included) and corrections made after the
draft, never overwriting what the secretariat edited by hand."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError

from floor import drafting, record, services
from floor.models import DraftLink, EntryKind

from .helpers import open_sittings

T0 = datetime.datetime(2009, 2, 11, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def wg(world):
    return open_sittings(world)[0]


def file(world, sitting, kind, text, minute, **data):
    return record.file_entry(
        sitting=sitting,
        key=uuid.uuid4(),
        by=world.secretariat,
        data={"kind": kind, "text": text, **data},
        now=T0 + datetime.timedelta(minutes=minute),
    )


def outline(report):
    """[(section title, [block texts])] in the order they are read."""
    return [
        (s.title, [b.body for b in s.children.order_by("position") if b.pk in _from_record(report)])
        for s in report.blocks.filter(parent=None).order_by("position")
    ]


def _from_record(report):
    return set(DraftLink.objects.filter(report=report, entry__isnull=False).values_list("block_id", flat=True))


def test_section_entries_open_sections_in_the_items_place(world, wg):
    file(world, wg, EntryKind.INTERVENTION, "Opening remarks.", 1)
    file(world, wg, EntryKind.SECTION, "  Introduction ", 2)
    file(world, wg, EntryKind.DECISION, "Agreed.", 3)
    file(world, wg, EntryKind.SECTION, "Conclusion", 4)
    file(world, wg, EntryKind.INTERVENTION, "Closing.", 5)
    wg = services.move_to_item(sitting=wg, step=1)
    file(world, wg, EntryKind.INTERVENTION, "Reports noted.", 6)

    report, drafted = drafting.draft_report(meeting=world.meeting, group=world.wg)

    assert drafted
    assert outline(report) == [
        ("Opening", ["<p>Opening remarks.</p>"]),
        ("Introduction", ["<p>Agreed.</p>"]),
        ("Conclusion", ["<p>Closing.</p>"]),
        ("Information reports", ["<p>Reports noted.</p>"]),
        ("Roadmap", []),
    ]


def test_a_section_entry_filed_first_takes_the_items_section(world, wg):
    file(world, wg, EntryKind.SECTION, "Introduction", 1)
    file(world, wg, EntryKind.INTERVENTION, "Welcome.", 2)

    report, _ = drafting.draft_report(meeting=world.meeting, group=world.wg)

    first = report.blocks.filter(parent=None).order_by("position").first()
    assert first.title == "Introduction"
    assert "Attendance:" in first.children.order_by("position").first().body  # the item's lead-in lines
    assert outline(report)[:2] == [("Introduction", ["<p>Welcome.</p>"]), ("Information reports", [])]


def test_a_section_entry_filed_after_the_draft_is_offered_and_makes_its_section(world, wg):
    file(world, wg, EntryKind.SECTION, "Introduction", 1)
    file(world, wg, EntryKind.INTERVENTION, "Welcome.", 2)
    report, _ = drafting.draft_report(meeting=world.meeting, group=world.wg)
    heading = file(world, wg, EntryKind.SECTION, "Discussions", 3)
    late = file(world, wg, EntryKind.DECISION, "Agreed late.", 4)

    assert drafting.offers(report) == [heading, late]
    report.refresh_from_db()
    drafting.add_offered(report=report, entry_ids=[heading.pk, late.pk], expected_lock=report.lock_version)

    assert outline(report)[:3] == [
        ("Introduction", ["<p>Welcome.</p>"]),
        ("Discussions", ["<p>Agreed late.</p>"]),
        ("Information reports", []),
    ]
    assert drafting.offers(report) == []


def test_an_entry_taken_without_its_new_section_goes_to_the_section_it_was_filed_under(world, wg):
    file(world, wg, EntryKind.SECTION, "Introduction", 1)
    report, _ = drafting.draft_report(meeting=world.meeting, group=world.wg)
    file(world, wg, EntryKind.SECTION, "Discussions", 3)
    late = file(world, wg, EntryKind.DECISION, "Agreed late.", 4)

    report.refresh_from_db()
    drafting.add_offered(report=report, entry_ids=[late.pk], expected_lock=report.lock_version)

    assert outline(report)[:2] == [("Introduction", ["<p>Agreed late.</p>"]), ("Information reports", [])]
    assert [e.kind for e in drafting.offers(report)] == [EntryKind.SECTION]


def test_a_section_entry_is_one_line(world, wg):
    with pytest.raises(ValidationError, match="one line"):
        file(world, wg, EntryKind.SECTION, "Two\nlines", 1)


# ---------------------------------------------------------------------------------------------
# Corrections after the draft


def correct(world, entry, text):
    return record.correct_entry(entry=entry, by=world.secretariat, data={"text": text})


def approve(report):
    from reports.models import ReportStatus

    report.status = ReportStatus.APPROVED
    report.save(update_fields=["status"])


@pytest.mark.parametrize(
    ("case", "kind", "hand_edit", "outcome", "body"),
    [
        # the block as drafted: the correction replaces it
        ("untouched", EntryKind.DECISION, None, "taken", "<p>Agreed as amended.</p>"),
        ("untouched section title", EntryKind.SECTION, None, "taken", "Agreed as amended."),
        # edited by hand after the draft: never replaced, offered to merge by hand
        ("hand-edited", EntryKind.DECISION, "<p>Agreed, the chair said.</p>", "merge",
         "<p>Agreed, the chair said.</p>"),
        # an approved report is not changed from here
        ("frozen", EntryKind.DECISION, "approve", "refused", "<p>Agreed.</p>"),
    ],
)  # fmt: skip
def test_a_correction_after_the_draft_is_offered_and_taken_only_where_the_block_is_as_drafted(
    world, wg, case, kind, hand_edit, outcome, body
):
    entry = file(world, wg, kind, "Agreed.", 1)
    report, _ = drafting.draft_report(meeting=world.meeting, group=world.wg)
    link = DraftLink.objects.get(report=report, entry=entry)
    block = link.block
    if hand_edit == "approve":
        approve(report)
    elif hand_edit:
        block.body = hand_edit
        block.save()
    assert drafting.corrections(report) == []  # nothing corrected yet

    correct(world, entry, "Agreed as amended.")
    offered = drafting.corrections(report)
    assert [(o.entry, o.takeable) for o in offered] == [(entry, outcome != "merge")]
    new = "Agreed as amended." if kind == EntryKind.SECTION else "<p>Agreed as amended.</p>"
    assert offered[0].new == new and offered[0].old == ("Agreed." if kind == EntryKind.SECTION else "<p>Agreed.</p>")
    report.refresh_from_db()
    lock = report.lock_version

    if outcome == "taken":
        drafting.take_corrections(report=report, link_ids=[link.pk], expected_lock=lock)
        assert drafting.corrections(report) == []
        report.refresh_from_db()
        assert report.lock_version == lock + 1  # an edit of the report, under its lock
    else:
        message = "merge its correction by hand" if outcome == "merge" else "approved"
        with pytest.raises(ValidationError, match=message):
            drafting.take_corrections(report=report, link_ids=[link.pk], expected_lock=lock)
        assert len(drafting.corrections(report)) == 1  # still offered
        report.refresh_from_db()
        assert report.lock_version == lock  # nothing written
    block.refresh_from_db()
    assert (block.title if kind == EntryKind.SECTION else block.body) == body


def test_a_correction_left_is_no_longer_offered_until_corrected_again(world, wg):
    entry = file(world, wg, EntryKind.DECISION, "Agreed.", 1)
    report, _ = drafting.draft_report(meeting=world.meeting, group=world.wg)
    correct(world, entry, "Agreed as amended.")
    link = DraftLink.objects.get(report=report, entry=entry)

    assert drafting.leave_corrections(report=report, link_ids=[link.pk])
    assert drafting.corrections(report) == []
    assert link.block.body == "<p>Agreed.</p>"
    correct(world, entry, "Agreed as amended twice.")
    assert [o.new for o in drafting.corrections(report)] == ["<p>Agreed as amended twice.</p>"]


def test_taking_a_correction_on_an_outdated_copy_is_refused(world, wg):
    from wsisportal.optimistic import EditConflict

    entry = file(world, wg, EntryKind.DECISION, "Agreed.", 1)
    report, _ = drafting.draft_report(meeting=world.meeting, group=world.wg)
    correct(world, entry, "Agreed as amended.")
    link = DraftLink.objects.get(report=report, entry=entry)
    report.refresh_from_db()
    with pytest.raises(EditConflict):
        drafting.take_corrections(report=report, link_ids=[link.pk], expected_lock=report.lock_version - 1)
    link.block.refresh_from_db()
    assert link.block.body == "<p>Agreed.</p>"


def test_the_redline_shows_old_against_new(world, wg):
    entry = file(world, wg, EntryKind.DECISION, "The Group agreed.", 1)
    report, _ = drafting.draft_report(meeting=world.meeting, group=world.wg)
    correct(world, entry, "The Group agreed unanimously.")
    (change,) = drafting.corrections_redline(drafting.corrections(report))
    assert change.status == "changed" and "<ins" in change.html and "unanimously" in change.html
