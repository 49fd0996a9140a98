"""iCalendar feeds: each session an event in the meeting's zone (TZID with its VTIMEZONE), a
meeting without a plan yet as an all-day event; a meeting whose dates are only proposed is
STATUS:TENTATIVE, any other CONFIRMED. Callers pass only what the requester may see.
Stored text goes through text_rules.printable(): iCalendar text may not hold control characters.

RFC 5545 requires at least one component in a VCALENDAR: a calendar with no event yet (a group
that has not met) carries the VTIMEZONE of the portal's zone, so every client accepts it."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event, Timezone

from wsisportal.text_rules import printable

from .models import MeetingStatus

PRODID = "-//WSIS Portal//Meetings//EN"


def _calendar(name):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", printable(name))
    return cal


def _status(meeting):
    return "TENTATIVE" if meeting.status == MeetingStatus.PROPOSED else "CONFIRMED"


def _session_event(session, stamp):
    meeting = session.meeting
    event = Event()
    event.add("uid", f"session-{session.pk}@wsis-portal")
    event.add("dtstamp", stamp)
    event.add("summary", printable(f"{session.group.code}: {session.title or meeting}"))
    event.add("dtstart", session.starts_at)
    ends_at = session.ends_at or session.starts_at + datetime.timedelta(hours=1)
    event.add("dtend", ends_at)
    if meeting.venue:
        event.add("location", printable(meeting.venue))
    event.add("description", printable(f"{meeting} ({meeting.group.code})"))
    event.add("status", _status(meeting))
    return event


def _meeting_event(meeting, stamp):
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@wsis-portal")
    event.add("dtstamp", stamp)
    event.add("summary", printable(str(meeting)))
    event.add("dtstart", meeting.start_date)
    event.add("dtend", meeting.end_date + datetime.timedelta(days=1))
    if meeting.venue:
        event.add("location", printable(meeting.venue))
    event.add("status", _status(meeting))
    return event


def build_calendar(name, meetings_with_sessions, *, now):
    """`meetings_with_sessions`: (meeting, visible sessions) pairs. Returns the .ics bytes."""
    cal = _calendar(name)
    for meeting, sessions in meetings_with_sessions:
        if sessions:
            for session in sessions:
                cal.add_component(_session_event(session, now))
        else:
            cal.add_component(_meeting_event(meeting, now))
    cal.add_missing_timezones()
    if not cal.subcomponents:
        cal.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    return cal.to_ical()
