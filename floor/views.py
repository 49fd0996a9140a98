"""The meeting in session: the chair's screen, the live panel every participant's meeting page
follows, the list of speakers, the session record and the draft from the floor.

The live channel is polling (static/js/floor.js, every second) of a watch URL answered before
sessions are loaded (floor/live.py): an unchanged sitting costs a 304 after one small query, so it
needs no extra service, works behind any number of sync application servers, and holds no worker
longer than one short request. The chair's screen polls its own panel with the session (few
readers, and what it shows is theirs alone).
"""

import time
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contributions.models import Document
from meetings.models import Group, Meeting, Organisation
from reports.models import Report, ReportKind
from wsisportal import access, redline
from wsisportal.optimistic import EditConflict

from . import drafting, live, record, services
from .forms import AskForm, CorrectionsForm, EntryForm, LimitForm, MoveForm, OffersForm
from .models import Sitting, SpeakerRequest


def _etag(user, versions):
    state = ".".join(f"{pk}:{version}" for pk, version in sorted(versions))
    return f'W/"floor-{state}-{user.pk or 0}-{get_language()}"'


def _not_modified(request, etag):
    return etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]


def _live_response(request, etag, template, context):
    if _not_modified(request, etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(render_to_string(template, context, request))
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True, private=True)
    return response


# ---------------------------------------------------------------------------------------------
# What participants follow


def meeting_live(request, pk):
    """The meeting page's live panel: the open sittings the reader may follow, of a meeting the
    reader may see (404 otherwise, like a meeting that does not exist): their public part (shared
    by the reader's audience, floor/live.py), the reader's own buttons, and the watch URL the page
    polls without its session until the reader's own part must change."""
    user = request.user
    meeting = access.get_meeting_for_view_or_404(user, pk, Meeting.objects.only("pk", "group_id"))
    audience = access.live_audience(user)
    sittings = live.open_sittings(meeting.pk, audience)
    versions = list(sittings.values_list("pk", "version"))
    etag = _etag(user, versions)
    if _not_modified(request, etag):
        return _live_response(request, etag, None, None)
    return _live_response(request, etag, "floor/includes/live.html", live_panel_context(request, meeting, versions))


def live_panel_context(request, meeting, versions, error=None):
    user, language = request.user, get_language()
    audience = access.live_audience(user)
    sittings = live.open_sittings(meeting.pk, audience)
    own = user.organisation_id
    shown, asks = [], []
    for sitting in sittings.select_related("session__group__parent", "session__meeting__group"):
        shown.append(sitting.pk)
        if access.can_ask_for_floor(user, sitting.session):
            queue = services.queue(sitting) if sitting.current_item_id else []
            asks.append({"sitting": sitting, "own_waiting": [r for r in queue if own and r.delegation_id == own]})
    current = live.state(versions)
    depends = {a["sitting"].pk: (a["sitting"].list_closed, [r.pk for r in a["own_waiting"]]) for a in asks}
    return {
        "error": error,
        "public": live.public_html(user, meeting.pk, audience, language, current, sittings),
        "watch_url": live.watch_url(user, meeting, audience, language),
        "public_etag": live.etag(meeting.pk, audience, language, current),
        "server_now": f"{time.time():.3f}",
        "asks": asks,
        "several": len(shown) > 1,
        "own": own or "",
        "personal_state": live.personal_state(shown, depends),
    }


def meeting_panel(request, pk):
    """The lazy card on the meeting page: the live panel (polled) and, for those who run or
    record sittings, links to each sitting's screen and to the draft."""
    meeting = access.get_meeting_for_view_or_404(request.user, pk)
    sessions = access.visible_sessions(request.user, meeting.sessions.select_related("group__parent", "meeting"))
    runnable = [s for s in sessions.order_by("date", "start_time") if access.can_use_chair_screen(request.user, s)]
    if not request.user.is_authenticated:
        return HttpResponse("")
    return render(
        request,
        "floor/includes/meeting_panel.html",
        {"meeting": meeting, "runnable": runnable, "can_draft": access.can_draft_from_floor(request.user, meeting)},
    )


def live_context(user, sitting):
    """Everything the chair's screen shows of one sitting: the public part and the reader's rights."""
    context = live.public_context(user, sitting)
    context.update(
        {
            "can_run": access.can_run_sitting(user, sitting.session),
            "can_record": access.can_record_sitting(user, sitting.session),
            "server_now": timezone.now().timestamp(),
        }
    )
    return context


# ---------------------------------------------------------------------------------------------
# The chair's (and the secretariat's) screen


def session_run(request, pk):
    """One screen to run a sitting: open it, move through the agenda, the list of speakers and
    the floor, and (secretariat) the session record."""
    session = access.get_session_for_view_or_404(request.user, pk)
    if not access.can_use_chair_screen(request.user, session):
        raise PermissionDenied(_("Only the chair or the secretariat runs the sitting."))
    sitting = Sitting.objects.filter(session=session).select_related(*live.SITTING_RELATED).first()
    context = {
        "session": session,
        "meeting": session.meeting,
        "sitting": sitting,
        "why_visible": access.why_visible(request.user, session.group),
        "can_record": access.can_record_sitting(request.user, session),
    }
    if sitting is not None:
        context.update(chair_context(request.user, sitting))
        context["entry_form"] = _entry_form(request.user, sitting)
    return render(request, "floor/run.html", context)


