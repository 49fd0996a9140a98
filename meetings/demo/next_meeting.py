"""Demo: the group's next meeting, in the near future of the day the demo is loaded.

The 14th meeting stays as it was (2009); beside it the demo adds the 16th meeting (the 15th is
the one whose dates were proposed in 2009), four weeks after the load day, with a time plan in
which the Dedicated Group sits on day 2, a draft agenda the secretariat can circulate and the
chair adopt, and (contributions.demo) an open call for documents whose due date runs. A delegate
who logs in can so submit on time, and the 24-hour rule of the Dedicated Group runs too.

Everything here is demo content. Loading twice on the same day changes nothing; loading on a
later day moves the meeting, its sessions and the call with the new day.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from meetings.models import Agenda, AgendaItem, AgendaStatus, Meeting, MeetingStatus, Session

NEXT_NUMBER = 16
ZONE = ZoneInfo("Europe/Zurich")
WEEKS_AHEAD = 4
CALL_DAYS_AHEAD = 14  # the call's due date: two weeks after the load day, two before the meeting
T = datetime.time

# day of the meeting (0-based), start, end, group code, title
SESSIONS = [
    (0, T(9, 30), T(12, 30), "WG-WSIS", "Opening, agenda, time-management plan, information reports"),
    (0, T(14, 30), T(17, 30), "WG-WSIS", "ITU's activities in WSIS implementation: Roadmap"),
    (1, T(9, 0), T(12, 30), "DG-IPP", "Dedicated Group on international Internet-related public policy issues"),
    (2, T(9, 30), T(12, 30), "WG-WSIS", "Report of the Dedicated Group; next meeting; other business"),
]

# title, presenter, description
AGENDA = [
    ("Opening of the meeting", "Chairman", ""),
    ("Adoption of the agenda", "Chairman", ""),
    ("Adoption of the time management plan", "Chairman", ""),
    ("Information reports", "General Secretariat", "Reports on ITU's activities since the 14th meeting."),
    ("Report of the Dedicated Group on international Internet-related public policy issues", "", ""),
    ("ITU's activities in WSIS implementation and follow-up: Roadmap", "General Secretariat", ""),
    ("Action items of earlier meetings", "", ""),
    ("Dates of next meeting", "Chairman", ""),
    ("Other business", "", ""),
]


def first_day(today):
    return today + datetime.timedelta(weeks=WEEKS_AHEAD)


def call_due_at(today):
    """The call's due date: the end of the day, Geneva time, CALL_DAYS_AHEAD days after `today`."""
    day = today + datetime.timedelta(days=CALL_DAYS_AHEAD)
    return datetime.datetime.combine(day, T(23, 59, 59), tzinfo=ZONE)


def load_next_meeting(*, wg, dg, now=None):
    today = timezone.localdate(now, timezone=ZONE)
    start = first_day(today)
    meeting, _ = Meeting.objects.update_or_create(
        group=wg,
        number=NEXT_NUMBER,
        defaults={
            "title": "16th meeting of the Council Working Group on WSIS (demo)",
            "start_date": start,
            "end_date": start + datetime.timedelta(days=2),
            "venue": "ITU Headquarters, Geneva",
            "time_zone": ZONE.key,
            "opening_time": T(9, 30),
            "status": MeetingStatus.PLANNED,
        },
    )
    _load_sessions(meeting, {"WG-WSIS": wg, "DG-IPP": dg}, start)
    _load_agenda(meeting)
    return meeting


def _load_sessions(meeting, groups, start):
    planned = {(start + datetime.timedelta(days=d), begins) for d, begins, *_ in SESSIONS}
    # A reload on a later day: the sittings of the old dates go (nothing refers to a session).
    for session in meeting.sessions.all():
        if (session.date, session.start_time) not in planned:
            session.delete()
    for day, begins, ends, code, title in SESSIONS:
        Session.objects.update_or_create(
            meeting=meeting,
            group=groups[code],
            date=start + datetime.timedelta(days=day),
            start_time=begins,
            defaults={"end_time": ends, "title": title},
        )


def _load_agenda(meeting):
    # Seeded once: what the demo's users then do to the draft (edit, circulate, adopt) stays.
    agenda, created = Agenda.objects.get_or_create(meeting=meeting, version=1, defaults={"status": AgendaStatus.DRAFT})
    if created:
        AgendaItem.objects.bulk_create(
            AgendaItem(agenda=agenda, position=position, title=title, presenter=presenter, description=description)
            for position, (title, presenter, description) in enumerate(AGENDA)
        )
