"""Public and member pages of the foundation: home, group pages, profile."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.template.loader import render_to_string

from api.views.tokens import profile_tokens
from wsisportal import access

from ..models import Appointment, Group, Meeting


@login_not_required
def home(request):
    groups = Group.objects.filter(parent__isnull=True).prefetch_related(
        Prefetch("subgroups", queryset=Group.objects.select_related("parent"))
    )
    meetings = access.visible_meetings(request.user, Meeting.objects.select_related("group"))
    context = {
        "groups": groups,
        "upcoming_meetings": meetings.upcoming()[:10],
        "recent_meetings": meetings.past()[:5],
    }
    body = render_to_string("meetings/includes/home_body.html", context, request)
    return render(request, "meetings/home.html", {"body": body})


@login_not_required
def group_detail(request, code):
    group = access.get_group_or_404(request.user, code)
    can_view_content = access.can_view_group_content(request.user, group)
    public = access.is_open_to_public(group)
    context = {
        "group": group,
        "can_view_content": can_view_content,
        "why_visible": access.why_visible(request.user, group),
        "subgroups": group.subgroups.all(),
        "show_record": can_view_content or public,
    }
    if context["show_record"]:
        context["mandate"] = group.mandate.all()
        context["officers"] = group.appointments.select_related("organisation", "made_at__group").order_by(
            "end", "role", "start"
        )
        meetings = group.meetings.select_related("group")
        context["upcoming_meetings"] = meetings.upcoming()
        context["past_meetings"] = meetings.past()
        context["has_working_list"] = access.can_view_working_list(request.user, group) and (
            group.working_list.exists()
        )
    return render(request, "meetings/group_detail.html", context)


def profile(request):
    user = request.user
    groups = Group.objects.select_related("parent__parent").order_by("parent_id", "code")
    memberships = [(g, access.why_visible(user, g)) for g in groups if access.can_take_part_in_group(user, g)]
    appointments = Appointment.objects.filter(user=user).select_related("group", "organisation")
    return render(
        request,
        "meetings/profile.html",
        {
            "memberships": memberships,
            "appointments": appointments,
            "is_secretariat": access.is_secretariat(user),
            **profile_tokens(user),
        },
    )
