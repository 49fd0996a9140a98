"""What participants follow: the meeting page's live panel (its public part shared by the
reader's audience through floor/live.py, the reader's own buttons, the watch URL) and its lazy card."""

import time

from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from meetings.models import Meeting
from wsisportal import access

from .. import live, services


def panel_etag(user, versions):
    return f'W/"floor-{live.state(versions)}-{user.pk or 0}-{get_language()}"'


def not_modified(request, etag):
    return live.held(request.headers.get("If-None-Match", ""), etag)


class Following:
    """What a reader follows of a meeting in session, read once a request: the reader's audience
    (access.live_audience), the open sittings it follows and their versions."""

    def __init__(self, user, meeting):
        self.audience = access.live_audience(user)
        self.sittings = live.open_sittings(meeting.pk, self.audience)
        self.versions = list(self.sittings.values_list("pk", "version"))


def live_response(request, etag, template, context):
    if not_modified(request, etag):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(render_to_string(template, context, request))
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True, private=True)
    return response


def meeting_live(request, pk):
    """The meeting page's live panel: the open sittings the reader may follow, of a meeting the
    reader may see (404 otherwise, like a meeting that does not exist): their public part (shared
    by the reader's audience, floor/live.py), the reader's own buttons, and the watch URL the page
    polls without its session until the reader's own part must change."""
    user = request.user
    meeting = access.get_meeting_for_view_or_404(user, pk, Meeting.objects.only("pk", "group_id"))
    following = Following(user, meeting)
    etag = panel_etag(user, following.versions)
    if not_modified(request, etag):
        return live_response(request, etag, None, None)
    return live_response(request, etag, "floor/includes/live.html", live_panel_context(request, meeting, following))


def live_panel_context(request, meeting, following, error=None):
    user, language = request.user, get_language()
    audience, sittings = following.audience, following.sittings
    own = user.organisation_id
    shown, asks = [], []
    for sitting in sittings.select_related("session__group__parent", "session__meeting__group"):
        shown.append(sitting.pk)
        if access.can_ask_for_floor(user, sitting.session):
            queue = services.queue(sitting) if sitting.current_item_id else []
            asks.append({"sitting": sitting, "own_waiting": [r for r in queue if own and r.delegation_id == own]})
    current = live.state(following.versions)
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
