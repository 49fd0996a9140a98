"""The live channel every participant's meeting page follows, at the cost of a static file.

A participant's page asks the portal (with its session, through the policy) for the live panel
once; the panel carries a watch URL, `/floor/live/<token>/`, whose token is signed with SECRET_KEY
(django.core.signing) and names the meeting, the reader, the reader's audience and language. The
audience (`access.live_audience`) is all that decides which sittings, and which of their entries,
the reader follows: the secretariat's, or the set of groups whose content the reader may see (so a
Sector Member's token never carries a Dedicated Group sitting, not even as a version number).

The page polls the watch URL once a second. The middleware here answers it before sessions, users
or URL routing are touched, as signed files are answered: it checks the signature and its age
(MAX_AGE), reads the versions of the audience's open sittings (one query, at most once per
FLOOR_LIVE_STATE_MS in each process) and answers 304 while they are unchanged. When one moves
on, it answers the public part of the panel, the same for everyone of that audience and language:
rendered once per state (the sittings' versions) and kept in the cache under a key naming exactly
that, so two hundred followers cost one rendering. The reader's own part (the buttons to ask for
the floor or withdraw) is fetched again, with the session, only when what it depends on changed
(static/js/floor.js compares the state below).

Like a signed file's ticket, a watch URL is a bearer ticket for MAX_AGE: whoever holds it follows
that audience's public part. It is given only to a reader the policy allows, and the first of an
audience to ask for a new state renders it only if the token's reader is still active and still of
that audience. A bad or expired token, or one whose reader no longer is, answers 404 like a path
that does not exist; the page then asks for the panel again with its session.
"""

import hashlib
import time
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseNotModified
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from wsisportal import access

from . import services
from .models import Sitting

PREFIX = "/floor/live/"
SALT = "floor.live"
MAX_AGE = 300  # seconds a watch URL stays valid; the page renews it through its session
FRAGMENT_SECONDS = 30  # how long a rendered state is kept (its key names the sittings' versions)
SITTING_RELATED = ("session__group__parent", "session__meeting__group", "current_item")


def watch_url(user, meeting, audience, language):
    token = signing.dumps([meeting.pk, user.pk, audience, language], salt=SALT, compress=True)
    return f"{PREFIX}{token}/"


def open_sittings(meeting_pk, audience):
    """The open sittings of the meeting the audience follows, in the order the panel shows them."""
    sittings = Sitting.objects.filter(session__meeting_id=meeting_pk, closed_at=None)
    return access.sittings_for_audience(audience, sittings)


def state(versions):
    """What the public part shows, as far as it changes in session: each sitting's version."""
    return ".".join(f"{pk}:{version}" for pk, version in sorted(versions)) or "none"


def audience_key(audience):
    return "all" if audience is None else hashlib.sha256(repr(audience).encode()).hexdigest()[:16]


def etag(meeting_pk, audience, language, current):
    return f'W/"live-{meeting_pk}-{audience_key(audience)}-{language}-{current}"'


def public_context(user, sitting):
    """What everyone of the user's audience sees of one sitting."""
    items = services.agenda_order(sitting.session.meeting)
    ids = [i.pk for i in items]
    index = ids.index(sitting.current_item_id) if sitting.current_item_id in ids else -1
    speaking = services.speaking(sitting)
    entries = access.visible_record_entries(
        user, sitting.entries.filter(item_id=sitting.current_item_id, filed_at__isnull=False)
    )
    group = sitting.session.group
    return {
        "sitting": sitting,
        "session": sitting.session,
        "items": items,
        "current": items[index] if index >= 0 else None,
        "next_item": items[index + 1] if 0 <= index < len(items) - 1 else None,
        "speaking": speaking,
        "speaking_ends": ends(sitting, speaking),
        "queue": services.queue(sitting) if sitting.current_item_id else [],
        "entries": entries.select_related("delegation", "document").prefetch_related("owners"),
        "open_to": None if access.is_open_to_public(group) else group.open_to_labels,
    }


def ends(sitting, speaking):
    """Epoch seconds at which the speaker's time runs out (None: no limit or nobody speaking)."""
    if speaking is None or not sitting.speaking_limit:
        return None
    return speaking.started_at.timestamp() + sitting.speaking_limit


def _fragment_key(meeting_pk, audience, language, current):
    return f"floor.live:{meeting_pk}:{audience_key(audience)}:{language}:{current}"


def public_html(user, meeting_pk, audience, language, current, sittings):
    """The public part for this audience, language and state: rendered once, then from the cache.
    `user` is one reader of that audience (the policy's functions take a user)."""
    key = _fragment_key(meeting_pk, audience, language, current)
    html = cache.get(key)
    if html is None:
        with translation.override(language):
            contexts = [public_context(user, s) for s in sittings.select_related(*SITTING_RELATED)]
            html = render_to_string("floor/includes/live_public.html", {"sittings": contexts})
        cache.set(key, str(html), FRAGMENT_SECONDS)
    return mark_safe(html)  # the template's own output, escaped when it was rendered


