"""The live channel's watch URL (floor/live.py): signed, short-lived, answered before sessions; a
token as a table of cases at its boundaries; what each audience receives through it; one query
while nothing changes; one rendering per state for a whole audience; the reader's own part."""

import contextlib
import html
import io
import re
import uuid

import pytest
from django.core import signing
from django.core.signals import request_finished, request_started
from django.db import OperationalError, close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from floor import live, record, services
from floor.models import EntryKind
from meetings.models import OrganisationKind
from tests.factories import make_organisation, make_user
from wsisportal import access

from .helpers import open_sittings

MARKER = "DG-WATCH-MARKER"
WATCH = re.compile(r'data-floor-watch="([^"]+)" data-etag="([^"]+)"')
STATE = re.compile(r'data-state="([^"]*)"')


@pytest.fixture
def sittings(world):
    wg, dg = open_sittings(world)
    record.file_entry(
        sitting=dg,
        key=uuid.uuid4(),
        by=world.secretariat,
        data={"kind": EntryKind.STATEMENT, "delegation": world.member_state, "text": f"{MARKER} statement"},
    )
    return wg, dg


def _watch(client, world, user):
    """The watch URL and ETag the meeting page's panel gives `user`."""
    client.force_login(user)
    page = client.get(reverse("floor:meeting_live", args=[world.meeting.pk])).content.decode()
    url, etag = WATCH.search(page).groups()
    client.logout()
    return url, html.unescape(etag)


def _token(world, user, *, audience="policy", language="en"):
    audience = access.live_audience(user) if audience == "policy" else audience
    return live.watch_url(user, world.meeting, audience, language)


# --- The token: a table of cases at its boundaries -------------------------------------------

AGES = [(0, 200), (live.MAX_AGE - 5, 200), (live.MAX_AGE + 5, 404), (24 * 3600, 404)]


@pytest.mark.parametrize(("age", "status"), AGES)
def test_a_watch_url_lives_max_age_seconds(world, sittings, client, monkeypatch, age, status):
    url = _token(world, world.ms_delegate)
    real = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() + age)
    assert client.get(url).status_code == status


@pytest.mark.parametrize(
    "mangle",
    [
        lambda url: url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:],  # the signature altered
        lambda url: live.PREFIX + "not-a-token/",
        lambda url: live.PREFIX,
        lambda url: url.replace(live.PREFIX, live.PREFIX + "x"),
    ],
    ids=["tampered", "malformed", "empty", "shifted"],
)
def test_a_bad_token_answers_like_a_path_that_does_not_exist(world, sittings, client, mangle):
    answer = client.get(mangle(_token(world, world.ms_delegate)))
    missing = client.get(live.PREFIX + "0/")
    assert (answer.status_code, answer.content) == (missing.status_code, missing.content) == (404, b"Not found")


def test_a_token_signed_for_another_audience_is_refused_when_content_is_asked(world, sittings, client):
    """A Sector Member holding a token naming the Member States' audience (as if forged with the
    key, or kept from before their organisation changed) gets nothing: the audience is re-read."""
    forged = _token(world, world.sm_delegate, audience=access.live_audience(world.ms_delegate))
    answer = client.get(forged)
    assert answer.status_code == 404 and MARKER.encode() not in answer.content


def test_a_closed_account_gets_no_content(world, sittings, client):
    url = _token(world, world.ms_delegate)
    world.ms_delegate.is_active = False
    world.ms_delegate.save(update_fields=["is_active"])
    assert client.get(url).status_code == 404


def test_the_watch_url_only_answers_get(world, sittings, client):
    url = _token(world, world.ms_delegate)
    assert client.post(url).status_code in (403, 404)
    assert client.head(url).status_code != 200


# --- What each audience receives -------------------------------------------------------------


def test_member_states_follow_the_dedicated_group_sitting_sector_members_never(world, sittings, client):
    wg, dg = sittings
    ms_url, _ = _watch(client, world, world.ms_delegate)
    sm_url, sm_etag = _watch(client, world, world.sm_delegate)
    ms = client.get(ms_url).content.decode()
    assert MARKER in ms and "DG-IPP" in ms
    sm = client.get(sm_url)
    assert MARKER not in sm.content.decode() and "DG-IPP" not in sm.content.decode()
    # The Dedicated Group moves on, its list fills: not even a version reaches the Sector Member.
    services.move_to_item(sitting=dg, step=1)
    services.request_floor(sitting=dg, user=world.ms_delegate)
    assert client.get(sm_url, HTTP_IF_NONE_MATCH=sm_etag).status_code == 304
    services.move_to_item(sitting=wg, step=1)
    changed = client.get(sm_url, HTTP_IF_NONE_MATCH=sm_etag)
    assert changed.status_code == 200 and "Information reports" in changed.content.decode()
    assert MARKER not in changed.content.decode() and "DG-IPP" not in changed.content.decode()


