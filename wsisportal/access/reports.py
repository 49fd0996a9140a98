"""Reports, their working copies, approved revisions, blocks and action items."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from meetings.models import (
    Appointment,
)
from wsisportal.request_memo import memoized

from .groups import (
    _get_visible_or_404,
    can_view_group_content,
    current_officer_group_ids,
    is_open_to_public,
    is_secretariat,
    public_group_ids,
    visible_group_ids,
    with_groups,
)


def visible_report_revisions(user, queryset=None):
    """Approved revisions of the user's groups; published revisions of public groups."""
    from reports.models import ReportRevision

    queryset = queryset if queryset is not None else ReportRevision.objects.all()
    if is_secretariat(user):
        return queryset
    return queryset.filter(
        Q(report__group_id__in=visible_group_ids(user))
        | Q(published_at__isnull=False, report__group_id__in=public_group_ids())
    )


def visible_report_drafts(user, queryset=None):
    """Reports whose working copy the user may read (see can_view_report_draft)."""
    from reports.models import Report, ReportStatus

    queryset = queryset if queryset is not None else Report.objects.all()
    if is_secretariat(user):
        return queryset
    content = visible_group_ids(user)
    officer = current_officer_group_ids(user)
    return queryset.filter(group_id__in=content).filter(
        Q(status=ReportStatus.CIRCULATED) | Q(group_id__in=officer) | Q(meeting__group_id__in=officer)
    )


def visible_reports(user, queryset=None):
    """Reports the user may open: their working copy, an approved revision, or a release into
    a parent record the user may read (then only as frozen there: see report_release_for)."""
    from reports.models import Report

    queryset = queryset if queryset is not None else Report.objects.all()
    if is_secretariat(user):
        return queryset
    revisions = visible_report_revisions(user)
    return queryset.filter(
        Q(pk__in=visible_report_drafts(user).values("pk"))
        | Q(pk__in=revisions.values("report_id"))
        | Q(pk__in=revisions.filter(annexed_reports__isnull=False).values("annexed_reports"))
    )


def visible_blocks(user, queryset=None):
    """Paragraphs of working copies the user may read (approved text lives in the snapshot)."""
    from reports.models import Block

    queryset = queryset if queryset is not None else Block.objects.all()
    return queryset.filter(report__in=visible_report_drafts(user))


def visible_action_items(user, queryset=None):
    """Action items of working copies the user may read, and of reports with an approved revision
    the user may read in a group whose content they see (as on the meeting page)."""
    from reports.models import Block, BlockKind, ReportRevision

    queryset = queryset if queryset is not None else Block.objects.all()
    approved = visible_report_revisions(user, ReportRevision.objects.all()).filter(
        report__group_id__in=visible_group_ids(user)
    )
    readable = Q(report__in=visible_report_drafts(user)) | Q(report__in=approved.values("report_id"))
    return queryset.filter(readable, kind=BlockKind.ACTION)


def visible_block_comments(user, queryset=None):
    from reports.models import BlockComment

    queryset = queryset if queryset is not None else BlockComment.objects.all()
    return queryset.filter(block__report__in=visible_report_drafts(user))


# ---------------------------------------------------------------------------------------------
# Reports (reports): a report belongs to the group it reports for (the Dedicated
# Group's report belongs to the Dedicated Group even though it met during a WG-WSIS meeting).
# The working copy is seen by the secretariat and the group's current officers, and by the
# group's members while it is circulated. Approved revisions are seen by the group's members;
# a published revision of an open group by anyone. A restricted group's report stays
# restricted unless it is annexed to an approved revision of the parent group's report:
# that releases it into the parent's record, to whoever may read that record.


def _report_officer(user, report, *, now=None):
    """A current chair or vice-chair of the report's group or of the meeting's group, who
    may also see the report's group (a Sector Member officer never sees a DG draft)."""
    if not user.is_authenticated or not can_view_group_content(user, report.group):
        return False
    return bool({report.group_id, report.meeting.group_id} & current_officer_group_ids(user, now=now))


def can_edit_report(user, report):
    """Drafting and editing reports is secretariat work."""
    return is_secretariat(user)


def can_view_report_draft(user, report):
    if is_secretariat(user) or _report_officer(user, report):
        return True
    return report.status == "circulated" and can_view_group_content(user, report.group)


def can_comment_on_report(user, report):
    """Members of the group comment per paragraph while the report is circulated."""
    return user.is_authenticated and report.status == "circulated" and can_view_group_content(user, report.group)


def report_approving_group(report, *, now=None):
    """The group whose current chair or vice-chair approves the report: the group it reports
    for (the Dedicated Group's chair approves the Dedicated Group's report). Only where that
    group has no current officer do the officers of the group it is an integral part of (the
    meeting's group) approve it in its place."""
    if report.group_id == report.meeting.group_id:
        return report.group
    has_officer = memoized(
        ("has-officer", report.group_id, now),
        lambda: Appointment.objects.current(now).filter(group_id=report.group_id).exists(),
    )
    return report.group if has_officer else report.meeting.group


def can_approve_report(user, report, *, now=None):
    """Only a CURRENT chair or vice-chair of the approving group (report_approving_group) who may
    see the report's group: not the secretariat, not a former officer, not the parent group's
    chair while the sub-group has its own."""
    if not user.is_authenticated or not can_view_group_content(user, report.group):
        return False
    return report_approving_group(report, now=now).pk in current_officer_group_ids(user, now=now)


