"""Deadline rules as pure functions of (rule, meeting, sessions, now). No database access here:
callers pass the rule and the sessions they fetched.

THE BOUNDARY (stated once): a document is on time if it becomes available at or before the
deadline, to the second: `now <= deadline` is on time; one second after the deadline is late.

THE MEETING'S END (stated once): a meeting ends at the end of its last day in the meeting's own
zone, that is at 00:00:00 of the following day there (13 Feb 2009 in Geneva: 14 Feb 2009 00:00 CET).
From that instant on, `now >= end`, it has ended: one second before is still during the meeting.
After the end only the secretariat adds documents, whatever the deadline rules say.

Two kinds of rule:
- "N hours before the start": N elapsed hours before the start of the first session in which
  the document's group sits (Dedicated Group, 14th meeting: first DG session 12 Feb 2009 09:00
  Geneva time, so 24 hours gives 11 Feb 2009 09:00 CET). Elapsed hours: across a daylight-saving
  change the wall-clock time of the deadline shifts by the hour gained or lost.
- "N calendar days before the opening": the same wall-clock time as that start, N calendar days
  earlier in the meeting's zone (so a daylight-saving change does not move it on the clock).
If the group has no session in the plan, the anchor is the meeting's opening (`meeting.opens_at`).
A call for documents replaces the rule with its own due date for the organisations it addresses.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import DeadlineMode


@dataclass(frozen=True)
class Deadline:
    at: datetime.datetime  # aware
    zone: ZoneInfo  # the meeting's zone, in which it is shown
    basis: str  # what it was computed from, for the message


def anchor(meeting, group, sessions):
    """Start of the first session in which `group` sits, else the meeting's opening."""
    starts = [s.starts_at for s in sessions if s.group_id == group.pk]
    return min(starts) if starts else meeting.opens_at


def rule_for(rules, group, kind):
    """The group's rule for this kind of document, else its rule for every kind, else None."""
    by_kind = {r.kind: r for r in rules if r.group_id == group.pk}
    return by_kind.get(kind) or by_kind.get("")


def deadline_from_rule(rule, start, zone):
    """The aware deadline of `rule` for a meeting whose group starts at `start`."""
    if rule.mode == DeadlineMode.HOURS_BEFORE_START:
        at = (start.astimezone(datetime.UTC) - datetime.timedelta(hours=rule.amount)).astimezone(zone)
        basis = ngettext("%d hour before the start", "%d hours before the start", rule.amount) % rule.amount
    else:
        local = start.astimezone(zone)
        day = local.date() - datetime.timedelta(days=rule.amount)
        at = datetime.datetime.combine(day, local.time(), tzinfo=zone)
        basis = ngettext("%d calendar day before the opening", "%d calendar days before the opening", rule.amount) % (
            rule.amount
        )
    return Deadline(at=at, zone=zone, basis=basis)


def deadline_for(*, rule, meeting, group, sessions, call=None):
    """The deadline that applies, or None if no rule binds this group and kind."""
    if call is not None:
        return Deadline(at=call.due_at.astimezone(meeting.zone), zone=meeting.zone, basis=_("call for documents"))
    if rule is None:
        return None
    return deadline_from_rule(rule, anchor(meeting, group, sessions), meeting.zone)


def is_on_time(deadline, now):
    """See the boundary in the module docstring: at the deadline is still on time."""
    return deadline is None or now <= deadline.at


def meeting_ends_at(meeting):
    """The aware moment the meeting ends: see the meeting's end in the module docstring."""
    day_after = meeting.end_date + datetime.timedelta(days=1)
    return datetime.datetime.combine(day_after, datetime.time(0), tzinfo=meeting.zone)


def has_ended(meeting, now):
    return now >= meeting_ends_at(meeting)


def meeting_ended_message(meeting):
    """What a delegate reads who submits after the meeting's end: when it ended, in its zone."""
    return _(
        "%(meeting)s ended at the end of its last day, %(last_day)s: %(end)s. After a meeting has ended, "
        "only the secretariat can add documents to it, so the document was not accepted and nothing was stored."
    ) % {
        "meeting": meeting,
        "last_day": f"{meeting.end_date:%d %b %Y}",
        "end": format_moment(meeting_ends_at(meeting), meeting.zone),
    }


def describe_span(delta):
    """'2 days 3 hours 4 minutes' for a positive timedelta (seconds shown under a minute)."""
    seconds = int(delta.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%d day", "%d days", days) % days)
    if hours:
        parts.append(ngettext("%d hour", "%d hours", hours) % hours)
    if minutes:
        parts.append(ngettext("%d minute", "%d minutes", minutes) % minutes)
    if not parts:
        parts.append(ngettext("%d second", "%d seconds", secs) % secs)
    return " ".join(parts)


def user_zone(user):
    return ZoneInfo(getattr(user, "time_zone", "") or settings.TIME_ZONE)


def format_moment(at, zone):
    local = at.astimezone(zone)
    return f"{local:%d %b %Y %H:%M:%S} {local.tzname()} ({zone.key})"


def refusal_message(deadline, now, user):
    """The message a late submitter reads: the deadline in the meeting's zone and in theirs, and how late."""
    return _(
        "The deadline for this document was %(meeting_time)s; in your time zone %(user_time)s (%(basis)s). "
        "It is now %(late)s past the deadline, so the document was not accepted and nothing was stored. "
        "The chair or the secretariat can admit it if the group requests it during the session."
    ) % {
        "meeting_time": format_moment(deadline.at, deadline.zone),
        "user_time": format_moment(deadline.at, user_zone(user)),
        "basis": deadline.basis,
        "late": describe_span(now - deadline.at),
    }


def time_left(deadline, now):
    """'3 days 2 hours' until the deadline, or None once it has passed."""
    if deadline is None or now > deadline.at:
        return None
    return describe_span(deadline.at - now)
