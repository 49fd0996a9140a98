"""meetings/ical.py writes the events itself (the icalendar library's per-property cost made the
feeds slow): what it writes must be exactly what the library writes for the same events. The
reference below builds the calendar with the library, as the portal did before; both are
compared byte for byte, and parsed back, over the text and times that are hard to get right."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event, Timezone

from meetings import ical
from meetings.models import MeetingStatus
from tests.feed_checks import assert_valid_ics
from wsisportal.text_rules import printable

STAMP = datetime.datetime(2026, 12, 7, 11, 59, 30, 123456, tzinfo=datetime.UTC)
ZURICH, NEW_YORK = ZoneInfo("Europe/Zurich"), ZoneInfo("America/New_York")


def reference(name, pairs, *, now):
    """The calendar as the icalendar library builds it (the portal's writer until December 2026)."""
    cal = Calendar()
    cal.add("prodid", ical.PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", printable(name))
    for meeting, sessions in pairs:
        status = "TENTATIVE" if meeting.status == MeetingStatus.PROPOSED else "CONFIRMED"
        for session in sessions:
            event = Event()
            event.add("uid", f"session-{session.pk}@wsis-portal")
            event.add("dtstamp", now)
            event.add("summary", printable(f"{session.group.code}: {session.title or meeting}"))
            event.add("dtstart", session.starts_at)
            event.add("dtend", session.ends_at or session.starts_at + datetime.timedelta(hours=1))
            if meeting.venue:
                event.add("location", printable(meeting.venue))
            event.add("description", printable(f"{meeting} ({meeting.group.code})"))
            event.add("status", status)
            cal.add_component(event)
        if not sessions:
            event = Event()
            event.add("uid", f"meeting-{meeting.pk}@wsis-portal")
            event.add("dtstamp", now)
            event.add("summary", printable(str(meeting)))
            event.add("dtstart", meeting.start_date)
            event.add("dtend", meeting.end_date + datetime.timedelta(days=1))
            if meeting.venue:
                event.add("location", printable(meeting.venue))
            event.add("status", status)
            cal.add_component(event)
    cal.add_missing_timezones()
    # The library adds the zones in the order of a set (it varies between processes); the writer
    # sorts them by TZID: compare in that order.
    zones = sorted((c for c in cal.subcomponents if c.name == "VTIMEZONE"), key=lambda c: str(c["TZID"]))
    cal.subcomponents = zones + [c for c in cal.subcomponents if c.name != "VTIMEZONE"]
    if not cal.subcomponents:
        cal.add_component(Timezone.from_tzid("Europe/Zurich"))
    return cal.to_ical()


class FakeMeeting(SimpleNamespace):
    def __str__(self):
        return self.title


def meeting(pk, title, venue="Geneva", status=MeetingStatus.PLANNED, start=datetime.date(2009, 2, 10), days=3):
    group = SimpleNamespace(code="WG-WSIS")
    end = start + datetime.timedelta(days=days - 1)
    return FakeMeeting(pk=pk, title=title, venue=venue, status=status, group=group, start_date=start, end_date=end)


def session(pk, mtg, start, hours=3, title="", ends=True):
    group = SimpleNamespace(code="DG-IPP" if pk % 2 else "WG-WSIS")
    ends_at = start + datetime.timedelta(hours=hours) if ends else None
    return SimpleNamespace(pk=pk, meeting=mtg, group=group, title=title, starts_at=start, ends_at=ends_at)


LONG = "Necessity for adapting ITU to its role in building the information society (Res. 140)"
CASES = {
    "sessions across a daylight-saving change": lambda: [
        (m := meeting(1, "WG-WSIS 14th meeting"), [
            session(2, m, datetime.datetime(2009, 3, 27, 9, 30, tzinfo=ZURICH)),
            session(4, m, datetime.datetime(2009, 3, 30, 14, 30, tzinfo=ZURICH), title=LONG),
        ]),
    ],
    "escapes: comma, semicolon, backslash, newline; long lines folded": lambda: [
        (m := meeting(7, "Meeting, with; a \\ backslash\nand a newline " + LONG, venue="Room A, B; C\\D"), [
            session(8, m, datetime.datetime(2009, 2, 10, 9, 30, tzinfo=ZURICH), title="x" * 62 + "\\" + "y" * 40),
        ]),
    ],
    "non-Latin text folded between characters": lambda: [
        (m := meeting(9, "Заседание рабочей группы Совета по ВВУИО — 14-е собрание " * 2, venue="日内瓦 总部"), [
            session(10, m, datetime.datetime(2009, 2, 10, 9, 0, tzinfo=ZURICH), title="اجتماع " * 20),
        ]),
    ],
    "all-day meetings, proposed and confirmed, without venue": lambda: [
        (meeting(11, "Fifteenth", venue="", status=MeetingStatus.PROPOSED), []),
        (meeting(12, "Sixteenth", start=datetime.date(2010, 12, 31), days=2), []),
    ],
    "two zones and UTC, a session without an end": lambda: [
        (m := meeting(13, "Hybrid"), [
            session(14, m, datetime.datetime(2009, 11, 1, 1, 30, tzinfo=NEW_YORK)),
            session(15, m, datetime.datetime(2009, 2, 10, 9, 0, tzinfo=datetime.UTC), ends=False),
            session(16, m, datetime.datetime(2009, 2, 11, 9, 0, tzinfo=ZURICH)),
        ]),
    ],
    "no event at all": lambda: [],
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_the_writer_writes_what_the_library_writes(case, settings):
    settings.TIME_ZONE = "Europe/Zurich"
    pairs = CASES[case]()
    ours = ical.build_calendar("WG-WSIS, 14th; feed", pairs, now=STAMP)
    assert ours == reference("WG-WSIS, 14th; feed", pairs, now=STAMP)
    assert all(len(line) <= 75 for line in ours.split(b"\r\n"))
    parsed = assert_valid_ics(ours)
    assert len(parsed.walk("VEVENT")) == sum(len(s) or 1 for _m, s in pairs)


@pytest.mark.parametrize(
    ("line", "folded"),
    [
        ("A" * 74, "A" * 74),  # 74 octets: one line
        ("A" * 75, "A" * 74 + "\r\n A"),  # 75: folded
        ("é" * 37 + "A", "é" * 37 + "\r\n A"),  # 74 octets then one more: folded after the accents
        ("A" * 73 + "é", "A" * 73 + "\r\n é"),  # a two-octet letter is never split
        ("A" * 73 + "\\,B", "A" * 73 + "\r\n \\,B"),  # nor an escape
    ],
)
def test_fold_at_the_boundary(line, folded):
    assert ical.fold(line) == folded