def can_publish_report(user, report):
    return is_secretariat(user) or _report_officer(user, report)


def can_view_report_revision(user, revision):
    report = revision.report
    if can_view_group_content(user, report.group):
        return True
    return revision.published_at is not None and is_open_to_public(report.group)


def is_report_released_to(user, report):
    """True if the report is annexed to an approved parent revision the user may read."""
    return any(can_view_report_revision(user, revision) for revision in report.released_in.all())


def report_release_for(user, report):
    """The approved parent revision through which `user` sees `report`, when they may read
    neither its working copy nor an approved revision of its own: they then see only what was
    frozen in that revision. None when the user reads the report itself (or not at all)."""
    if is_secretariat(user) or can_view_report_draft(user, report):
        return None
    if any(can_view_report_revision(user, rev) for rev in report.revisions.all()):
        return None
    return next((rev for rev in report.released_in.all() if can_view_report_revision(user, rev)), None)


def can_view_report(user, report):
    # Cheapest answers first: revisions and releases are prefetched by list views, while the
    # draft check may ask the database about officer appointments.
    if is_secretariat(user) or any(can_view_report_revision(user, rev) for rev in report.revisions.all()):
        return True
    return can_view_report_draft(user, report) or is_report_released_to(user, report)


def can_close_action_item(user, block):
    return is_secretariat(user) or _report_officer(user, block.report)


def _get_report(user, pk, *, revisions=False, working_copy=False):
    """`revisions`: prefetch the approved revisions WITHOUT their frozen snapshot (~200 KB for 300
    paragraphs, found by `make bench`): the checks need only their dates, and a view that shows a
    snapshot loads just that one when it reads it."""
    from reports.models import Report, ReportRevision

    queryset = Report.objects.select_related("meeting", "annexed_to")
    if revisions:
        queryset = queryset.prefetch_related(
            Prefetch(
                "revisions",
                # Within one report, its Meta ordering (report, -number) is -number; spelled out,
                # the query is not joined through the report's own ordering (meeting, group …).
                ReportRevision.objects.defer("snapshot").select_related("approved_by").order_by("-number"),
            )
        )
    # An act on the working copy (edit, circulate, approve, publish, its draft PDF) looks the
    # report up among the working copies the user may read: to anyone else it does not exist.
    visible = visible_report_drafts(user, queryset) if working_copy else visible_reports(user, queryset)
    report = _get_visible_or_404(visible, _("No such report."), pk=pk)
    with_groups(report, report.meeting)  # from the request's list, not joined
    return report


def get_report_for_view_or_404(user, pk):
    return _get_report(user, pk, revisions=True)


def get_report_for_edit_or_404(user, pk):
    report = _get_report(user, pk, working_copy=True)
    if not can_edit_report(user, report):
        raise PermissionDenied(_("Only the secretariat edits reports."))
    return report


def get_report_for_draft_view_or_404(user, pk):
    return _get_report(user, pk, working_copy=True)


def get_report_for_approve_or_404(user, pk):
    report = _get_report(user, pk, working_copy=True)
    if not can_approve_report(user, report):
        raise PermissionDenied(_("Only a current chair or vice-chair of the group can approve its report."))
    return report


def get_report_for_publish_or_404(user, pk):
    report = _get_report(user, pk, working_copy=True)
    if not can_publish_report(user, report):
        raise PermissionDenied(_("Only the secretariat or a current officer publishes a report."))
    return report


def get_revision_for_view_or_404(user, report_pk, number, *, snapshot=True):
    """An approved revision the user may read (its report with it). `snapshot=False` leaves the
    frozen content unread (~200 KB for 300 paragraphs): serving or checking the PDF needs none."""
    from reports.models import ReportRevision

    queryset = ReportRevision.objects.select_related(
        "report__group__parent", "report__meeting__group", "report__annexed_to", "approved_by"
    )
    if not snapshot:
        queryset = queryset.defer("snapshot")
    return _get_visible_or_404(
        visible_report_revisions(user, queryset), _("No such revision."), report_id=report_pk, number=number
    )


def _get_block(user, pk):
    """A paragraph of a working copy the user may read; a released report's working copy is
    not what was released (the frozen annex is), so its paragraphs answer like missing ones."""
    block = _get_visible_or_404(visible_blocks(user), _("No such paragraph."), pk=pk)
    block.report = _get_report(user, block.report_id, working_copy=True)
    return block


def get_block_for_edit_or_404(user, pk):
    block = _get_block(user, pk)
    if not can_edit_report(user, block.report):
        raise PermissionDenied(_("Only the secretariat edits reports."))
    return block


def get_block_for_comment_or_404(user, pk):
    block = _get_block(user, pk)
    if not can_comment_on_report(user, block.report):
        raise PermissionDenied(_("Comments are taken from the group's members while the report is circulated."))
    return block


def get_action_item_for_close_or_404(user, pk):
    from reports.models import Block

    queryset = Block.objects.filter(kind="action", report__group_id__in=visible_group_ids(user))
    block = _get_visible_or_404(queryset, _("No such action item."), pk=pk)
    block.report = _get_report(user, block.report_id)
    if not can_close_action_item(user, block):
        raise PermissionDenied(_("Only the secretariat or a current officer closes action items."))
    return block
