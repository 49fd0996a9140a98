"""Private feed and calendar URLs: created and reset on the profile page (shown once), the
calendar valid for icalendar and limited to what the token's user may see."""

import datetime

from django.urls import reverse

from meetings import services
from meetings.models import MeetingStatus
from tests.factories import make_meeting, make_session
from tests.feed_checks import assert_valid_atom, assert_valid_ics


def _reset_on_profile(client, user):
    client.force_login(user)
    html = client.post(reverse("meetings:feed_token_reset")).content.decode()
    start = html.index('data-testid="private-calendar-url">') + len('data-testid="private-calendar-url">')
    calendar = html[start : html.index("</code>", start)]
    start = html.index('data-testid="private-feed-url">') + len('data-testid="private-feed-url">')
    return html, calendar, html[start : html.index("</code>", start)]


def test_profile_creates_shows_once_and_resets_private_urls(client, world):
    make_session(world.meeting, start=datetime.time(9, 30), title="Opening")
    html, calendar_url, feed_url = _reset_on_profile(client, world.ms_delegate)
    assert calendar_url.startswith("http://testserver/private/") and calendar_url.endswith("/calendar.ics")
    profile = client.get(reverse("meetings:profile")).content.decode()
    assert calendar_url not in profile and "You created private URLs on" in profile
    client.logout()
    cal = assert_valid_ics(client.get(calendar_url).content)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["WG-WSIS: Opening"]
    assert_valid_atom(client.get(feed_url).content)
    _html, new_calendar_url, new_feed_url = _reset_on_profile(client, world.ms_delegate)
    client.logout()
    assert client.get(calendar_url).status_code == 404 and client.get(feed_url).status_code == 404
    assert client.get(new_calendar_url).status_code == 200 and client.get(new_feed_url).status_code == 200


def test_reset_needs_post_and_a_signed_in_user(client, world):
    assert client.post(reverse("meetings:feed_token_reset")).status_code == 302  # to the login page
    client.force_login(world.ms_delegate)
    assert client.get(reverse("meetings:feed_token_reset")).status_code == 405


def test_private_calendar_shows_only_what_the_token_user_may_see(client, world):
    make_session(world.meeting, start=datetime.time(9, 30), title="Opening")
    make_session(world.meeting, group=world.dg, date=datetime.date(2009, 2, 12), start=datetime.time(9), title="DG")
    sm = services.reset_feed_token(user=world.sm_delegate)
    ms = services.reset_feed_token(user=world.ms_delegate)
    sm_cal = assert_valid_ics(client.get(reverse("meetings:private_ical", args=[sm])).content)
    ms_cal = assert_valid_ics(client.get(reverse("meetings:private_ical", args=[ms])).content)
    assert [str(e["SUMMARY"]) for e in sm_cal.walk("VEVENT")] == ["WG-WSIS: Opening"]
    assert sorted(str(e["SUMMARY"]) for e in ms_cal.walk("VEVENT")) == ["DG-IPP: DG", "WG-WSIS: Opening"]


def test_dedicated_group_calendar_lists_its_sessions_in_the_parent_meeting(client, world, client_for):
    make_session(world.meeting, group=world.dg, date=datetime.date(2009, 2, 12), start=datetime.time(9), title="DG")
    make_session(world.meeting, start=datetime.time(9, 30), title="Opening")
    body = client_for(world.ms_delegate).get(reverse("meetings:group_ical", args=["DG-IPP"])).content
    cal = assert_valid_ics(body)
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["DG-IPP: DG"]


def test_calendar_of_a_group_that_has_not_met_is_still_valid(client, world, client_for):
    body = client_for(world.ms_delegate).get(reverse("meetings:group_ical", args=["DG-IPP"])).content
    cal = assert_valid_ics(body)
    assert cal.walk("VEVENT") == [] and [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Zurich"]


def test_proposed_meeting_is_tentative_and_a_planned_one_confirmed(world, client_for):
    make_meeting(world.wg, number=15, start=datetime.date(2009, 6, 22), status=MeetingStatus.PROPOSED)
    make_session(world.meeting, start=datetime.time(9, 30), title="Opening")
    cal = assert_valid_ics(client_for(world.anonymous).get(reverse("meetings:group_ical", args=["WG-WSIS"])).content)
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in cal.walk("VEVENT")}
    assert statuses == {"WG-WSIS: Opening": "CONFIRMED", "WG-WSIS 15th meeting": "TENTATIVE"}
