"""Draft the report from the floor (secretariat): the working copy built from the record, new
material and corrections offered, never forced."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.models import Group
from reports.models import Report, ReportKind
from wsisportal import access, redline
from wsisportal.optimistic import EditConflict

from .. import drafting
from ..forms import CorrectionsForm, OffersForm


def meeting_draft(request, pk):
    meeting = access.get_meeting_for_view_or_404(request.user, pk)
    if not access.can_draft_from_floor(request.user, meeting):
        raise PermissionDenied(_("Only the secretariat drafts the report."))
    groups = Group.objects.filter(sessions__meeting=meeting, sessions__sitting__isnull=False).distinct()
    rows = []
    for group in groups.order_by("parent_id", "code"):
        for kind in _kinds(meeting, group):
            report = Report.objects.filter(meeting=meeting, group=group, kind=kind).first()
            offered = drafting.offers(report) if report and report.blocks.exists() else []
            corrected = drafting.corrections(report) if report else []
            changes = drafting.corrections_redline(corrected)
            rows.append(
                {
                    "group": group,
                    "kind": kind,
                    "kind_label": ReportKind(kind).label,
                    "report": report,
                    "offered": offered,
                    "form": OffersForm(initial={"lock_version": report.lock_version}, offered=offered)
                    if report
                    else None,
                    "entries": len(drafting.record_of(meeting, group)),
                    "corrections": corrected,
                    "redline_changes": changes,
                    "redline_summary": redline.summary(changes),
                }
            )
    return render(request, "floor/draft.html", {"meeting": meeting, "rows": rows})


def _kinds(meeting, group):
    return [ReportKind.REPORT, ReportKind.SUMMARY] if group.pk == meeting.group_id else [ReportKind.REPORT]


@require_POST
def meeting_draft_make(request, pk, code, kind):
    meeting = access.get_meeting_for_view_or_404(request.user, pk)
    if not access.can_draft_from_floor(request.user, meeting):
        raise PermissionDenied(_("Only the secretariat drafts the report."))
    group = Group.objects.filter(code=code).first()
    in_meeting = group is not None and meeting.group_id in (group.pk, group.parent_id)
    if not in_meeting or kind not in _kinds(meeting, group):
        return redirect("floor:meeting_draft", meeting.pk)
    try:
        report, drafted = drafting.draft_report(meeting=meeting, group=group, kind=kind)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("floor:meeting_draft", meeting.pk)
    if drafted:
        messages.success(request, _("Drafted from the session record. Edit it here as usual."))
        return redirect("reports:report_edit", report.pk)
    messages.info(request, _("This report has been drafted or written already: pick the new material to add."))
    return redirect("floor:meeting_draft", meeting.pk)


@require_POST
def report_offers_add(request, pk):
    report = access.get_report_for_edit_or_404(request.user, pk)
    offered = drafting.offers(report)
    form = OffersForm(request.POST, offered=offered)
    if not form.is_valid():
        messages.error(request, _("Pick the entries to add."))
        return redirect("floor:meeting_draft", report.meeting_id)
    try:
        added = drafting.add_offered(
            report=report, entry_ids=form.cleaned_data["entries"], expected_lock=form.cleaned_data["lock_version"]
        )
    except EditConflict as exc:
        messages.error(request, str(exc))
        return redirect("floor:meeting_draft", report.meeting_id)
    messages.success(request, _("%(n)s entries added to the report.") % {"n": len(added)})
    return redirect(reverse("reports:report_edit", args=[report.pk]))


@require_POST
def report_corrections(request, pk):
    """Take the chosen corrections from the record into the report, or leave them."""
    report = access.get_report_for_edit_or_404(request.user, pk)
    form = CorrectionsForm(request.POST, offered=drafting.corrections(report))
    if not form.is_valid():
        messages.error(request, _("Pick the corrections to take or to leave."))
        return redirect("floor:meeting_draft", report.meeting_id)
    links = form.cleaned_data["links"]
    if form.cleaned_data["action"] == "leave":
        left = drafting.leave_corrections(report=report, link_ids=links)
        messages.success(request, _("%(n)s corrections left out of the report.") % {"n": len(left)})
        return redirect("floor:meeting_draft", report.meeting_id)
    try:
        taken = drafting.take_corrections(
            report=report, link_ids=links, expected_lock=form.cleaned_data["lock_version"]
        )
    except (ValidationError, EditConflict) as exc:
        messages.error(request, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        return redirect("floor:meeting_draft", report.meeting_id)
    messages.success(request, _("%(n)s corrections taken into the report.") % {"n": len(taken)})
    return redirect("floor:meeting_draft", report.meeting_id)
