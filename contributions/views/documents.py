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

from .. import deadlines, kept_uploads, numbering, services, uploads
from ..forms import (
    AddFileForm,
    EditDocumentForm,
    ReplaceFileForm,
    RevisionForm,
    SubmitDocumentForm,
    WithdrawForm,
)
from ..models import Document, DocumentKind, Language
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
    can_change = access.can_withdraw_or_replace(request.user, doc)
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
            "can_change": can_change,
            "change_until": _change_until(request.user, doc) if can_change else None,
            "withdraw_form": WithdrawForm() if can_change else None,
            "replace_form": ReplaceFileForm(document=doc) if can_change else None,
        },
    )


def _change_until(user, doc):
    """The deadline for withdrawing or replacing, as the page shows it (None for the secretariat)."""
    if access.is_secretariat(user):
        return None
    at = services.change_deadline(doc)
    return {"meeting_time": deadlines.format_moment(at, doc.meeting.zone), "at": at}


def submit(request, meeting_pk):
    """The form; "Preview" shows what the submission will become (symbol, group, language, the
    deadline left) before any symbol is allocated; "Submit" allocates it. A form shown again
    keeps the chosen file (kept_uploads), so an error elsewhere never asks for it twice."""
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
        user=request.user,
    )
    form.helper.attrs = {**form.helper.attrs, **_submit_confirmation(meeting, groups)}
    storage_failed, preview = False, None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = _preview(request.user, meeting, form.cleaned_data, now)
            form.helper.attrs |= _submit_confirmation(meeting, [preview["group"]], symbol=preview["symbol"])
        else:
            try:
                doc = _submit_from_form(request, meeting, form, now)
            except services.AlreadySubmitted as repeat:
                messages.info(
                    request,
                    _("This submission was already received as %(symbol)s.") % {"symbol": repeat.document.symbol},
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
    if request.method == "POST" and not storage_failed:
        storage_failed = not _keep_chosen_file(request, form)
    form.set_buttons(previewed=preview is not None)
    context = {
        "meeting": meeting,
        "form": form,
        "preview": preview,
        "deadlines": _deadline_rows(request.user, meeting, groups, now),
        "ended_at": _ended_at(meeting, now),
        "registers_after_meeting": access.can_register_after_meeting(request.user, meeting),
    }
    return _form_page(request, "contributions/submit.html", context, storage_failed=storage_failed)


def _submit_confirmation(meeting, groups, symbol=None):
    """The confirmation dialog's text (static/js/confirm.js): the symbol submitting will allocate
    now (peeked, not reserved) and who can then read the document."""
    groups = list(groups)
    symbol = symbol or numbering.format_symbol(
        numbering.series_for(meeting.group, meeting),
        numbering.next_number(numbering.series_for(meeting.group, meeting)),
    )
    audiences = "; ".join(f"{g.code}: {', '.join(str(label) for label in g.open_to_labels)}" for g in groups)
    text = _(
        "Submitting allocates the symbol %(symbol)s (or the next one, if another document is submitted first) and "
        "makes the document available at once to those who take part in the group you chose (%(audiences)s). "
        "A symbol is never reused, even if the document is withdrawn."
    ) % {"symbol": symbol, "audiences": audiences}
    return {"data-confirm": text, "data-confirm-title": _("Submit this document?"),
            "data-confirm-ok": _("Submit"), "data-confirm-cancel": _("Cancel")}  # fmt: skip


def _keep_chosen_file(request, form):
    """Keep the file of a form shown again (see kept_uploads) and say so on the form. False if
    the store failed (the form then says so too)."""
    chosen = form.chosen_file
    if chosen is None:
        return True
    upload, name, content_type = chosen
    if not getattr(upload, "stored_name", None):  # a new upload: keep it (a kept one is kept already)
        try:
            token = kept_uploads.keep(upload, user=request.user, name=name, content_type=content_type)
        except uploads.StorageFailed:
            form.add_error(None, STORAGE_FAILED)
            return False
        form.data = form.data.copy()
        form.data["kept_file"] = token
    form.show_kept(name, upload.size)
    return True


def _preview(user, meeting, data, now):
    """What the submission will become, from the same rules the service applies (nothing stored)."""
    group, (upload, name, content_type) = data["group"], data["file"]
    deadline = services.deadline_for_submission(meeting=meeting, group=group, kind=data["kind"], call=data.get("call"))
    series = numbering.series_for(group, meeting)
    return {
        "symbol": numbering.format_symbol(series, numbering.next_number(series)),
        "group": group,
        "kind": DocumentKind(data["kind"]).label,
        "title": data["title"],
        "language": Language(data["language"]).label,
        "file_name": name,
        "file_type": uploads.type_label(content_type),
        "size": upload.size,
        "deadline": deadline and deadlines.format_moment(deadline.at, deadline.zone),
        "time_left": deadlines.time_left(deadline, now) if deadline else None,
        "late": not deadlines.is_on_time(deadline, now),
        "agenda_items": data.get("agenda_items") or [],
        "sources": data.get("sources") or [user.organisation],
    }


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
    doc = services.submit_document(
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
    kept_uploads.discard(upload)  # stored again as the document's file: the kept copy goes
    return doc


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
    doc = access.get_document_for_withdraw_or_404(request.user, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        services.withdraw_document(document=doc, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("%(symbol)s is withdrawn; it keeps its symbol.") % {"symbol": doc.symbol})
    else:
        messages.error(request, _("Give a reason for the withdrawal."))
    return redirect("contributions:document_detail", doc.pk)


@require_POST
def replace_file(request, pk):
    doc = access.get_document_for_withdraw_or_404(request.user, pk)
    form = ReplaceFileForm(request.POST, request.FILES, document=doc)
    if form.is_valid():
        upload, name, content_type = form.cleaned_data["file"]
        try:
            services.replace_file(
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
            messages.success(request, _("The file was replaced; the symbol stays %(symbol)s.") % {"symbol": doc.symbol})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
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
