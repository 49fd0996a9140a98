"""Clashes of proposed meeting dates with other meetings of the group and external events.
Clashes are shown to the secretariat, never blocking."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import ExternalEvent, Meeting


@dataclass
class Clash:
    kind: str
    name: str
    place: str
    start_date: object
    end_date: object


def find_clashes(*, group, start_date, end_date, exclude_meeting=None):
    """Meetings of the same group and external events whose dates overlap [start, end]."""
    if not start_date or not end_date:
        return []
    meetings = Meeting.objects.filter(group=group, start_date__lte=end_date, end_date__gte=start_date)
    if exclude_meeting is not None:
        meetings = meetings.exclude(pk=exclude_meeting.pk)
    clashes = [
        Clash(str(_("Meeting of the group")), str(m), m.venue, m.start_date, m.end_date)
        for m in meetings.select_related("group").order_by("start_date")
    ]
    events = ExternalEvent.objects.filter(start_date__lte=end_date, end_date__gte=start_date)
    clashes += [Clash(str(_("External event")), e.name, e.place, e.start_date, e.end_date) for e in events]
    return sorted(clashes, key=lambda c: c.start_date)
