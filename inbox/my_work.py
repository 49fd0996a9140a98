""" "My work": what waits for the signed-in user, every row through the access policy.

My organisation's submissions and their status; the open deadlines of the meetings to come and
the calls for documents addressed to my organisation, with a countdown; the open action items
assigned to my organisation; reports circulated for comment; and, for a current chair or
vice-chair, the reports and agendas that await their approval.
"""

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from contributions import deadlines
from contributions.models import DeadlineRule, DocumentKind
from meetings.models import AgendaStatus
from reports.models import ActionStatus, ReportStatus
from wsisportal import access

LIMIT = 50


def my_work(request):
    user, now = request.user, timezone.now()
    org_id = user.organisation_id
    officer = bool(access.current_officer_group_ids(user))
    context = {
        "submissions": _submissions(user, org_id),
        "deadlines": _deadlines(user, now),
        "calls": _calls(user, org_id, now),
        "actions": _actions(user, org_id),
        "circulated": _circulated(user),
        "reports_to_approve": _reports_to_approve(user) if officer else [],
        "agendas_to_adopt": _agendas_to_adopt(user) if officer else [],
        "is_officer": officer,
    }
    return render(request, "inbox/my_work.html", context)


def _submissions(user, org_id):
    if org_id is None:
        return []
    docs = access.visible_documents(user).filter(Q(source_organisations=org_id) | Q(submitted_by__organisation=org_id))
    return list(  # one row each, whichever way it is ours
        access.visible_documents(user)
        .filter(pk__in=docs.values("pk"))
        .select_related("meeting__group", "group", "late_admission")
        .order_by("-available_at", "-pk")[:LIMIT]
    )


def _deadlines(user, now):
    """Per meeting to come and group the user may submit to: the contributions' deadline."""
    meetings = (
        access.visible_meetings(user)
        .filter(end_date__gte=timezone.localdate(now))
        .select_related("group")
        .prefetch_related("sessions")
        .order_by("start_date")[:10]
    )
    meetings = list(meetings)
    rules = list(DeadlineRule.objects.filter(group_id__in=access.visible_group_ids(user)))
    rows = []
    for meeting in meetings:
        sessions = list(meeting.sessions.all())
        for session in sessions:
            session.meeting = meeting
        for group in access.submittable_groups(user, meeting):
            rule = deadlines.rule_for(rules, group, DocumentKind.CONTRIBUTION)
            deadline = deadlines.deadline_for(rule=rule, meeting=meeting, group=group, sessions=sessions)
            if deadline is None or deadline.at < now:
                continue
            rows.append(_deadline_row(meeting, group, deadline, now))
    return sorted(rows, key=lambda row: row["at"])


def _deadline_row(meeting, group, deadline, now):
    return {
        "meeting": meeting,
        "group": group,
        "at": deadline.at,
        "basis": deadline.basis,
        "meeting_time": deadlines.format_moment(deadline.at, deadline.zone),
        "time_left": deadlines.time_left(deadline, now),
    }


def _calls(user, org_id, now):
    calls = (
        access.visible_calls_for_documents(user)
        .filter(due_at__gte=now)
        .filter(Q(addressees=org_id) | Q(addressees__isnull=True))
        .select_related("meeting__group", "group")
        .distinct()
        .order_by("due_at")[:LIMIT]
    )
    return [
        {"call": c, "time_left": deadlines.time_left(deadlines.Deadline(c.due_at, c.meeting.zone, ""), now)}
        for c in calls
    ]


def _actions(user, org_id):
    if org_id is None:
        return []
    items = access.visible_action_items(user).filter(owners=org_id, action_status=ActionStatus.OPEN)
    return list(items.select_related("report__meeting__group").order_by("due_date", "pk")[:LIMIT])


def _circulated(user):
    reports = access.visible_report_drafts(user).filter(status=ReportStatus.CIRCULATED)
    return list(reports.select_related("meeting__group", "group").order_by("-updated_at")[:LIMIT])


def _reports_to_approve(user):
    reports = access.visible_report_drafts(user).filter(status=ReportStatus.CIRCULATED)
    reports = reports.select_related("meeting__group", "group").order_by("-updated_at")[:LIMIT]
    return [r for r in reports if access.can_approve_report(user, r)]


def _agendas_to_adopt(user):
    agendas = access.visible_agendas(user).filter(status=AgendaStatus.CIRCULATED)
    agendas = agendas.select_related("meeting__group").order_by("meeting__start_date")[:LIMIT]
    return [a for a in agendas if access.is_current_officer(user, a.meeting.group)]