def test_an_unchanged_sitting_costs_one_query_and_no_session(world, sittings, client, django_assert_num_queries):
    url, etag = _watch(client, world, world.ms_delegate)
    with django_assert_num_queries(1):
        answer = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert answer.status_code == 304 and answer.content == b"" and answer["ETag"] == etag
    assert "sessionid" not in answer.cookies and "Cookie" not in answer.get("Vary", "")


def test_a_change_is_rendered_once_for_everyone_of_the_audience(world, sittings, client):
    wg, _dg = sittings
    others = [make_user(make_organisation(OrganisationKind.MEMBER_STATE)) for _ in range(3)]
    urls = [_watch(client, world, user) for user in [world.ms_delegate, *others]]
    services.move_to_item(sitting=wg, step=1)
    with CaptureQueriesContext(connection) as first:
        body = client.get(urls[0][0], HTTP_IF_NONE_MATCH=urls[0][1]).content
    assert b"Information reports" in body
    for url, etag in urls[1:]:
        with CaptureQueriesContext(connection) as later:
            assert client.get(url, HTTP_IF_NONE_MATCH=etag).content == body
        assert len(later) == 1 < len(first)  # the versions: the part itself comes from the cache


def test_a_process_reuses_its_reading_for_a_quarter_of_a_second(
    world, sittings, client, settings, monkeypatch, django_assert_num_queries
):
    """Two hundred followers polling once a second cost the database a few reads a second; a move
    reaches them at most FLOOR_LIVE_STATE_MS later than the database has it."""
    wg, _dg = sittings
    settings.FLOOR_LIVE_STATE_MS = 250
    clock = [1000.0]
    monkeypatch.setattr(live.time, "monotonic", lambda: clock[0])
    live._readings.clear()
    url, etag = _watch(client, world, world.ms_delegate)
    with django_assert_num_queries(1):
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    services.move_to_item(sitting=wg, step=1)
    clock[0] += 0.249
    with django_assert_num_queries(0):  # the reading of 249 ms ago
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    clock[0] += 0.002
    moved = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert moved.status_code == 200 and b"Information reports" in moved.content


def test_a_change_names_no_reader_and_carries_the_server_clock(world, sittings, client):
    wg, _dg = sittings
    services.request_floor(sitting=wg, user=world.ms_delegate)
    services.give_floor(sitting=wg)
    url, _ = _watch(client, world, world.ms_delegate)
    answer = client.get(url)
    body = answer.content.decode()
    assert "Saudi Arabia" in body and 'data-testid="countdown"' in body
    assert "Ask for the floor" not in body and "csrfmiddlewaretoken" not in body and "You see it" not in body
    assert float(answer["X-Server-Now"]) > 0 and answer["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_public_part_speaks_the_readers_language(world, sittings, client, language):
    client.force_login(world.ms_delegate)
    page = client.get(reverse("floor:meeting_live", args=[world.meeting.pk]), HTTP_ACCEPT_LANGUAGE=language)
    client.logout()
    url = WATCH.search(page.content.decode()).group(1)
    english = client.get(_token(world, world.ms_delegate)).content.decode()
    translated = client.get(url).content.decode()
    assert "Under discussion" in english and "Under discussion" not in translated


# --- The reader's own part -------------------------------------------------------------------


def test_the_own_part_names_what_it_depends_on(world, sittings, client):
    """The state the reader's buttons were rendered for, written as floor.js reads it from the
    public part: each sitting, and where the reader may ask, whether the list is closed and which
    waiting requests are their delegation's."""
    wg, dg = sittings
    client.force_login(world.ms_delegate)
    url = reverse("floor:meeting_live", args=[world.meeting.pk])
    assert STATE.search(client.get(url).content.decode()).group(1) == f"{wg.pk}:0:;{dg.pk}:0:"
    mine = services.request_floor(sitting=wg, user=world.ms_delegate)
    services.set_list_closed(sitting=dg, closed=True)
    page = client.get(url).content.decode()
    assert STATE.search(page).group(1) == f"{wg.pk}:0:{mine.pk};{dg.pk}:1:"
    assert f'data-request="{mine.pk}" data-delegation="{world.ms_delegate.organisation_id}"' in page
    client.force_login(world.sm_delegate)  # asks in WG-WSIS only, follows nothing of the Dedicated Group
    assert STATE.search(client.get(url).content.decode()).group(1) == f"{wg.pk}:0:"
    client.force_login(world.secretariat)  # asks nowhere, follows both
    assert STATE.search(client.get(url).content.decode()).group(1) == f"{wg.pk};{dg.pk}"


@pytest.mark.parametrize(
    ("sitting_ids", "asks", "expected"),
    [
        ([], {}, ""),
        ([4], {}, "4"),
        ([4, 9], {9: (False, [])}, "4;9:0:"),
        ([4, 9], {4: (True, [12, 15]), 9: (False, [3])}, "4:1:12,15;9:0:3"),
    ],
)
def test_personal_state_table(sitting_ids, asks, expected):
    assert live.personal_state(sitting_ids, asks) == expected


# --- In front of Django: an unchanged poll answered by WSGI (wsisportal/wsgi.py) ----------------


class Behind:
    """The WSGI application behind `live.unchanged_first`: notes what reaches it."""

    def __init__(self):
        self.reached = []

    def __call__(self, environ, start_response):
        self.reached.append((environ["REQUEST_METHOD"], environ["PATH_INFO"]))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"behind"]


