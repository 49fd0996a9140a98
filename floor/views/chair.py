"""The chair's (and the secretariat's) screen: opening a sitting, moving through the agenda, the
list of speakers and the floor; its live part polled with the session."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsisportal import access

from .. import live, services
from ..forms import LimitForm, MoveForm
from ..models import Sitting, SpeakerRequest
from .live_panel import live_response, not_modified, panel_etag
from .session_record import entry_form


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
        context["entry_form"] = entry_form(request.user, sitting)
    return render(request, "floor/run.html", context)


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
    etag = panel_etag(request.user, [(sitting.pk, sitting.version)])
    if not_modified(request, etag):
        return live_response(request, etag, None, None)
    return live_response(request, etag, "floor/includes/chair_panel.html", chair_context(request.user, sitting))


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
