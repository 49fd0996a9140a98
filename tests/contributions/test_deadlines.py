"""Deadline rules at their boundaries: one second before, exactly at, one second after."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from contributions import deadlines
from contributions.models import DeadlineMode

UTC = datetime.UTC
ONE_SECOND = datetime.timedelta(seconds=1)


def meeting(zone, start_date, opening=datetime.time(9, 30)):
    z = ZoneInfo(zone)
    return SimpleNamespace(zone=z, opens_at=datetime.datetime.combine(start_date, opening, tzinfo=z))


def session(group_id, start):
    return SimpleNamespace(group_id=group_id, starts_at=start)


def rule(mode, amount, kind="", group_id=2):
    return SimpleNamespace(mode=mode, amount=amount, kind=kind, group_id=group_id)


H24 = rule(DeadlineMode.HOURS_BEFORE_START, 24)
D7 = rule(DeadlineMode.DAYS_BEFORE_OPENING, 7)
DG = SimpleNamespace(pk=2)

# name, meeting, the DG's first session (or None: falls back to the opening), rule, expected deadline (UTC)
CASES = [
    (
        "dedicated-group-14th-meeting",
        meeting("Europe/Zurich", datetime.date(2009, 2, 11)),
        datetime.datetime(2009, 2, 12, 9, 0, tzinfo=ZoneInfo("Europe/Zurich")),
        H24,
        datetime.datetime(2009, 2, 11, 8, 0, tzinfo=UTC),  # 09:00 CET
    ),
    (
        # DST starts 29 March 2009 02:00 in Geneva: 24 elapsed hours before 09:00 CEST is 08:00 CET.
        "hours-across-dst-start",
        meeting("Europe/Zurich", datetime.date(2009, 3, 29)),
        datetime.datetime(2009, 3, 29, 9, 0, tzinfo=ZoneInfo("Europe/Zurich")),
        H24,
        datetime.datetime(2009, 3, 28, 7, 0, tzinfo=UTC),
    ),
    (
        # Calendar days keep the wall-clock time across the change: 30 Mar 09:30 CEST -> 23 Mar 09:30 CET.
        "days-across-dst-start",
        meeting("Europe/Zurich", datetime.date(2009, 3, 30)),
        None,
        D7,
        datetime.datetime(2009, 3, 23, 8, 30, tzinfo=UTC),
    ),
    (
        # Sydney, ICANN week (AEST, UTC+10): 21 June 09:00 is 20 June 23:00 UTC; 24 hours earlier is 19 June.
        "sydney",
        meeting("Australia/Sydney", datetime.date(2009, 6, 21)),
        datetime.datetime(2009, 6, 21, 9, 0, tzinfo=ZoneInfo("Australia/Sydney")),
        H24,
        datetime.datetime(2009, 6, 19, 23, 0, tzinfo=UTC),
    ),
    (
        # Sydney's DST ends 5 April 2009 03:00 (AEDT -> AEST): 24 elapsed hours before 6 Apr 09:00 AEST
        # is 5 Apr 10:00 AEDT on the clock.
        "sydney-across-dst-end",
        meeting("Australia/Sydney", datetime.date(2009, 4, 6)),
        datetime.datetime(2009, 4, 6, 9, 0, tzinfo=ZoneInfo("Australia/Sydney")),
        H24,
        datetime.datetime(2009, 4, 4, 23, 0, tzinfo=UTC),
    ),
]


@pytest.mark.parametrize(("name", "m", "dg_start", "r", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize(
    ("offset", "on_time"), [(-ONE_SECOND, True), (datetime.timedelta(0), True), (ONE_SECOND, False)]
)
def test_deadline_boundary(name, m, dg_start, r, expected, offset, on_time):
    sessions = [session(1, datetime.datetime(2000, 1, 1, tzinfo=UTC))]  # another group's session is ignored
    if dg_start is not None:
        sessions.append(session(2, dg_start))
        sessions.append(session(2, dg_start + datetime.timedelta(days=1)))  # only the first one counts
    deadline = deadlines.deadline_for(rule=r, meeting=m, group=DG, sessions=sessions)
    assert deadline.at == expected
    assert deadlines.is_on_time(deadline, expected + offset) is on_time


def test_dedicated_group_deadline_shown_in_cet():
    m = meeting("Europe/Zurich", datetime.date(2009, 2, 11))
    start = datetime.datetime(2009, 2, 12, 9, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    deadline = deadlines.deadline_for(rule=H24, meeting=m, group=DG, sessions=[session(2, start)])
    assert deadlines.format_moment(deadline.at, deadline.zone) == "11 Feb 2009 09:00:00 CET (Europe/Zurich)"


def test_anchor_falls_back_to_opening_without_a_session():
    m = meeting("Europe/Zurich", datetime.date(2009, 2, 11))
    assert deadlines.anchor(m, DG, []) == m.opens_at


def test_call_for_documents_replaces_the_rule():
    m = meeting("Europe/Zurich", datetime.date(2009, 2, 11))
    due = datetime.datetime(2009, 5, 15, 23, 59, 59, tzinfo=ZoneInfo("Europe/Zurich"))
    deadline = deadlines.deadline_for(rule=H24, meeting=m, group=DG, sessions=[], call=SimpleNamespace(due_at=due))
    assert deadline.at == due
    assert deadlines.is_on_time(deadline, due) and not deadlines.is_on_time(deadline, due + ONE_SECOND)


@pytest.mark.parametrize(
    ("rules", "kind", "expected"),
    [
        ([rule("hours", 24, "contribution")], "contribution", 24),
        ([rule("hours", 24, "contribution")], "information", None),
        ([rule("days", 7, ""), rule("hours", 24, "contribution")], "information", 7),
        ([rule("days", 7, ""), rule("hours", 24, "contribution")], "contribution", 24),
        ([rule("days", 7, "", group_id=1)], "contribution", None),
    ],
)
def test_rule_for_prefers_the_kind_then_the_group_default(rules, kind, expected):
    found = deadlines.rule_for(rules, DG, kind)
    assert (found.amount if found else None) == expected


def test_no_rule_means_always_on_time():
    m = meeting("Europe/Zurich", datetime.date(2009, 2, 11))
    assert deadlines.deadline_for(rule=None, meeting=m, group=DG, sessions=[]) is None
    assert deadlines.is_on_time(None, datetime.datetime(2030, 1, 1, tzinfo=UTC))


def test_refusal_message_gives_both_zones_and_how_late():
    m = meeting("Europe/Zurich", datetime.date(2009, 2, 11))
    start = datetime.datetime(2009, 2, 12, 9, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    deadline = deadlines.deadline_for(rule=H24, meeting=m, group=DG, sessions=[session(2, start)])
    user = SimpleNamespace(time_zone="Australia/Sydney")
    now = deadline.at + datetime.timedelta(hours=1, minutes=15)
    text = deadlines.refusal_message(deadline, now, user)
    assert "11 Feb 2009 09:00:00 CET (Europe/Zurich)" in text
    assert "11 Feb 2009 19:00:00 AEDT (Australia/Sydney)" in text
    assert "1 hour 15 minutes" in text


def test_refusal_message_uses_settings_zone_when_user_has_none(settings):
    settings.TIME_ZONE = "America/New_York"
    m = meeting("Europe/Zurich", datetime.date(2009, 2, 11))
    deadline = deadlines.deadline_for(rule=D7, meeting=m, group=DG, sessions=[])
    text = deadlines.refusal_message(deadline, deadline.at + ONE_SECOND, SimpleNamespace(time_zone=""))
    assert "(America/New_York)" in text and "1 second" in text


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(1, "1 second"), (59, "59 seconds"), (60, "1 minute"), (3600 * 26 + 60, "1 day 2 hours 1 minute")],
)
def test_describe_span(seconds, expected):
    assert deadlines.describe_span(datetime.timedelta(seconds=seconds)) == expected
