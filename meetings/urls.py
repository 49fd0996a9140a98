from django.urls import path

from .views import agenda, home, meeting, working_list

app_name = "meetings"

urlpatterns = [
    path("", home.home, name="home"),
    path("profile/", home.profile, name="profile"),
    path("profile/private-urls/", home.feed_token_reset, name="feed_token_reset"),
    path("groups/<slug:code>/", home.group_detail, name="group_detail"),
    path("groups/<slug:code>/meetings/", meeting.group_meetings, name="group_meetings"),
    path("groups/<slug:code>/meetings/propose/", meeting.meeting_propose, name="meeting_propose"),
    path("groups/<slug:code>/meetings/clashes/", meeting.meeting_clashes, name="meeting_clashes"),
    path("groups/<slug:code>/calendar.ics", meeting.group_ical, name="group_ical"),
    path("private/<str:token>/calendar.ics", meeting.private_ical, name="private_ical"),
    path("groups/<slug:code>/working-list/", working_list.working_list, name="working_list"),
    path("groups/<slug:code>/working-list/add/", working_list.working_list_issue, name="working_list_add"),
    path(
        "groups/<slug:code>/working-list/<int:pk>/edit/",
        working_list.working_list_issue,
        name="working_list_edit",
    ),
    path("meetings/<int:pk>/", meeting.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/confirm-dates/", meeting.meeting_confirm_dates, name="meeting_confirm_dates"),
    path("meetings/<int:pk>/calendar.ics", meeting.meeting_ical, name="meeting_ical"),
    path("meetings/<int:pk>/plan/", meeting.meeting_plan, name="meeting_plan"),
    path("meetings/<int:pk>/plan/adopt/", meeting.time_plan_adopt, name="time_plan_adopt"),
    path("meetings/<int:pk>/register/", meeting.meeting_register, name="meeting_register"),
    path("meetings/<int:pk>/attendance/", meeting.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/agenda/", agenda.meeting_agenda, name="meeting_agenda"),
    path("meetings/<int:pk>/agenda/start/", agenda.agenda_start, name="agenda_start"),
    path("sessions/<int:pk>/", meeting.session_detail, name="session_detail"),
    path("sessions/<int:pk>/calendar.ics", meeting.session_ical, name="session_ical"),
    path("sessions/<int:pk>/delete/", meeting.session_delete, name="session_delete"),
    path("external-events/", meeting.external_events, name="external_events"),
    path("agendas/<int:pk>/", agenda.agenda_detail, name="agenda_detail"),
    path("agendas/<int:pk>/edit/", agenda.agenda_editor, name="agenda_editor"),
    path("agendas/<int:pk>/edit/editor/", agenda.agenda_editor_partial, name="agenda_editor_partial"),
    path("agendas/<int:pk>/items/add/", agenda.agenda_item_add, name="agenda_item_add"),
    path("agendas/<int:pk>/reorder/", agenda.agenda_reorder, name="agenda_reorder"),
    path("agendas/<int:pk>/circulate/", agenda.agenda_circulate, name="agenda_circulate"),
    path("agendas/<int:pk>/adopt/", agenda.agenda_adopt, name="agenda_adopt"),
    path("agendas/<int:pk>/amend/", agenda.agenda_amend, name="agenda_amend"),
    path("agendas/<int:pk>/changes/", agenda.agenda_changes, name="agenda_changes"),
    path("agenda-items/<int:pk>/edit/", agenda.agenda_item_edit, name="agenda_item_edit"),
    path("agenda-items/<int:pk>/delete/", agenda.agenda_item_delete, name="agenda_item_delete"),
    path("agenda-items/<int:pk>/move/", agenda.agenda_item_move, name="agenda_item_move"),
]
