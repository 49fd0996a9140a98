"""Where a group sits: its own meetings, and the meetings of another group in which it has
sessions (the Dedicated Group sat on 12 February 2009, day 2 of the WG-WSIS 14th meeting).
Rows come from the access policy's visible_* querysets."""

from django.db.models import Q

from wsisportal import access

from .models import Meeting, Session


def meetings_where_group_sits(user, group):
    """The group's own meetings and those of another group in which it sits (the Dedicated Group
    on day 2 of a WG-WSIS meeting), as far as the user may see them."""
    sittings = access.visible_sessions(user, Session.objects.filter(group=group)).values("meeting_id")
    meetings = Meeting.objects.filter(Q(group=group) | Q(pk__in=sittings)).select_related("group")
    return access.visible_meetings(user, meetings)


def with_sittings(user, group, meetings):
    """`meetings` as a list, each hosted by another group carrying `group_sittings`: the dates
    on which `group` sat in it."""
    meetings = list(meetings)
    hosted = [m.pk for m in meetings if m.group_id != group.pk]
    dates = {}
    if hosted:
        sessions = access.visible_sessions(user, Session.objects.filter(group=group, meeting_id__in=hosted))
        for meeting_id, date in sessions.order_by("date").values_list("meeting_id", "date"):
            dates.setdefault(meeting_id, []).append(date)
    for meeting in meetings:
        meeting.group_sittings = sorted(set(dates.get(meeting.pk, [])))
    return meetings
