"""Feeds and calendars read back by the clients people use: feedparser for Atom (RFC 4287), the
icalendar package for iCalendar (RFC 5545), plus the RFC rules those parsers forgive."""

import feedparser
from icalendar import Calendar

ATOM = "http://www.w3.org/2005/Atom"


def assert_valid_atom(body):
    """A feed every reader accepts: well formed (no bozo), and the elements RFC 4287 requires: the
    feed's id, title, updated and author (or one in every entry); each entry's id, title, updated
    and, having no content, an alternate link."""
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    for key in ("id", "title", "updated", "updated_parsed"):
        assert feed.feed.get(key), f"feed has no {key}"
    feed_author = feed.feed.get("author_detail", {}).get("name")
    for entry in feed.entries:
        for key in ("id", "title", "updated", "updated_parsed", "link"):
            assert entry.get(key), f"entry {entry.get('id')} has no {key}"
        assert feed_author or entry.get("author_detail", {}).get("name"), "no author for an entry"
        assert any(link.get("rel") == "alternate" for link in entry.links) or entry.get("content")
    return feed


def assert_valid_ics(body):
    """RFC 5545 as the strictest clients read it: CRLF lines of at most 75 octets, no property the
    parser could not read, PRODID, VERSION and at least one component (Calendar.validate), every
    event with UID, DTSTAMP, DTSTART, an end after its start and a known STATUS, every TZID defined."""
    lines = body.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines), "lines must end with CRLF"
    assert all(len(line) <= 75 for line in lines), "a line is longer than 75 octets"
    cal = Calendar.from_ical(body)
    cal.validate()
    assert cal["VERSION"] == "2.0"
    for component in cal.walk():
        assert not component.errors, (component.name, component.errors)
    tzids = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    for event in cal.walk("VEVENT"):
        for key in ("UID", "DTSTAMP", "DTSTART"):
            assert key in event, f"event without {key}"
        if "DTEND" in event:
            assert event.decoded("dtend") > event.decoded("dtstart")
        assert str(event.get("STATUS", "CONFIRMED")) in {"TENTATIVE", "CONFIRMED", "CANCELLED"}
        for key in ("DTSTART", "DTEND"):
            if key in event and "TZID" in event[key].params:
                assert event[key].params["TZID"] in tzids, f"{key} names an undefined zone"
    return cal
