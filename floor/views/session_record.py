"""The session record (secretariat): entries saved as typed, filed, corrected with a trace."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contributions.models import Document
from meetings.models import Organisation
from wsisportal import access

from .. import record
from ..forms import EntryForm


def entry_form(user, sitting, data=None, initial=None):
    documents = access.visible_documents(user, Document.objects.filter(meeting_id=sitting.session.meeting_id))
    return EntryForm(
        data,
        initial=initial or {"key": uuid.uuid4()},
        delegations=Organisation.objects.order_by("kind", "name"),
        documents=documents.filter(group_id=sitting.session.group_id).order_by("series", "number"),
        prefix="entry",
    )


@require_POST
def entry_save(request, pk):
    """Autosave: what has been typed so far, into the entry of this form's key."""
    sitting = access.get_sitting_or_404(request.user, pk, to="record")
    form = entry_form(request.user, sitting, request.POST)
    if not form.is_valid():
        return HttpResponse(_("Not saved: %(errors)s") % {"errors": _errors(form)}, status=422)
    try:
        entry = record.save_entry(
            sitting=sitting,
            key=form.cleaned_data["key"],
            by=request.user,
            data=form.entry_data,
            owners=form.cleaned_data["owners"],
        )
    except ValidationError as exc:
        return HttpResponse(exc.messages[0], status=422)
    saved = timezone.localtime(entry.updated_at, sitting.session.meeting.zone)
    return HttpResponse(_("Saved at %(time)s") % {"time": saved.strftime("%H:%M:%S")})


@require_POST
def entry_file(request, pk):
    sitting = access.get_sitting_or_404(request.user, pk, to="record")
    form = entry_form(request.user, sitting, request.POST)
    error = None
    if form.is_valid():
        try:
            record.file_entry(
                sitting=sitting,
                key=form.cleaned_data["key"],
                by=request.user,
                data=form.entry_data,
                owners=form.cleaned_data["owners"],
            )
            form = entry_form(request.user, sitting, initial=_next_initial(form.cleaned_data))
        except ValidationError as exc:
            error = exc.messages[0]
    else:
        error = _errors(form)
    if request.headers.get("HX-Request"):
        return render(
            request, "floor/includes/entry_form.html", {"sitting": sitting, "entry_form": form, "error": error}
        )
    if error:
        messages.error(request, error)
    return redirect("floor:session_run", sitting.session_id)


def _next_initial(data):
    """A fresh form (new key) that keeps the kind the secretariat was recording."""
    return {"key": uuid.uuid4(), "kind": data["kind"]}


def _errors(form):
    return " ".join(str(m) for messages_ in form.errors.values() for m in messages_)


def entry_correct(request, pk):
    entry = access.get_record_entry_for_correct_or_404(request.user, pk)
    sitting = entry.sitting
    initial = {
        "key": entry.key,
        "kind": entry.kind,
        "delegation": entry.delegation_id,
        "text": entry.text,
        "lead": entry.lead,
        "verbatim": entry.verbatim,
        "owners": list(entry.owners.values_list("pk", flat=True)),
        "owners_note": entry.owners_note,
        "due_date": entry.due_date,
        "due_next_meeting": entry.due_next_meeting,
        "document": entry.document_id,
    }
    form = entry_form(request.user, sitting, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record.correct_entry(entry=entry, by=request.user, data=form.entry_data, owners=form.cleaned_data["owners"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Entry corrected; the previous text is kept in its history."))
            return redirect("floor:session_run", sitting.session_id)
    return render(
        request,
        "floor/entry_correct.html",
        {"entry": entry, "sitting": sitting, "meeting": sitting.session.meeting, "entry_form": form,
         "corrections": entry.corrections.select_related("corrected_by")},
    )  # fmt: skip
