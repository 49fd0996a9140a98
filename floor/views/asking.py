"""Delegates asking for the floor for their delegation, and withdrawing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsisportal import access

from .. import services
from ..forms import AskForm
from .live_panel import Following, live_panel_context


def _after_ask(request, sitting, error=None):
    """htmx: the whole live panel, fresh (with the reader's own buttons); else the meeting page."""
    if request.headers.get("HX-Request"):
        meeting = sitting.session.meeting
        context = live_panel_context(request, meeting, Following(request.user, meeting), error)
        return render(request, "floor/includes/live.html", context)
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