def chair_context(user, sitting):
    context = live_context(user, sitting)
    context["totals"] = services.delegation_totals(sitting) if sitting.current_item_id else []
    context["limit_form"] = LimitForm(initial={"seconds": sitting.speaking_limit})
    context["record"] = (
        access.visible_record_entries(user, sitting.entries.all())
        .select_related("delegation", "document", "item")
        .prefetch_related("owners", "corrections")
    )
    return context


def sitting_panel(request, pk):
    """The chair's screen's live part (polled like the meeting page's)."""
    sitting = access.get_sitting_or_404(request.user, pk, to="screen")
    etag = _etag(request.user, [(sitting.pk, sitting.version)])
    if _not_modified(request, etag):
        return _live_response(request, etag, None, None)
    return _live_response(request, etag, "floor/includes/chair_panel.html", chair_context(request.user, sitting))


def _after_action(request, sitting, error=None):
    """htmx: the chair's panel, fresh; otherwise back to the screen with the message."""
    sitting.refresh_from_db()
    if request.headers.get("HX-Request"):
        context = chair_context(request.user, sitting)
        context["error"] = error
        return render(request, "floor/includes/chair_panel.html", context)
    if error:
        messages.error(request, error)
    return redirect("floor:session_run", sitting.session_id)


@require_POST
def session_open(request, pk):
    session = access.get_session_for_view_or_404(request.user, pk)
    if not access.can_run_sitting(request.user, session):
        raise PermissionDenied(_("Only the chair or the secretariat runs the sitting."))
    try:
        services.open_sitting(session=session, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("floor:session_run", session.pk)


def _run_action(request, pk, act):
    sitting = access.get_sitting_or_404(request.user, pk, to="run")
    try:
        act(sitting)
    except ValidationError as exc:
        return _after_action(request, sitting, exc.messages[0])
    return _after_action(request, sitting)


@require_POST
def sitting_move(request, pk):
    form = MoveForm(request.POST)
    form.is_valid()
    data = form.cleaned_data if form.is_valid() else {}

    def act(sitting):
        item = None
        if data.get("item"):
            item = next((i for i in services.agenda_order(sitting.session.meeting) if i.pk == data["item"]), None)
            if item is None:
                raise ValidationError(_("That item is not on the meeting's agenda."))
        services.move_to_item(sitting=sitting, item=item, step=data.get("step") or 0)

    return _run_action(request, pk, act)


@require_POST
def sitting_close(request, pk):
    return _run_action(request, pk, lambda s: services.close_sitting(sitting=s))


@require_POST
def sitting_list(request, pk):
    closed = request.POST.get("closed") == "1"
    return _run_action(request, pk, lambda s: services.set_list_closed(sitting=s, closed=closed))


@require_POST
def sitting_limit(request, pk):
    form = LimitForm(request.POST)

    def act(sitting):
        if not form.is_valid():
            raise ValidationError(_("A speaking time limit is between 0 (none) and 3600 seconds."))
        services.set_speaking_limit(sitting=sitting, seconds=form.cleaned_data["seconds"])

    return _run_action(request, pk, act)


@require_POST
def sitting_give(request, pk):
    def act(sitting):
        chosen = None
        if request.POST.get("request"):
            chosen = SpeakerRequest.objects.filter(
                sitting=sitting, pk=request.POST["request"] if request.POST["request"].isdigit() else 0
            ).first()
            if chosen is None:
                raise ValidationError(_("That request is not on the current item's list."))
        services.give_floor(sitting=sitting, request=chosen)

    return _run_action(request, pk, act)


@require_POST
def sitting_yield(request, pk):
    return _run_action(request, pk, lambda s: services.end_floor(sitting=s))


# ---------------------------------------------------------------------------------------------
# Delegates: asking for the floor


def _after_ask(request, sitting, error=None):
    """htmx: the whole live panel, fresh (with the reader's own buttons); else the meeting page."""
    if request.headers.get("HX-Request"):
        meeting = sitting.session.meeting
        versions = live.open_sittings(meeting.pk, access.live_audience(request.user)).values_list("pk", "version")
        return render(request, "floor/includes/live.html", live_panel_context(request, meeting, list(versions), error))
    if error:
        messages.error(request, error)
    return redirect("meetings:meeting_detail", sitting.session.meeting_id)


@require_POST
def sitting_ask(request, pk):
    sitting = access.get_sitting_or_404(request.user, pk, to="ask")
    form = AskForm(request.POST)
    if not form.is_valid():
        return _after_ask(request, sitting, _("Choose how you ask for the floor."))
    try:
        services.request_floor(sitting=sitting, user=request.user, kind=form.cleaned_data["kind"])
    except ValidationError as exc:
        return _after_ask(request, sitting, exc.messages[0])
    return _after_ask(request, sitting)


@require_POST
def request_withdraw(request, pk):
    speaker_request = access.get_speaker_request_for_withdraw_or_404(request.user, pk)
    try:
        services.withdraw_request(request=speaker_request)
    except ValidationError as exc:
        return _after_ask(request, speaker_request.sitting, exc.messages[0])
    return _after_ask(request, speaker_request.sitting)


# ---------------------------------------------------------------------------------------------
# The session record (secretariat)


def _entry_form(user, sitting, data=None, initial=None):
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
    form = _entry_form(request.user, sitting, request.POST)
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
    form = _entry_form(request.user, sitting, request.POST)
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
            form = _entry_form(request.user, sitting, initial=_next_initial(form.cleaned_data))
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
    form = _entry_form(request.user, sitting, request.POST or None, initial=initial)
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


# ---------------------------------------------------------------------------------------------
# Draft from the floor (secretariat)


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
