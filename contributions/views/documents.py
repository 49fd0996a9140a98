"""A document: its page, submission, revision, files, withdrawal and download."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wsisportal import access, downloads

from .. import deadlines, services, uploads
from ..forms import (
    AddFileForm,
    EditDocumentForm,
    RevisionForm,
    SubmitDocumentForm,
    WithdrawForm,
)
from ..models import Document, DocumentKind
from ..titles import title_for

STORAGE_FAILED = gettext_lazy(
    "The document could not be stored: the file store is full or not available. Nothing was submitted "
    "and no symbol was allocated. Please try again later; if this happens again, tell the secretariat."
)
FILE_NOT_STORED = gettext_lazy(
    "The file could not be stored: the file store is full or not available. Nothing was added. "
    "Please try again later; if this happens again, tell the secretariat."
)


def document_detail(request, pk):
    doc = access.get_document_for_view_or_404(request.user, pk, Document.objects.for_register())
    can_manage = access.can_manage_document(request.user, doc)
    return render(
        request,
        "contributions/document_detail.html",
        {
            "doc": doc,
            "title": title_for(doc, translation.get_language()),
            "meeting": doc.meeting,
            "children": doc.children.select_related("group").prefetch_related("files"),
            "why_visible": access.why_visible(request.user, doc.group),
            "can_manage": can_manage,
            "add_file_form": AddFileForm(document=doc) if can_manage else None,
            "withdraw_form": WithdrawForm() if can_manage and not doc.is_withdrawn else None,
        },
    )


def submit(request, meeting_pk):
    meeting = access.get_meeting_for_submit_or_404(request.user, meeting_pk)
    groups = access.submittable_groups(request.user, meeting)
    now = timezone.now()
    form = SubmitDocumentForm(
        request.POST or None,
        request.FILES or None,
        meeting=meeting,
        groups=groups,
        is_secretariat=access.is_secretariat(request.user),
        can_admit=any(access.can_admit_late(request.user, g, now=now) for g in groups),
    )
    storage_failed = False
    if request.method == "POST" and form.is_valid():
        try:
            doc = _submit_from_form(request, meeting, form, now)
        except services.AlreadySubmitted as repeat:
            messages.info(
                request, _("This submission was already received as %(symbol)s.") % {"symbol": repeat.document.symbol}
            )
            return redirect("contributions:document_detail", repeat.document.pk)
        except services.SubmissionRefused as refused:
            form.add_error(None, refused.message)
        except uploads.StorageFailed:
            form.add_error(None, STORAGE_FAILED)
            storage_failed = True
        else:
            messages.success(request, _("Document submitted. Its symbol is %(symbol)s.") % {"symbol": doc.symbol})
            return redirect("contributions:document_detail", doc.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "deadlines": _deadline_rows(request.user, meeting, groups, now),
        "ended_at": _ended_at(meeting, now),
        "registers_after_meeting": access.can_register_after_meeting(request.user, meeting),
    }
    return _form_page(request, "contributions/submit.html", context, storage_failed=storage_failed)


def _ended_at(meeting, now):
    """When the meeting ended, in its zone, for the notice on the form; None while it has not."""
    if not deadlines.has_ended(meeting, now):
        return None
    return deadlines.format_moment(deadlines.meeting_ends_at(meeting), meeting.zone)


def _form_page(request, template, context, *, storage_failed):
    """The form again; after a storage failure as 503 with Retry-After (the form says what happened)."""
    if not storage_failed:
        return render(request, template, context)
    response = render(request, template, context, status=503)
    response["Retry-After"] = str(uploads.STORAGE_RETRY_AFTER_SECONDS)
    return response


def _submit_from_form(request, meeting, form, now):
    data = form.cleaned_data
    upload, name, content_type = data["file"]
    sources = data.get("sources") or [request.user.organisation]
    return services.submit_document(
        meeting=meeting,
        group=data["group"],
        submitted_by=request.user,
        title=data["title"],
        summary=data["summary"],
        kind=data["kind"],
        sources=[s for s in sources if s is not None],
        agenda_items=data.get("agenda_items") or [],
        call=data.get("call"),
        files=[(data["language"], upload, name, content_type)],
        late_reason=data.get("late_reason", ""),
        submission_key=data.get("submission_key"),
        now=now,
    )


def _deadline_rows(user, meeting, groups, now):
    rows = []
    for group in groups:
        deadline = services.deadline_for_submission(meeting=meeting, group=group, kind=DocumentKind.CONTRIBUTION)
        rows.append(
            {
                "group": group,
                "deadline": deadline,
                "meeting_time": deadline and deadlines.format_moment(deadline.at, deadline.zone),
                "user_time": deadline and deadlines.format_moment(deadline.at, deadlines.user_zone(user)),
                "time_left": deadlines.time_left(deadline, now),
            }
        )
    return rows


def revise(request, pk):
    parent = access.get_document_for_manage_or_404(request.user, pk)
    form = RevisionForm(request.POST or None, request.FILES or None)
    storage_failed = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload, name, content_type = data["file"]
        try:
            doc = services.submit_document(
                meeting=parent.meeting,
                group=parent.group,
                submitted_by=request.user,
                title=data["title"],
                summary=data["summary"],
                kind=parent.kind,
                sources=parent.source_organisations.all(),
                parent=parent,
                suffix=data["suffix"],
                files=[(data["language"], upload, name, content_type)],
                late_reason=data["late_reason"],
            )
        except services.SubmissionRefused as refused:
            form.add_error(None, refused.message)
        except uploads.StorageFailed:
            form.add_error(None, STORAGE_FAILED)
            storage_failed = True
        else:
            messages.success(request, _("Submitted as %(symbol)s.") % {"symbol": doc.symbol})
            return redirect("contributions:document_detail", doc.pk)
    context = {"parent": parent, "meeting": parent.meeting, "form": form}
    return _form_page(request, "contributions/revise.html", context, storage_failed=storage_failed)


@require_POST
def add_file(request, pk):
    doc = access.get_document_for_manage_or_404(request.user, pk, Document.objects.prefetch_related("files"))
    form = AddFileForm(request.POST, request.FILES, document=doc)
    if form.is_valid():
        upload, name, content_type = form.cleaned_data["file"]
        try:
            services.add_language_file(
                document=doc,
                language=form.cleaned_data["language"],
                upload=upload,
                name=name,
                content_type=content_type,
                by=request.user,
            )
        except uploads.StorageFailed:
            messages.error(request, FILE_NOT_STORED)
        else:
            messages.success(request, _("Language version added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("contributions:document_detail", doc.pk)


def edit(request, pk):
    doc = access.get_document_for_manage_or_404(request.user, pk)
    initial = {
        "title": doc.title,
        "summary": doc.summary,
        "kind": doc.kind,
        "sources": doc.source_organisations.all(),
        "agenda_items": doc.agenda_items.all(),
        "title_language": doc.title_language,
    }
    form = EditDocumentForm(request.POST or None, initial=initial, document=doc)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("title", "summary", "kind", "sources", "agenda_items")}
        services.edit_document(document=doc, by=request.user, **data)
        services.set_document_titles(
            document=doc, title_language=form.cleaned_data["title_language"], titles=form.translated_titles()
        )
        messages.success(request, _("Saved."))
        return redirect("contributions:document_detail", doc.pk)
    return render(request, "contributions/edit.html", {"doc": doc, "meeting": doc.meeting, "form": form})


@require_POST
def withdraw(request, pk):
    doc = access.get_document_for_manage_or_404(request.user, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid() and not doc.is_withdrawn:
        services.withdraw_document(document=doc, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("%(symbol)s is withdrawn; it keeps its symbol.") % {"symbol": doc.symbol})
    elif not form.is_valid():
        messages.error(request, _("Give a reason for the withdrawal."))
    return redirect("contributions:document_detail", doc.pk)


def download(request, pk, language):
    doc = access.get_document_for_view_or_404(request.user, pk)
    docfile = doc.files.filter(language=language).first()
    if docfile is None:
        raise Http404(_("No such language version."))
    etag = f'"{docfile.sha256}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    response = downloads.stored_file_response(
        docfile.file.name,
        as_attachment=True,
        filename=uploads.download_name(doc.symbol, language, docfile.content_type),
        content_type=docfile.content_type,
        etag=etag,
    )
    if not response.has_header("Location"):
        response["Last-Modified"] = http_date(docfile.uploaded_at.timestamp())
    return response
