"""Editing under the optimistic lock, the workflow, approval and revisions (services)."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError

from reports import services
from reports.models import ActionStatus, BlockComment, Report, ReportRevision, ReportStatus
from tests.factories import make_meeting
from tests.reports.factories import approve, circulate
from wsisportal.optimistic import EditConflict


def test_update_block_stale_lock_is_refused_and_keeps_first_edit(world, wg_report):
    block = wg_report.blocks.get(kind="paragraph")
    seen = wg_report.lock_version
    services.update_block(block=block, data={"body": "<p>FIRST editor</p>"}, expected_lock=seen)
    with pytest.raises(EditConflict):
        services.update_block(block=block, data={"body": "<p>SECOND editor</p>"}, expected_lock=seen)
    block.refresh_from_db()
    assert block.body == "<p>FIRST editor</p>"


def test_update_block_sanitises_on_the_way_in(world, wg_report):
    block = wg_report.blocks.get(kind="paragraph")
    services.update_block(
        block=block, data={"body": "<p>ok<script>alert(1)</script></p>"}, expected_lock=wg_report.lock_version
    )
    block.refresh_from_db()
    assert block.body == "<p>ok</p>"


def test_approve_freezes_snapshot_pdf_and_checksum(world, wg_report):
    revision = approve(wg_report, world.chair)
    wg_report.refresh_from_db()
    data = revision.pdf.read()
    assert wg_report.status == ReportStatus.APPROVED
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == revision.sha256
    assert revision.approved_by == world.chair and revision.approved_as == "Chair, WG-WSIS"
    assert revision.snapshot["blocks"][0]["children"][1]["number"] == "1.2"
    assert "We support the roadmap." in revision.snapshot["blocks"][0]["children"][1]["html"]


def test_edit_after_approval_starts_new_revision_in_draft(world, wg_report):
    first = approve(wg_report, world.chair)
    wg_report.refresh_from_db()
    block = wg_report.blocks.get(kind="paragraph")
    services.update_block(block=block, data={"body": "<p>Changed</p>"}, expected_lock=wg_report.lock_version)
    wg_report.refresh_from_db()
    assert (wg_report.status, wg_report.revision) == (ReportStatus.DRAFT, 2)
    first.refresh_from_db()
    assert "Changed" not in str(first.snapshot)
    assert hashlib.sha256(first.pdf.read()).hexdigest() == first.sha256
    second = approve(wg_report, world.chair)
    assert second.number == 2 and ReportRevision.objects.filter(report=wg_report).count() == 2


@pytest.mark.parametrize("persona", ["secretariat", "former_vice_chair", "ms_delegate", "superuser"])
def test_approve_by_non_officer_is_refused(world, wg_report, persona):
    circulate(wg_report)
    wg_report.refresh_from_db()
    with pytest.raises(ValidationError):
        services.approve_report(report=wg_report, by=world.personas[persona], expected_lock=wg_report.lock_version)
    assert not ReportRevision.objects.exists()


def test_approve_before_term_ends_and_not_after(world, wg_report):
    """The former vice-chair's term ended on 25 January 2008: approval the day before works."""
    circulate(wg_report)
    wg_report.refresh_from_db()
    after = datetime.datetime(2008, 1, 25, 12, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError):
        services.approve_report(report=wg_report, by=world.former_vice_chair, expected_lock=wg_report.lock_version,
                                now=after)  # fmt: skip
    before = datetime.datetime(2008, 1, 24, 12, tzinfo=datetime.UTC)
    revision = services.approve_report(
        report=wg_report, by=world.former_vice_chair, expected_lock=wg_report.lock_version, now=before
    )
    assert revision.approved_as == "Vice-Chair, WG-WSIS"


def test_approve_draft_that_was_not_circulated_is_refused(world, wg_report):
    with pytest.raises(ValidationError):
        services.approve_report(report=wg_report, by=world.chair, expected_lock=wg_report.lock_version)


def test_comment_only_while_circulated(world, wg_report):
    block = wg_report.blocks.get(kind="statement")
    with pytest.raises(ValidationError):
        services.comment_on_block(block=block, author=world.sm_delegate, text="Too early")
    circulate(wg_report)
    block.refresh_from_db()
    services.comment_on_block(block=block, author=world.sm_delegate, text="Please quote exactly.")
    comment = BlockComment.objects.get()
    assert (comment.text, comment.organisation, comment.revision) == ("Please quote exactly.", world.sector_member, 1)


def test_move_block_reorders_numbering(world, wg_report):
    from reports.document import build_document

    statement = wg_report.blocks.get(kind="statement")
    services.move_block(block=statement, offset=-1, expected_lock=wg_report.lock_version)
    wg_report.refresh_from_db()
    children = build_document(wg_report)["blocks"][0]["children"]
    assert [(c["kind"], c["number"]) for c in children] == [
        ("statement", "1.1"),
        ("paragraph", "1.2"),
        ("action", "1.3"),
    ]


def test_close_action_item_at_next_meeting_keeps_the_record(world, wg_report):
    revision = approve(wg_report, world.chair)
    nxt = make_meeting(world.wg, number=15, start=datetime.date(2009, 6, 22))
    item = wg_report.blocks.get(kind="action")
    services.close_action_item(block=item, by=world.secretariat, meeting=nxt)
    item.refresh_from_db()
    wg_report.refresh_from_db()
    assert (item.action_status, item.closed_at_meeting) == (ActionStatus.DONE, nxt)
    assert wg_report.status == ReportStatus.APPROVED and wg_report.revision == 1
    assert revision.snapshot["blocks"][0]["children"][2]["action"]["status"] == "open"
    with pytest.raises(ValidationError):
        services.close_action_item(block=item, by=world.secretariat, meeting=nxt)


def test_annex_releases_dg_report_into_approved_wg_revision(world, wg_report, dg_report):
    services.annex_report(report=dg_report, to=wg_report, position=1, expected_lock=wg_report.lock_version)
    revision = approve(wg_report, world.chair)
    annex = revision.snapshot["annexes"][0]
    assert (annex["number"], annex["kind"]) == (1, "report")
    assert "DG-SECRET-MARKER-91b" in str(annex["document"])
    assert list(revision.annexed_reports.all()) == [dg_report]


def test_annex_of_unrelated_report_is_refused(world, wg_report):
    other = Report.objects.create(meeting=make_meeting(world.wg, number=13), group=world.wg, title="13th")
    with pytest.raises(ValidationError):
        services.annex_report(report=other, to=wg_report, position=1, expected_lock=wg_report.lock_version)


def test_create_report_for_unrelated_group_is_refused(world):
    from tests.factories import make_group

    with pytest.raises(ValidationError):
        services.create_report(meeting=world.meeting, group=make_group("OTHER"), kind="report", title="x")


def test_statement_is_attributed_and_verbatim_in_document(world, wg_report):
    from reports.document import build_document

    statement = build_document(wg_report)["blocks"][0]["children"][1]
    assert statement["html"] == "<p>Saudi Arabia stated “We support the roadmap.”</p>"
    assert statement["delegation"] == "Saudi Arabia"


def test_action_item_due_next_meeting_in_document(world, wg_report):
    from reports.document import build_document

    action = build_document(wg_report)["blocks"][0]["children"][2]["action"]
    assert action == {"who": "SG", "due": "next meeting", "status": "open", "status_label": "Open"}