def _call(application, path, *, method="GET", if_none_match=None):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        **({"HTTP_IF_NONE_MATCH": if_none_match} if if_none_match is not None else {}),
    }
    started = []
    body = application(environ, lambda status, headers, exc_info=None: started.append((status, dict(headers))))
    content = b"".join(body)
    getattr(body, "close", lambda: None)()
    return started[0][0], started[0][1], content


def _fails(*args):
    raise OperationalError("the database went away")


FRONT_CASES = {
    # case: (path, method, If-None-Match, database fails) -> answered in front (304)?
    "unchanged": ("token", "GET", "etag", False, True),
    "unchanged, among other tags": ("token", "GET", 'W/"other", etag', False, True),
    "changed since": ("token", "GET", 'W/"live-old"', False, False),
    "no tag held": ("token", "GET", None, False, False),
    "bad token": ("bad", "GET", "etag", False, False),
    "not a GET": ("token", "POST", "etag", False, False),
    "another path": ("/meetings/", "GET", "etag", False, False),
    "database fails": ("token", "GET", "etag", True, False),
}


@pytest.mark.parametrize("case", FRONT_CASES)
def test_only_an_unchanged_watch_url_is_answered_in_front_of_django(world, sittings, client, monkeypatch, case):
    path, method, held, fails, in_front = FRONT_CASES[case]
    url, etag = _watch(client, world, world.ms_delegate)
    path = {"token": url, "bad": url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]}.get(path, path)
    held = None if held is None else held.replace("etag", etag)
    if fails:
        monkeypatch.setattr(live, "current_state", _fails)
    behind = Behind()
    status, headers, body = _call(live.unchanged_first(behind), path, method=method, if_none_match=held)
    if in_front:
        assert (status, body, behind.reached) == ("304 Not Modified", b"", [])
        assert headers["ETag"] == etag and headers["Cache-Control"] == "private, no-cache"
    else:
        assert (status, body, behind.reached) == ("200 OK", b"behind", [(method, path)])


def test_the_portals_wsgi_application_answers_the_watch_url_in_front_and_behind(world, sittings, client):
    """Through wsisportal.wsgi (as gunicorn serves it): unchanged, 304 with one query; once the
    sitting moved on, the new public part through Django's middleware; a bad token, Django's 404."""
    from wsisportal.wsgi import application

    wg, _dg = sittings
    url, etag = _watch(client, world, world.ms_delegate)
    with _test_connection_kept_open():
        with CaptureQueriesContext(connection) as unchanged:
            assert _call(application, url, if_none_match=etag)[0] == "304 Not Modified"
        assert len(unchanged) == 1
        services.move_to_item(sitting=wg, step=1)
        status, headers, body = _call(application, url, if_none_match=etag)
        assert status == "200 OK" and b"Information reports" in body and headers["ETag"] != etag
        assert _call(application, url[:-2] + "x/", if_none_match=etag)[0] == "404 Not Found"


@contextlib.contextmanager
def _test_connection_kept_open():
    """Django's handler closes the database connection at the start and end of every request
    (close_old_connections); the test's connection holds its transaction, so, as Django's test
    client does around each request, that is switched off meanwhile."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
