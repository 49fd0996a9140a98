from django.urls import path

from . import views

app_name = "floor"

urlpatterns = [
    path("meetings/<int:pk>/live/", views.meeting_live, name="meeting_live"),
    path("meetings/<int:pk>/panel/", views.meeting_panel, name="meeting_panel"),
    path("meetings/<int:pk>/draft/", views.meeting_draft, name="meeting_draft"),
    path("meetings/<int:pk>/draft/<slug:code>/<str:kind>/", views.meeting_draft_make, name="meeting_draft_make"),
    path("reports/<int:pk>/offers/", views.report_offers_add, name="report_offers_add"),
    path("reports/<int:pk>/corrections/", views.report_corrections, name="report_corrections"),
    path("sessions/<int:pk>/", views.session_run, name="session_run"),
    path("sessions/<int:pk>/open/", views.session_open, name="session_open"),
    path("sittings/<int:pk>/panel/", views.sitting_panel, name="sitting_panel"),
    path("sittings/<int:pk>/move/", views.sitting_move, name="sitting_move"),
    path("sittings/<int:pk>/close/", views.sitting_close, name="sitting_close"),
    path("sittings/<int:pk>/list/", views.sitting_list, name="sitting_list"),
    path("sittings/<int:pk>/limit/", views.sitting_limit, name="sitting_limit"),
    path("sittings/<int:pk>/give/", views.sitting_give, name="sitting_give"),
    path("sittings/<int:pk>/yield/", views.sitting_yield, name="sitting_yield"),
    path("sittings/<int:pk>/ask/", views.sitting_ask, name="sitting_ask"),
    path("sittings/<int:pk>/record/save/", views.entry_save, name="entry_save"),
    path("sittings/<int:pk>/record/file/", views.entry_file, name="entry_file"),
    path("requests/<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("entries/<int:pk>/correct/", views.entry_correct, name="entry_correct"),
]
