"""Reading reports and their workflow: list, report page, approved PDFs and their checksum,
draft preview PDF, circulate / comment / approve / publish, action items of a meeting."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobs.models import JobStatus
from jobs.views import job_response, progress_response
from meetings.models import Meeting
from wsisportal import access, fragments, redline, signed_files
from wsisportal.optimistic import EditConflict

from .. import draft_pdf, rendering, services
from ..changes import revision_changes
from ..document import draft_with_comments
from ..forms import CloseActionForm, CommentForm, LockForm, ReportCreateForm
from ..integrity import ALTERED, MISSING, check_stored_pdf
from ..listing import listed_report, release_annex, release_url, working_copy_release_note
from ..models import ActionStatus, Block, BlockKind, Report, ReportRevision, ReportStatus


def _listed_reports(user, queryset):
    """The reports of `queryset` the user may see, each as it is listed to them (listing.py)."""
    reports = access.visible_reports(user, queryset).select_related("group__parent", "meeting__group")
    reports = reports.prefetch_related(
        Prefetch("revisions", ReportRevision.objects.defer("snapshot")), "released_in__report__group__parent"
    )
    return [listed_report(user, r) for r in reports.order_by("-meeting__start_date", "group__code", "kind")]


@login_not_required
def report_list(request):
    rows = _listed_reports(request.user, Report.objects.all())
    create_form = ReportCreateForm() if access.is_secretariat(request.user) else None
    return render(request, "reports/report_list.html", {"rows": rows, "create_form": create_form})


@require_POST
def report_create(request):
    access.require_secretariat(request.user)
    form = ReportCreateForm(request.POST)
    if form.is_valid():
        try:
            report = services.create_report(**form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            return redirect("reports:report_edit", report.pk)
    else:
        messages.error(request, _("Choose a meeting, a group, a kind and a title."))
    return redirect("reports:report_list")


def _visible_revisions(user, report):
    return [rev for rev in report.revisions.all() if access.can_view_report_revision(user, rev)]


@login_not_required
def report_detail(request, pk):
    report = access.get_report_for_view_or_404(request.user, pk)
    user = request.user
    release = access.report_release_for(user, report)
    if release is not None:  # seen only as released: the frozen annex, never the working copy
        return redirect(release_url(release, release_annex(release, report)))
    revisions = _visible_revisions(user, report)
    context = {
        "report": report,
        "revisions": revisions,
        "why_visible": access.why_visible(user, report.group),
        "released_note": working_copy_release_note(user, report),
    }
    if access.can_view_report_draft(user, report) and not report.is_frozen:
        context.update(_draft_context(request, report))
    elif revisions:
        context["document_html"] = _revision_document(request, report, revisions[0])
        context["shown_revision"] = revisions[0]
    context.update(_permissions(user, report))
    if context["can_approve"]:
        context.update(_approval_context(user, report))
    if context["can_publish"]:
        context["publish_confirm"] = _publish_text(report)
    return render(request, "reports/report_detail.html", context)


def _approval_context(user, report):
    """The redline the chair approves (this revision against the last approved one) and the
    text of the confirmation dialog, which says what approving does."""
    base, changes = revision_changes(report)
    officer = access.current_officer_appointments(user, access.report_approving_group(report)).first()
    role = f"{officer.get_role_display()}, {officer.group.code}" if officer else ""
    text = _(
        "You approve revision %(n)s of “%(title)s” as %(role)s. Its text is frozen and its PDF is rendered "
        "once, with a checksum; members of %(group)s can then read and download it. This cannot be undone: a later "
        "change becomes revision %(next)s, to be approved again. It is not public until it is published."
    ) % {"n": report.revision, "title": report.title, "role": role, "group": report.group.code,
         "next": report.revision + 1}  # fmt: skip
    return {
        "redline_base": base,
        "redline_changes": changes,
        "redline_summary": redline.summary(changes),
        "approve_confirm": text,
    }


def _publish_text(report):
    if access.is_open_to_public(report.group):
        audience = _("everyone, without signing in, on the public pages of %(group)s") % {"group": report.group.code}
    else:
        audience = _("the members of %(group)s only, as %(group)s is not open to the public") % {
            "group": report.group.code
        }
    return _(
        "You publish approved revision %(n)s of “%(title)s”. It becomes the published record and is "
        "available to %(audience)s. Publishing cannot be undone."
    ) % {"n": report.revision, "title": report.title, "audience": audience}


def _revision_document(request, report, revision):
    """The text of an approved revision, rendered from its frozen snapshot once and then taken from
    the cache: a revision never changes (its id and checksum name it), and whoever may open it reads
    the same text (restricted annexes are frozen as notices). The working-copy view, which carries
    comment forms, is not cached."""
    return fragments.cached(
        "report-revision",
        (revision.pk, revision.sha256, revision.published_at),
        lambda: rendering.document_html(revision.snapshot),
    )


def _draft_context(request, report):
    user = request.user
    doc = draft_with_comments(report, user)
    comment_form = CommentForm() if access.can_comment_on_report(user, report) else None
    return {
        "doc": doc,
        "document_html": rendering.document_html(doc, request=request, comment_form=comment_form),
        "comment_form": comment_form,
        "lock_form": LockForm(initial={"lock_version": report.lock_version}),
        "is_working_copy": True,
    }


def _permissions(user, report):
    return {
        "can_edit": access.can_edit_report(user, report),
        "can_circulate": access.can_edit_report(user, report) and report.status == ReportStatus.DRAFT,
        "can_approve": access.can_approve_report(user, report) and report.status == ReportStatus.CIRCULATED,
        "can_publish": access.can_publish_report(user, report) and report.status == ReportStatus.APPROVED,
        "can_preview": access.can_view_report_draft(user, report),
    }


@login_not_required
def revision_detail(request, pk, number):
    revision = access.get_revision_for_view_or_404(request.user, pk, number)
    report = revision.report
    context = {
        "report": report,
        "document_html": _revision_document(request, report, revision),
        "shown_revision": revision,
        "revisions": _visible_revisions(request.user, report),
        "why_visible": None,
    }
    context.update(_permissions(request.user, report))
    return render(request, "reports/report_detail.html", context)


@login_not_required
def revision_pdf(request, pk, number):
    """The approved PDF exactly as stored at approval, never re-rendered: once access is checked,
    a redirect to a short-lived signed URL (wsisportal/signed_files.py), whose server sends the
    bytes only while they still have the SHA-256 recorded at approval (the ETag), and otherwise
    sends the reader to the verify page, which refuses (409) and says what is wrong."""
    revision = access.get_revision_for_view_or_404(request.user, pk, number, snapshot=False)
    if not revision.pdf_ready or request.headers.get("HX-Request"):
        return _pdf_progress(request, services.request_revision_pdf(revision))
    etag = f'"{revision.sha256}"'
    # A client that holds these bytes already (it sent their checksum) needs nothing more.
    response = get_conditional_response(request, etag=etag)
    if response is not None:
        response["ETag"] = etag
        response["Cache-Control"] = "private, max-age=31536000, immutable"
        return response
    filename = _pdf_filename(revision)
    verify = reverse("reports:revision_verify", args=[pk, number])
    response = redirect(
        signed_files.url_for(
            revision.pdf.name,
            filename=filename,
            sha256=revision.sha256,
            content_type="application/pdf",
            refusal_url=f"{verify}?download=refused",
        )
    )
    response["Cache-Control"] = "private, no-store"  # the ticket expires; the checksum does not
    return response


@dataclass(frozen=True)
class _PdfProgress:
    """A revision's PDF as the jobs' progress page shows a job (jobs/views.py progress_response)."""

    status: str
    filename: str
    progress: None = None  # a rendering is not measured: the bar just says "working"

    @property
    def is_done(self):
        return self.status == JobStatus.DONE

    def get_status_display(self):
        return JobStatus(self.status).label


def _pdf_progress(request, revision):
    """The page that waits for a revision's PDF (202), or to htmx's poll its card: it asks the same
    URL every two seconds and, once the PDF is stored, offers it (the link then gets the file)."""
    if revision.pdf_ready:
        status = JobStatus.DONE
    else:
        status = JobStatus.RUNNING if revision.pdf_started_at else JobStatus.QUEUED
    since = revision.pdf_queued_at or revision.approved_at
    report = revision.report
    response = progress_response(
        request,
        _PdfProgress(status=status, filename=_pdf_filename(revision)),
        title=_("The approved PDF of “%(title)s”, revision %(n)s") % {"title": report.title, "n": revision.number},
        back_url=reverse("reports:report_detail", args=[report.pk]),
        waited=max(0, int((timezone.now() - since).total_seconds())),
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _pdf_filename(revision):
    return f"{revision.report.symbol or revision.report.group.code}-rev{revision.number}.pdf".replace("/", "-")


@login_not_required
def revision_verify(request, pk, number):
    """What the stored PDF is against its checksum; after a refused download (`?download=refused`)
    the same page answers 409 when the file is missing or altered."""
    revision = access.get_revision_for_view_or_404(request.user, pk, number, snapshot=False)
    stored = check_stored_pdf(revision)
    refused = request.GET.get("download") == "refused" and stored.state in (MISSING, ALTERED)
    return _verify_page(request, revision, stored, status=409 if refused else 200)


def _verify_page(request, revision, stored, *, status=200):
    context = {"revision": revision, "report": revision.report, "stored": stored, "refused": status != 200}
    return render(request, "reports/revision_verify.html", context, status=status)


def report_draft_pdf(request, pk):
    """Preview of the working copy with a DRAFT mark on every page, as the reader may see it, built
    in the background (a 300-paragraph draft takes seconds): the first request shows the progress
    page, a request once it is built gets the PDF (jobs/; the key: reports/draft_pdf.py)."""
    report = access.get_report_for_draft_view_or_404(request.user, pk)
    job = draft_pdf.request(report, request.user)
    title = _("Draft PDF of %(report)s") % {"report": report.title}
    return job_response(request, job, title=title, back_url=reverse("reports:report_detail", args=[report.pk]))


def _workflow(request, report, action, done_message):
    form = LockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; reload the page."))
        return redirect("reports:report_detail", report.pk)
    try:
        result = action(form.cleaned_data["lock_version"])
    except (ValidationError, EditConflict) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:  # a message, or a function of what the action returned
        messages.success(request, done_message(result) if callable(done_message) else done_message)
    return redirect("reports:report_detail", report.pk)


@require_POST
def report_circulate(request, pk):
    report = access.get_report_for_edit_or_404(request.user, pk)
    return _workflow(
        request,
        report,
        lambda lock: services.circulate_report(report=report, expected_lock=lock),
        _("The draft is circulated to the group for comments."),
    )


@require_POST
def report_approve(request, pk):
    report = access.get_report_for_approve_or_404(request.user, pk)
    return _workflow(
        request,
        report,
        lambda lock: services.approve_report(report=report, by=request.user, expected_lock=lock),
        _approved_message,
    )


def _approved_message(revision):
    if revision.pdf_ready:
        return _("Approved. The PDF has been rendered and its checksum recorded.")
    return _("Approved. The PDF is being prepared; it is offered here, with its checksum, once it is stored.")


@require_POST
def report_publish(request, pk):
    report = access.get_report_for_publish_or_404(request.user, pk)
    return _workflow(request, report, lambda lock: services.publish_report(report=report), _("Published."))


@require_POST
def block_comment(request, pk):
    block = access.get_block_for_comment_or_404(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_on_block(block=block, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your comment was recorded."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect(reverse("reports:report_detail", args=[block.report_id]) + f"#block-{block.pk}")


@login_not_required
def meeting_action_items(request, pk):
    """htmx panel of a meeting page: its reports, and the open action items of the group's
    earlier meetings, pending here."""
    meeting = access.get_meeting_for_view_or_404(request.user, pk)
    reports = _listed_reports(request.user, Report.objects.filter(meeting=meeting))
    items = _pending_action_items(meeting, access.visible_group_ids(request.user))
    context = {
        "meeting": meeting,
        "reports": reports,
        "items": items,
        "can_close": _closable(request.user, items),
        "close_form": CloseActionForm(),
    }
    return render(request, "reports/includes/meeting_panel.html", context)


def _pending_action_items(meeting, visible_group_ids):
    """Open action items of the approved record (the report has an approved revision, or is
    annexed to one) of the group's earlier meetings, in groups the user may see."""
    approved = Q(report__revisions__isnull=False) | Q(report__released_in__isnull=False)
    return list(
        Block.objects.filter(
            approved,
            kind=BlockKind.ACTION,
            action_status=ActionStatus.OPEN,
            report__meeting__group=meeting.group,
            report__meeting__start_date__lt=meeting.start_date,
            report__group_id__in=visible_group_ids,
        )
        .distinct()
        .select_related("report__meeting__group", "report__group__parent")
        .prefetch_related("owners")
        .order_by("report__meeting__start_date", "report_id", "pk")
    )


def _closable(user, items):
    """Ids of the items the user may close; the answer depends only on the report's group and
    the meeting's group, so it is asked once per pair."""
    answers = {}
    for item in items:
        key = (item.report.group_id, item.report.meeting.group_id)
        if key not in answers:
            answers[key] = access.can_close_action_item(user, item)
    return {item.pk for item in items if answers[(item.report.group_id, item.report.meeting.group_id)]}


@require_POST
def action_item_close(request, pk, meeting_pk):
    block = access.get_action_item_for_close_or_404(request.user, pk)
    meeting = get_object_or_404(Meeting, pk=meeting_pk, group=block.report.meeting.group)
    form = CloseActionForm(request.POST)
    if form.is_valid():
        try:
            services.close_action_item(
                block=block, by=request.user, meeting=meeting, status=form.cleaned_data["status"]
            )
            messages.success(request, _("Action item closed."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect(_meeting_url(meeting))


def _meeting_url(meeting):
    try:
        return reverse("meetings:meeting_detail", args=[meeting.pk])
    except Exception:  # the meeting page may not be wired yet; the reports list always is
        return reverse("reports:report_list")
