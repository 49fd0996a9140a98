"""Actions on reports: editing under an optimistic lock, the workflow, approval and its PDF.

Every edit goes through `_begin_edit`, which (1) refuses an edit made on an outdated copy
(two editors never silently overwrite each other) and (2) turns an approved or published
report back into a draft of the next revision: the approved revisions stay as they were.
"""

import logging
import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inbox import notices
from inbox.models import NotificationKind
from jobs import services as jobs_services
from wsisportal import access, stored_files
from wsisportal.optimistic import bump, claim
from wsisportal.pdf import render_pdf

from . import rendering
from .document import build_document
from .models import ActionStatus, Block, BlockComment, BlockKind, Report, ReportRevision, ReportStatus
from .sanitise import clean_html

logger = logging.getLogger(__name__)

BLOCK_FIELDS = ["kind", "numbered", "title", "body", "delegation", "lead", "verbatim", "owners_note", "due_date",
                "due_next_meeting"]  # fmt: skip
COVER_FIELDS = ["title", "symbol", "date", "place_and_date", "original_language", "summary", "action_required",
                "references", "signature"]  # fmt: skip
RICH_FIELDS = {"body", "summary", "action_required", "references"}


def _begin_edit(report, expected_lock):
    """Claim the next lock version (or raise EditConflict) and reopen an approved report as
    the draft of its next revision. Returns the report re-read from the database."""
    claim(
        report,
        field="lock_version",
        expected=expected_lock,
        message=_("Someone else changed this report after you opened it. Reload and redo your change."),
        updated_at=timezone.now(),
    )
    report.refresh_from_db()
    if report.is_frozen:
        report.status = ReportStatus.DRAFT
        report.revision = (report.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
        report.save(update_fields=["status", "revision"])
    return report


def claim_edit(report, expected_lock):
    """Claim the report for an edit made by another part of the portal (the draft from the
    floor): the same lock and reopening as the editor's own edits. Call inside a transaction."""
    return _begin_edit(report, expected_lock)


@transaction.atomic
def create_report(*, meeting, group, kind, title):
    """Start the working copy of a report. Side effects: one Report row (draft, revision 1)."""
    if group.pk != meeting.group_id and group.parent_id != meeting.group_id:
        raise ValidationError(_("A report is for the meeting's group or a group that is an integral part of it."))
    if Report.objects.filter(meeting=meeting, group=group, kind=kind).exists():
        raise ValidationError(_("This meeting already has that report; edit it instead."))
    return Report.objects.create(meeting=meeting, group=group, kind=kind, title=title, date=meeting.end_date)


def _clean(data):
    return {k: clean_html(v) if k in RICH_FIELDS else v for k, v in data.items()}


@transaction.atomic
def update_report_cover(*, report, data, expected_lock):
    """Change the cover and Summary/Action required/References block.
    Side effects: bumps the lock; an approved report becomes the draft of a new revision."""
    report = _begin_edit(report, expected_lock)
    for key, value in _clean(data).items():
        if key in COVER_FIELDS:
            setattr(report, key, value)
    report.save()
    return report


@transaction.atomic
def add_block(*, report, parent, data, expected_lock, owners=()):
    """Append a block at the end of `parent` (None: a new section).
    Side effects: bumps the lock; may start a new revision."""
    report = _begin_edit(report, expected_lock)
    siblings = report.blocks.filter(parent=parent)
    position = (siblings.aggregate(p=Max("position"))["p"] or 0) + 1
    fields = {k: v for k, v in _clean(data).items() if k in BLOCK_FIELDS}
    if parent is None:
        fields["kind"] = BlockKind.SECTION
    block = Block.objects.create(report=report, parent=parent, position=position, **fields)
    block.owners.set(owners)
    return block


@transaction.atomic
def update_block(*, block, data, expected_lock, owners=None):
    """Change one block's text or fields. Side effects: bumps the lock; may start a new revision."""
    _begin_edit(block.report, expected_lock)
    for key, value in _clean(data).items():
        if key in BLOCK_FIELDS and key != "kind":
            setattr(block, key, value)
    block.save()
    if owners is not None:
        block.owners.set(owners)
    return block


@transaction.atomic
def delete_block(*, block, expected_lock):
    """Delete a block and its children. Side effects: bumps the lock; may start a new revision."""
    _begin_edit(block.report, expected_lock)
    block.delete()


@transaction.atomic
def move_block(*, block, offset, expected_lock):
    """Swap a block with its previous (offset -1) or next (+1) sibling; renumbering follows
    from the order. Side effects: bumps the lock; may start a new revision."""
    _begin_edit(block.report, expected_lock)
    siblings = list(Block.objects.filter(report=block.report, parent=block.parent_id).order_by("position", "pk"))
    index = next(i for i, b in enumerate(siblings) if b.pk == block.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            Block.objects.filter(pk=sibling.pk).update(position=position)


@transaction.atomic
def circulate_report(*, report, expected_lock):
    """Circulate the draft to the group for comments. Side effects: bumps the lock."""
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(_("Only a draft can be circulated."))
    report = _begin_edit(report, expected_lock)
    report.status = ReportStatus.CIRCULATED
    report.save(update_fields=["status"])
    notices.report_event(report=report, kind=NotificationKind.REPORT_CIRCULATED)
    return report


@transaction.atomic
def comment_on_block(*, block, author, text):
    """Record a member's comment on a paragraph of a circulated report."""
    if block.report.status != ReportStatus.CIRCULATED:
        raise ValidationError(_("Comments are taken only while the report is circulated."))
    return BlockComment.objects.create(
        block=block, author=author, organisation=author.organisation, text=text.strip(), revision=block.report.revision
    )


@stored_files.removing_files_on_failure()
def approve_report(*, report, by, expected_lock, now=None):
    """Approve the circulated report as `by` (a current chair or vice-chair).

    Side effects: freezes the content (with its annexed reports) into a ReportRevision whose PDF
    is still to be rendered, marks annexed reports as released into this record, sets the report
    to approved, bumps the lock, notifies; then enqueues the rendering of the revision's PDF
    (`render_revision_pdf`): after commit for a worker, or here and now when tasks run in-process.
    """
    now = now or timezone.now()
    group = access.report_approving_group(report, now=now)
    appointment = access.current_officer_appointments(by, group, now=now).first()
    if appointment is None or not access.can_approve_report(by, report, now=now):
        raise ValidationError(
            _("Only a current chair or vice-chair of %(group)s can approve this report.") % {"group": group.code}
        )
    if report.status != ReportStatus.CIRCULATED:
        raise ValidationError(_("Only a circulated report can be approved."))
    report = _begin_edit(report, expected_lock)
    revision = _freeze(
        report, by=by, approved_as=f"{appointment.get_role_display()}, {appointment.group.code}", now=now
    )
    notices.report_event(report=report, kind=NotificationKind.REPORT_APPROVED, by=by)
    _enqueue_pdf(revision.pk)  # queued now, whatever `now` the approval is recorded at
    revision.refresh_from_db()  # rendered already when tasks run in-process
    return revision


def _freeze(report, *, by, approved_as, now):
    with translation.override(report.print_language):  # the record's labels in the report's language
        snapshot = build_document(report)
    snapshot["status"] = ReportStatus.APPROVED
    revision = ReportRevision.objects.create(
        report=report,
        number=report.revision,
        snapshot=snapshot,
        approved_by=by,
        approved_as=approved_as,
        approved_at=now,
    )
    revision.annexed_reports.set(report.annexes.all())
    report.status = ReportStatus.APPROVED
    report.save(update_fields=["status"])
    return revision


# A revision whose PDF no worker has begun this long after it was queued is queued again when
# someone asks for it (its message was lost), as a job is (jobs/services.py).
STALE_AFTER_SECONDS = jobs_services.STALE_AFTER_SECONDS


def _enqueue_pdf(revision_pk, *, now=None):
    """To a worker once the revision is committed; without a broker, rendered here and now (as
    jobs/services._enqueue), so `make demo`, the demo loader and the tests get the PDF at approval."""
    from .tasks import render_revision_pdf_task

    ReportRevision.objects.filter(pk=revision_pk).update(pdf_queued_at=now or timezone.now(), pdf_started_at=None)
    if jobs_services.eager():
        render_revision_pdf_task.delay(revision_pk)
    else:
        transaction.on_commit(lambda: render_revision_pdf_task.delay(revision_pk))


def request_revision_pdf(revision, *, now=None):
    """Called when someone asks for a revision's PDF: queue it again if it is still to be rendered
    and no worker has begun it within STALE_AFTER_SECONDS of being queued. Returns the revision as
    it is now. Side effects: at most a new task and the revision's `pdf_queued_at`."""
    now = now or timezone.now()
    if revision.pdf_ready or revision.pdf_started_at is not None:
        return revision
    queued = revision.pdf_queued_at
    if queued is None or (now - queued).total_seconds() > STALE_AFTER_SECONDS:
        try:
            _enqueue_pdf(revision.pk, now=now)
        except Exception:  # rendered in this process (no broker) and failed, logged: still being prepared
            logger.warning("The PDF of revision %s is still not rendered", revision.pk)
        revision.refresh_from_db(fields=["pdf", "sha256", "pdf_queued_at", "pdf_started_at", "render_attempts"])
    return revision


def revision_pdf_name(revision):
    """The one name a revision's PDF is stored under, no digest in it (a retry finds the same name):
    the meeting (its group's code and number), then the report's group, kind and revision, as a
    meeting has one report of each kind per group (the Dedicated Group's sits beside WG-WSIS's)."""
    report = revision.report
    meeting = report.meeting
    return f"reports/{meeting.group.code}/{meeting.number}/{report.group.code}-{report.kind}-rev{revision.number}.pdf"


def render_revision_pdf(revision_pk, *, final_attempt=True):
    """Render an approved revision's PDF from its frozen snapshot and store it with its SHA-256.

    Idempotent, so a retry or a second delivery is always safe: a revision that has its PDF is left
    as it is; the rendering runs outside any transaction (a worker killed meanwhile has written
    nothing); then, holding the revision's row lock and only if it still has no PDF, the bytes are
    stored under the one name the revision owns (replacing what a killed attempt left there) and the
    checksum of exactly those bytes is recorded. Returns the revision. Side effects: the stored file;
    the revision's pdf, sha256, render_seconds and pdf_* fields (`pdf_started_at` cleared again when
    an attempt fails, so a later request may queue it anew)."""
    revision = ReportRevision.objects.select_related("report__group", "report__meeting__group").get(pk=revision_pk)
    if revision.pdf_ready:
        return revision
    ReportRevision.objects.filter(pk=revision_pk).update(
        pdf_started_at=timezone.now(), render_attempts=F("render_attempts") + 1
    )
    started = time.perf_counter()
    try:
        pdf = render_report_pdf(revision.snapshot, draft=False)
    except Exception:
        logger.exception("Rendering the PDF of %s failed (final attempt: %s)", revision, final_attempt)
        ReportRevision.objects.filter(pk=revision_pk, sha256="").update(pdf_started_at=None)
        raise
    seconds = round(time.perf_counter() - started, 3)
    name = revision_pdf_name(revision)
    with stored_files.removing_files_on_failure():
        revision = ReportRevision.objects.select_for_update().get(pk=revision_pk)
        if revision.pdf_ready:  # another attempt stored it while this one rendered: keep that one
            return revision
        revision.sha256, size = stored_files.replace(name, pdf, storage=revision.pdf.storage)
        revision.pdf.name, revision.render_seconds = name, seconds
        revision.save(update_fields=["pdf", "sha256", "render_seconds"])
    logger.info("Approved PDF of %s stored: %s (%d bytes, %.1f s)", revision, name, size, seconds)
    return revision


@transaction.atomic
def publish_report(*, report, now=None):
    """Publish the approved revision. Side effects: sets its published_at; report published."""
    # Lock, then re-read: an edit that has just reopened the report as the next draft must
    # not be marked published (an edit still to come waits, then finds the lock moved on).
    Report.objects.select_for_update().get(pk=report.pk)
    report.refresh_from_db()
    if report.status != ReportStatus.APPROVED:
        raise ValidationError(_("Only an approved report can be published."))
    revision = report.revisions.get(number=report.revision)
    revision.published_at = now or timezone.now()
    revision.save(update_fields=["published_at"])
    bump(report, field="lock_version", status=ReportStatus.PUBLISHED)
    notices.report_event(report=report, kind=NotificationKind.REPORT_PUBLISHED)
    return revision


@transaction.atomic
def annex_report(*, report, to, position, expected_lock):
    """Make `report` (a sub-group's report) an annex of `to`, the parent group's report at the
    same meeting. It is released into that record when `to` is next approved.
    Side effects: bumps `to`'s lock; may start a new revision of `to`."""
    if report.meeting_id != to.meeting_id or report.group.parent_id != to.group_id:
        raise ValidationError(_("Only a sub-group's report of the same meeting can be annexed."))
    _begin_edit(to, expected_lock)
    report.annexed_to = to
    report.annex_position = position
    report.save(update_fields=["annexed_to", "annex_position"])


@transaction.atomic
def close_action_item(*, block, by, meeting, status=ActionStatus.DONE, now=None):
    """Close an action item at a later meeting. The approved record is not changed (the
    snapshot keeps the status it was approved with). Side effects: the block's status fields."""
    if block.kind != BlockKind.ACTION or block.action_status != ActionStatus.OPEN:
        raise ValidationError(_("This action item is not open."))
    block.action_status = status
    block.closed_at = now or timezone.now()
    block.closed_by = by
    block.closed_at_meeting = meeting
    block.save(update_fields=["action_status", "closed_at", "closed_by", "closed_at_meeting"])
    return block


def render_report_pdf(document, *, draft):
    """PDF bytes of a document dict, its fixed texts in the report's language (`language`; records
    frozen before it was recorded are English); `draft` prints the DRAFT mark on every page."""
    language = document.get("language", "en")
    with translation.override(language):
        context = {"doc": document, "document_html": rendering.document_html(document, draft=draft), "draft": draft}
        return render_pdf("pdf/report.html", {**context, "rtl": translation.get_language_bidi()})
