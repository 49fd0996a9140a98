"""Meeting pages: a group's meetings, the meeting page, its time-management plan, participants,
the next-meeting proposal with its clashes, external events and the iCal feeds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsisportal import access, feed_tokens

from .. import ical, services, sittings
from ..clashes import find_clashes
from ..forms import (
    AdoptTimePlanForm,
    AttendanceForm,
    ConfirmDatesForm,
    ExternalEventForm,
    ProposeMeetingForm,
    SessionForm,
)
from ..models import ExternalEvent, MeetingStatus, Session
from ..times import show, viewer_zone


def visible_sessions(user, meetings):
    """The sessions of these meetings the user may see (one query), as a list; each holds the
    meeting object given and its group from the request's groups (not copies per session: a
    calendar of 50 meetings has ~200 sessions)."""
    by_pk, groups = {meeting.pk: meeting for meeting in meetings}, access.groups_by_id()
    sessions = list(
        access.visible_sessions(user, Session.objects.filter(meeting__in=list(by_pk))).order_by("date", "start_time")
    )
    for session in sessions:
        session.meeting, session.group = by_pk[session.meeting_id], groups[session.group_id]
    return sessions


def _with_shown_times(sessions, meeting, user):
    zone = viewer_zone(user)
    for session in sessions:
        session.shown_start = show(session.starts_at, meeting.zone, zone)
        session.shown_end = show(session.ends_at, meeting.zone, zone)
    return sessions


@login_not_required
def group_meetings(request, code):
    group = access.get_group_content_or_404(request.user, code)
    meetings = sittings.meetings_where_group_sits(request.user, group)
    return render(
        request,
        "meetings/group_meetings.html",
        {
            "group": group,
            "upcoming_meetings": sittings.with_sittings(request.user, group, meetings.upcoming()),
            "past_meetings": sittings.with_sittings(request.user, group, meetings.past()),
            "can_propose": access.can_propose_meeting(request.user, group),
        },
    )


@login_not_required
def meeting_detail(request, pk):
    meeting = access.get_meeting_for_view_or_404(request.user, pk)
    user = request.user
    zone = viewer_zone(user)
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "why_visible": access.why_visible(user, meeting.group),
        "opens": show(meeting.opens_at, meeting.zone, zone),
        "agenda": _latest_visible_agenda(user, meeting),
        "can_manage": access.can_manage_meeting(user, meeting),
        "can_view_participants": access.can_view_participants(user, meeting),
        "can_register": access.can_register_for_meeting(user, meeting),
        "is_registered": user.is_authenticated and meeting.participants.filter(user=user).exists(),
    }
    context["cards"] = _meeting_cards(
        request, meeting, can_manage=context["can_manage"], can_view_participants=context["can_view_participants"]
    )
    if context["can_manage"] and meeting.status == MeetingStatus.PROPOSED:
        context["clashes"] = find_clashes(
            group=meeting.group, start_date=meeting.start_date, end_date=meeting.end_date, exclude_meeting=meeting
        )
    if access.can_confirm_meeting_dates(user, meeting):
        context["confirm_form"] = ConfirmDatesForm(meeting=meeting)
    return render(request, "meetings/meeting_detail.html", context)


@require_POST
def meeting_confirm_dates(request, pk):
    meeting = access.get_meeting_for_dates_confirm_or_404(request.user, pk)
    form = ConfirmDatesForm(request.POST, meeting=meeting)
    if not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, _("The dates were not confirmed: %(errors)s") % {"errors": " ".join(errors)})
        return redirect("meetings:meeting_detail", meeting.pk)
    try:
        services.confirm_meeting_dates(meeting=meeting, **form.cleaned_data)
    except services.DatesNotProposed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The dates are confirmed: the meeting is planned."))
    return redirect("meetings:meeting_detail", meeting.pk)


def _meeting_cards(request, meeting, *, can_manage, can_view_participants):
    """The time-management plan and participation cards of the meeting page: {"plan", "participation"}."""
    user = request.user
    context = {
        "meeting": meeting,
        "can_manage": can_manage,
        "can_view_participants": can_view_participants,
        "sessions": _with_shown_times(visible_sessions(user, [meeting]), meeting, user),
        "plan_adoption": getattr(meeting, "plan_adoption", None),
        "attendance": meeting.participants.filter(attended=True).aggregate(
            delegates=Count("pk"), organisations=Count("organisation", distinct=True)
        ),
    }
    if can_view_participants:
        context["participants"] = meeting.participants.filter(attended=True).select_related("user", "organisation")
    return {
        "plan": render_to_string("meetings/includes/meeting_plan_card.html", context, request),
        "participation": render_to_string("meetings/includes/meeting_participation_card.html", context, request),
    }


def _latest_visible_agenda(user, meeting):
    agenda = access.visible_agendas(user, meeting.agendas.order_by("-version")).first()
    if agenda is not None:
        agenda.meeting = meeting
    return agenda


@login_not_required
def session_detail(request, pk):
    session = access.get_session_for_view_or_404(request.user, pk)
    meeting = session.meeting
    _with_shown_times([session], meeting, request.user)
    return render(
        request,
        "meetings/session_detail.html",
        {
            "session": session,
            "meeting": meeting,
            "why_visible": access.why_visible(request.user, session.group),
        },
    )


def meeting_plan(request, pk):
    meeting = access.get_meeting_for_manage_or_404(request.user, pk)
    form = SessionForm(request.POST or None, meeting=meeting, initial={"date": meeting.start_date})
    if request.method == "POST" and form.is_valid():
        form.instance.meeting = meeting
        form.save()
        messages.success(request, _("Session added to the time-management plan."))
        return redirect("meetings:meeting_plan", meeting.pk)
    adopt_form = AdoptTimePlanForm(initial={"adopted_on": services.today_in(meeting.zone)})
    adopt_form.helper.form_action = reverse("meetings:time_plan_adopt", args=[meeting.pk])
    return render(
        request,
        "meetings/meeting_plan.html",
        {
            "meeting": meeting,
            "form": form,
            "sessions": _with_shown_times(visible_sessions(request.user, [meeting]), meeting, request.user),
            "plan_adoption": getattr(meeting, "plan_adoption", None),
            "adopt_form": adopt_form,
            "can_adopt": access.can_adopt_time_plan(request.user, meeting),
        },
    )


@require_POST
def session_delete(request, pk):
    session = access.get_session_for_view_or_404(request.user, pk)
    meeting = access.get_meeting_for_manage_or_404(request.user, session.meeting_id)
    session.delete()
    messages.success(request, _("Session removed from the time-management plan."))
    return redirect("meetings:meeting_plan", meeting.pk)


@require_POST
def time_plan_adopt(request, pk):
    meeting = access.get_meeting_for_plan_adoption_or_404(request.user, pk)
    form = AdoptTimePlanForm(request.POST)
    if form.is_valid():
        services.adopt_time_plan(
            meeting=meeting,
            user=request.user,
            adopted_on=form.cleaned_data["adopted_on"],
            on_behalf_of_chair=access.adopts_on_behalf_of_chair(request.user, meeting.group),
        )
        messages.success(request, _("The adoption of the time-management plan is recorded."))
    else:
        messages.error(request, _("Give the date of adoption."))
    return redirect("meetings:meeting_detail", meeting.pk)


@require_POST
def meeting_register(request, pk):
    meeting = access.get_meeting_for_view_or_404(request.user, pk)
    if not access.can_register_for_meeting(request.user, meeting):
        messages.error(request, _("Only delegates of organisations that take part in the group can register."))
        return redirect("meetings:meeting_detail", meeting.pk)
    services.register_participant(meeting=meeting, user=request.user)
    messages.success(request, _("You are registered on behalf of %(org)s.") % {"org": request.user.organisation.name})
    return redirect("meetings:meeting_detail", meeting.pk)


def meeting_attendance(request, pk):
    meeting = access.get_meeting_for_manage_or_404(request.user, pk)
    participants = list(meeting.participants.select_related("user", "organisation"))
    form = AttendanceForm(request.POST or None, participants=participants)
    if request.method == "POST" and form.is_valid():
        services.record_attendance(meeting=meeting, attended_ids=[int(pk) for pk in form.cleaned_data["attended"]])
        messages.success(request, _("Attendance recorded."))
        return redirect("meetings:meeting_attendance", meeting.pk)
    return render(
        request, "meetings/meeting_attendance.html", {"meeting": meeting, "participants": participants, "form": form}
    )


def meeting_propose(request, code):
    group = access.get_group_or_404(request.user, code)
    access.require_secretariat(request.user)
    data = request.POST if request.method == "POST" else None
    initial = {"number": (group.meetings.order_by("-number").values_list("number", flat=True).first() or 0) + 1}
    initial.update({k: v for k, v in request.GET.items() if k in ProposeMeetingForm.Meta.fields})
    form = ProposeMeetingForm(data, group=group, initial=initial)
    if data is not None and form.is_valid():
        meeting = form.save()
        messages.success(request, _("The dates are proposed; clashes are listed on the meeting page."))
        return redirect("meetings:meeting_detail", meeting.pk)
    return render(
        request,
        "meetings/meeting_propose.html",
        {"group": group, "form": form, "clashes": _clashes_for(group, data or request.GET), "checked": True},
    )


def meeting_clashes(request, code):
    """The clashes panel of the proposal form, refreshed as the dates change (htmx)."""
    group = access.get_group_or_404(request.user, code)
    access.require_secretariat(request.user)
    return render(request, "meetings/includes/clashes.html", {"clashes": _clashes_for(group, request.GET)})


def _clashes_for(group, data):
    probe = ProposeMeetingForm(data={**ProposeMeetingForm(group=group).initial, **data.dict()}, group=group)
    probe.is_valid()
    start, end = probe.cleaned_data.get("start_date"), probe.cleaned_data.get("end_date")
    return find_clashes(group=group, start_date=start, end_date=end) if start and end else None


def external_events(request):
    access.require_secretariat(request.user)
    form = ExternalEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("External event recorded."))
        return redirect("meetings:external_events")
    return render(request, "meetings/external_events.html", {"events": ExternalEvent.objects.all(), "form": form})


def _ics_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_not_required
def meeting_ical(request, pk):
    meeting = access.get_meeting_for_view_or_404(request.user, pk)
    sessions = visible_sessions(request.user, [meeting])
    body = ical.build_calendar(str(meeting), [(meeting, sessions)], now=timezone.now())
    return _ics_response(body, f"{meeting.group.code}-{meeting.number}.ics")


def _group_calendar_pairs(user, group):
    """(meeting, sessions) for a group's calendar: its own meetings with every session the user
    may see, and the meetings of other groups in which it sits (the Dedicated Group inside a
    WG-WSIS meeting) with its own sessions only."""
    meetings = list(group.meetings.select_related("group__parent").order_by("start_date"))
    by_meeting = {}
    for session in visible_sessions(user, meetings):
        by_meeting.setdefault(session.meeting_id, []).append(session)
    pairs = [(m, by_meeting.get(m.pk, [])) for m in meetings]
    hosted = access.visible_sessions(user, Session.objects.filter(group=group).exclude(meeting__group=group))
    hosted_by_meeting = {}
    for session in hosted.select_related("group", "meeting__group").order_by("date", "start_time"):
        hosted_by_meeting.setdefault(session.meeting, []).append(session)
    return sorted(pairs + list(hosted_by_meeting.items()), key=lambda pair: pair[0].start_date)


@login_not_required
def private_ical(request, token):
    """Every meeting the token's user may see, each with the sessions they may see."""
    user = feed_tokens.user_for_token_or_404(token)
    meetings = list(access.visible_meetings(user).select_related("group__parent").order_by("start_date"))
    by_meeting = {}
    for session in visible_sessions(user, meetings):
        by_meeting.setdefault(session.meeting_id, []).append(session)
    pairs = [(m, by_meeting.get(m.pk, [])) for m in meetings]
    response = _ics_response(ical.build_calendar(_("WSIS Portal"), pairs, now=timezone.now()), "wsis-portal.ics")
    response["Cache-Control"] = "private, no-cache"
    return response


@login_not_required
def group_ical(request, code):
    group = access.get_group_content_or_404(request.user, code)

    body = ical.build_calendar(group.code, _group_calendar_pairs(request.user, group), now=timezone.now())
    return _ics_response(body, f"{group.code}.ics")


@login_not_required
def session_ical(request, pk):
    session = access.get_session_for_view_or_404(request.user, pk)
    body = ical.build_calendar(str(session.meeting), [(session.meeting, [session])], now=timezone.now())
    return _ics_response(body, f"session-{session.pk}.ics")
