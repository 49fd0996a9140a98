"""iCalendar feeds: each session an event in the meeting's zone (TZID with its VTIMEZONE), a
meeting without a plan yet as an all-day event; a meeting whose dates are only proposed is
STATUS:TENTATIVE, any other CONFIRMED. Callers pass only what the requester may see.
Stored text goes through text_rules.printable(): iCalendar text may not hold control characters.

RFC 5545 requires at least one component in a VCALENDAR: a calendar with no event yet (a group
that has not met) carries the VTIMEZONE of the portal's zone, so every client accepts it.

The events are written here, line by line (RFC 5545: TEXT escaped, lines folded at 75 octets):
the icalendar library spends about 20 µs on each property through its generic value classes,
which made a group's feed of 50 meetings cost ~30 times a bare page (`make bench`). The
library still makes each zone's VTIMEZONE (its transitions from 1970 to 2038), once per process
and zone, as its documentation asks, since it depends on nothing but the zone database; and the
tests parse every feed back with it (tests/meetings/test_ical.py, tests/feed_checks.py).
"""

import datetime
import functools

from django.conf import settings
from icalendar import Timezone

from wsisportal.text_rules import printable

from .models import MeetingStatus

PRODID = "-//WSIS Portal//Meetings//EN"
LIMIT = 75  # octets per line, the line break excluded (RFC 5545, 3.1)
_TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"})


def text(value):
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newline escaped."""
    return printable(str(value)).replace("\r\n", "\n").translate(_TEXT_ESCAPES)


def moment(name, value):
    """A DATE or DATE-TIME property: in its zone (TZID) when it has a named one, else in UTC."""
    if not isinstance(value, datetime.datetime):
        return f"{name};VALUE=DATE:{value:%Y%m%d}"
    if value.tzinfo is None:
        return f"{name}:{value:%Y%m%dT%H%M%S}"  # floating (never written by the portal)
    zone = getattr(value.tzinfo, "key", None)
    if zone and zone != "UTC":
        return f"{name};TZID={zone}:{value:%Y%m%dT%H%M%S}"
    return f"{name}:{value.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}"


def fold(line):
    """The content line folded into lines of at most 75 octets, never inside a UTF-8 character
    nor just after a backslash (an escape stays whole, as clients expect)."""
    if len(line.encode()) < LIMIT:
        return line
    parts, current, size = [], [], 0
    for char in line:
        width = len(char.encode())
        if current and size + width >= LIMIT:
            carry = [current.pop()] if len(current) > 1 and current[-1] == "\\" else []
            parts.append("".join(current))
            current, size = carry, sum(len(c.encode()) for c in carry)
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


@functools.lru_cache(maxsize=32)
def vtimezone(zone):
    """The VTIMEZONE of `zone` as icalendar makes it ("" for a zone it does not know)."""
    try:
        return Timezone.from_tzid(zone).to_ical().decode()
    except ValueError:
        return ""


def _status(meeting):
    return "TENTATIVE" if meeting.status == MeetingStatus.PROPOSED else "CONFIRMED"


def _event(uid, stamp, summary, start, end, meeting, description=None):
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(summary)}",
        moment("DTSTART", start),
        moment("DTEND", end),
        moment("DTSTAMP", stamp),
        f"UID:{text(uid)}",
    ]
    if description is not None:
        lines.append(f"DESCRIPTION:{text(description)}")
    if meeting.venue:
        lines.append(f"LOCATION:{text(meeting.venue)}")
    lines += [f"STATUS:{_status(meeting)}", "END:VEVENT"]
    return lines


def _session_event(session, stamp, meeting_name):
    meeting = session.meeting
    ends_at = session.ends_at or session.starts_at + datetime.timedelta(hours=1)
    summary = f"{session.group.code}: {session.title or meeting_name}"
    description = f"{meeting_name} ({meeting.group.code})"
    return _event(f"session-{session.pk}@wsis-portal", stamp, summary, session.starts_at, ends_at, meeting, description)


def _meeting_event(meeting, stamp):
    end = meeting.end_date + datetime.timedelta(days=1)
    return _event(f"meeting-{meeting.pk}@wsis-portal", stamp, str(meeting), meeting.start_date, end, meeting)


def _lines(lines):
    return "".join(fold(line) + "\r\n" for line in lines)


def build_calendar(name, meetings_with_sessions, *, now):
    """`meetings_with_sessions`: (meeting, visible sessions) pairs. Returns the .ics bytes."""
    events, zones = [], []
    for meeting, sessions in meetings_with_sessions:
        meeting_name = str(meeting)  # once a meeting, not twice a session
        for session in sessions:
            events += _session_event(session, now, meeting_name)
            zones.append(getattr(session.starts_at.tzinfo, "key", "UTC"))
        if not sessions:
            events += _meeting_event(meeting, now)
    if not events:
        zones = [settings.TIME_ZONE]
    # As icalendar writes it (an X- property of no declared type: as given, unescaped), on one line.
    calname = " ".join(printable(str(name)).split())
    header = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", f"X-WR-CALNAME:{calname}"]
    timezones = "".join(vtimezone(zone) for zone in sorted(set(zones)) if zone != "UTC")  # a stable order
    return (_lines(header) + timezones + _lines(events) + "END:VCALENDAR\r\n").encode()