# This process's last reading of each (meeting, audience)'s state, and when: two hundred followers
# polling once a second then cost the database a few reads a second, not two hundred. Process-local
# (not the shared cache): a reading is a fraction of a second old at most, on every server alike.
_readings = {}


def current_state(meeting_pk, audience):
    """The state of the audience's open sittings, read at most once per FLOOR_LIVE_STATE_MS here."""
    now, key = time.monotonic(), (meeting_pk, audience)
    reading = _readings.get(key)
    if reading is not None and now - reading[0] < settings.FLOOR_LIVE_STATE_MS / 1000:
        return reading[1]
    value = state(open_sittings(meeting_pk, audience).values_list("pk", "version"))
    if len(_readings) > 10_000:  # meetings in session at once are few: forget the old ones
        _readings.clear()
    _readings[key] = (now, value)
    return value


def personal_state(sitting_ids, asks):
    """What the reader's own part depends on, written as static/js/floor.js writes it from the
    public part: each sitting, and where the reader may ask for the floor, whether the list is
    closed and which waiting requests are their delegation's. `asks`: {sitting pk: (list closed,
    [own waiting request pks])}."""
    parts = []
    for pk in sitting_ids:
        if pk in asks:
            closed, own = asks[pk]
            parts.append(f"{pk}:{int(closed)}:{','.join(str(r) for r in own)}")
        else:
            parts.append(str(pk))
    return ";".join(parts)


def header_pairs(tag):
    return [
        ("ETag", tag),
        ("Cache-Control", "private, no-cache"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Server-Now", f"{time.time():.3f}"),
    ]


def _headers(response, tag):
    for name, value in header_pairs(tag):
        response[name] = value
    return response


def read_token(path):
    """(meeting pk, user pk, audience, language) of the watch URL `path` (PREFIX included), or None
    for a bad, expired or malformed token."""
    try:
        meeting_pk, user_pk, audience, language = signing.loads(
            path[len(PREFIX) :].rstrip("/"), salt=SALT, max_age=MAX_AGE
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return meeting_pk, user_pk, None if audience is None else tuple(audience), language


def held(if_none_match, tag):
    return tag in [t.strip() for t in if_none_match.split(",")]


class Poll(NamedTuple):
    """What a poll of a watch URL finds."""

    token: tuple  # (meeting pk, user pk, audience, language), as signed
    current: object  # the sittings' state the audience follows (current_state)
    tag: str  # its ETag
    unchanged: bool  # whether the reader holds that ETag already


def look(path, if_none_match):
    """The `Poll` of the watch URL `path`, or None for a bad, expired or malformed token."""
    token = read_token(path)
    if token is None:
        return None
    meeting_pk, _user_pk, audience, language = token
    current = current_state(meeting_pk, audience)
    tag = etag(meeting_pk, audience, language, current)
    return Poll(token, current, tag, held(if_none_match, tag))


def answer(request):
    """The response to a watch URL (PREFIX included)."""
    seen = look(request.path_info, request.headers.get("If-None-Match", ""))
    if seen is None:
        return HttpResponseNotFound(b"Not found", content_type="text/plain")
    (meeting_pk, user_pk, audience, language), current, tag, unchanged = seen
    if unchanged:
        return _headers(HttpResponseNotModified(), tag)
    html = cache.get(_fragment_key(meeting_pk, audience, language, current))
    if html is None:  # the first of the audience to ask renders it, if still one of that audience
        user = get_user_model().objects.filter(pk=user_pk, is_active=True).select_related("organisation").first()
        if user is None or access.live_audience(user) != audience:
            return HttpResponseNotFound(b"Not found", content_type="text/plain")
        html = public_html(user, meeting_pk, audience, language, current, open_sittings(meeting_pk, audience))
    return _headers(HttpResponse(html), tag)


def unchanged_first(application):
    """The WSGI application, with an unchanged watch URL answered 304 in front of it: no request
    object, no middleware, no URL routing (wsisportal/wsgi.py). Two hundred participants poll once
    a second, and nearly every poll is unchanged; this costs a fraction of Django's way through its
    middleware (`make bench`, live row). Anything else (a change, a bad token, another method or
    path, a database that fails) goes to `application`, whose LiveWatchMiddleware answers it."""

    def unchanged_or_application(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") == "GET" and path.startswith(PREFIX):
            try:
                seen = look(path, environ.get("HTTP_IF_NONE_MATCH", ""))
            except DatabaseError:  # Django's handler starts afresh (a new connection) and answers
                seen = None
            if seen is not None and seen.unchanged:
                start_response("304 Not Modified", header_pairs(seen.tag))
                return []
        return application(environ, start_response)

    return unchanged_or_application


class LiveWatchMiddleware:
    """Answers /floor/live/… before sessions and users are loaded (place it after WhiteNoise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PREFIX) and request.method == "GET":
            return answer(request)
        return self.get_response(request)
