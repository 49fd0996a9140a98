"""Public and member pages of the foundation: home, group pages, profile."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from api.links import links_for
from api.views.tokens import profile_tokens
from wsisportal import access
from wsisportal.jinja import as_django_prints, as_translate_printed

from .. import services, sittings
from ..models import Appointment, FeedToken, Group, Meeting


@login_not_required
def home(request):
    groups = Group.objects.filter(parent__isnull=True).prefetch_related(
        Prefetch("subgroups", queryset=Group.objects.select_related("parent"))
    )
    meetings = access.visible_meetings(request.user, Meeting.objects.select_related("group"))
    body = (
        as_django_prints()
        .get_template("meetings/home_body.html")
        .render(
            {
                "groups": groups,
                "upcoming_meetings": meetings.upcoming()[:10],
                "recent_meetings": meetings.past()[:5],
                "link": links_for(request).path,
                "open_to": _open_to,
                "labels": as_translate_printed(
                    {
                        "working_groups": gettext("Working groups"),
                        "intro": gettext(
                            "Meetings, agendas, documents, the WSIS roadmap and the approved reports of the groups "
                            "this portal serves."
                        ),
                        "groups": gettext("Groups"),
                        "open_to": gettext("Open to"),
                        "integral_part": gettext("integral part, open to"),
                        "no_groups": gettext("No groups yet."),
                        "upcoming": gettext("Upcoming meetings"),
                        "no_upcoming": gettext("No upcoming meetings."),
                        "recent": gettext("Recent meetings"),
                        "no_meetings": gettext("No meetings yet."),
                    }
                ),
            }
        )
    )
    return render(request, "meetings/home.html", {"body": mark_safe(body)})


def _open_to(group):
    """The categories a group is open to, as `{{ group.open_to_labels|join:", " }}` printed them."""
    return ", ".join(str(label) for label in group.open_to_labels)


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
        meetings = sittings.meetings_where_group_sits(request.user, group)
        context["upcoming_meetings"] = sittings.with_sittings(request.user, group, meetings.upcoming())
        context["past_meetings"] = sittings.with_sittings(request.user, group, meetings.past())
        context["has_working_list"] = access.can_view_working_list(request.user, group) and (
            group.working_list.exists()
        )
    return render(request, "meetings/group_detail.html", context)


def profile(request, *, feed_token=None):
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
            "feed_token_row": FeedToken.objects.filter(user=user).first(),
            "private_urls": _private_urls(request, feed_token) if feed_token else None,
        },
    )


def _private_urls(request, token):
    return {
        "feed": request.build_absolute_uri(reverse("contributions:private_feed", args=[token])),
        "calendar": request.build_absolute_uri(reverse("meetings:private_ical", args=[token])),
    }


@require_POST
def feed_token_reset(request):
    """New private feed and calendar URLs; the old ones stop working. The token is shown in this
    answer only (it is stored as a digest), so the page is rendered rather than redirected to."""
    token = services.reset_feed_token(user=request.user)
    return profile(request, feed_token=token)
