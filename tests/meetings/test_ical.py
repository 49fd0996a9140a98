"""iCal feeds parsed back with the icalendar library, across a daylight-saving change."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.factories import make_meeting, make_session
from tests.feed_checks import assert_valid_ics

ZURICH = ZoneInfo("Europe/Zurich")


def events(body):
    cal = assert_valid_ics(body)
    return cal, sorted(cal.walk("VEVENT"), key=lambda e: str(e.decoded("dtstart"))[:16])


def test_meeting_feed_crosses_dst_change(world, client_for):
    # Central European Summer Time began on Sunday 29 March 2009 at 02:00.
    meeting = make_meeting(world.wg, number=40, start=datetime.date(2009, 3, 27), days=4)
    for day in (27, 30):
        make_session(meeting, date=datetime.date(2009, 3, day), start=datetime.time(9, 30), end=datetime.time(12, 30))
    body = client_for(world.ms_delegate).get(reverse("meetings:meeting_ical", args=[meeting.pk])).content
    cal, (before, after) = events(body)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Zurich"]
    assert before["DTSTART"].params["TZID"] == "Europe/Zurich"
    start_before, start_after = before.decoded("dtstart"), after.decoded("dtstart")
    assert (start_before.hour, start_before.minute) == (9, 30) == (start_after.hour, start_after.minute)
    assert start_before.astimezone(datetime.UTC).time() == datetime.time(8, 30)  # CET, UTC+1
    assert start_after.astimezone(datetime.UTC).time() == datetime.time(7, 30)  # CEST, UTC+2
    assert after.decoded("dtend").astimezone(ZURICH).time() == datetime.time(12, 30)


def test_group_feed_has_every_meeting(world, client_for):
    make_session(world.meeting, start=datetime.time(9, 30))
    make_meeting(world.wg, number=15, start=datetime.date(2009, 6, 22), title="Fifteenth")
    body = client_for(world.anonymous).get(reverse("meetings:group_ical", args=["WG-WSIS"])).content
    _cal, evs = events(body)
    assert [str(e["SUMMARY"]) for e in evs] == ["WG-WSIS: WG-WSIS 14th meeting", "Fifteenth"]
    assert evs[1].decoded("dtstart") == datetime.date(2009, 6, 22)  # all-day: no plan yet


@pytest.mark.parametrize("persona", ["anonymous", "sm_delegate"])
def test_restricted_group_feed_is_404(world, client_for, persona):
    assert client_for(world.personas[persona]).get(reverse("meetings:group_ical", args=["DG-IPP"])).status_code == 404


def test_group_feed_from_cache_has_the_request_stamp_and_later_changes(world, client_for):
    session = make_session(world.meeting, start=datetime.time(9, 30), title="Opening")
    client = client_for(world.ms_delegate)
    url = reverse("meetings:group_ical", args=["WG-WSIS"])
    first = client.get(url).content
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    second = client.get(url).content  # built from the cache
    stamps = {e.decoded("dtstamp") for e in assert_valid_ics(second).walk("VEVENT")}
    assert len(stamps) == 1 and stamps.pop() >= before
    assert b"19000101" not in second
    assert first.split(b"DTSTAMP")[0] == second.split(b"DTSTAMP")[0]
    session.title = "Cache-busting marker 7QX"
    session.save()
    assert b"Cache-busting marker 7QX" in client.get(url).content
