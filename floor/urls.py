from django.urls import path

from .views import asking, chair, draft, live_panel, session_record

app_name = "floor"

urlpatterns = [
    path("meetings/<int:pk>/live/", live_panel.meeting_live, name="meeting_live"),
    path("meetings/<int:pk>/panel/", live_panel.meeting_panel, name="meeting_panel"),
    path("meetings/<int:pk>/draft/", draft.meeting_draft, name="meeting_draft"),
    path("meetings/<int:pk>/draft/<slug:code>/<str:kind>/", draft.meeting_draft_make, name="meeting_draft_make"),
    path("reports/<int:pk>/offers/", draft.report_offers_add, name="report_offers_add"),
    path("reports/<int:pk>/corrections/", draft.report_corrections, name="report_corrections"),
    path("sessions/<int:pk>/", chair.session_run, name="session_run"),
    path("sessions/<int:pk>/open/", chair.session_open, name="session_open"),
    path("sittings/<int:pk>/panel/", chair.sitting_panel, name="sitting_panel"),
    path("sittings/<int:pk>/move/", chair.sitting_move, name="sitting_move"),
    path("sittings/<int:pk>/close/", chair.sitting_close, name="sitting_close"),
    path("sittings/<int:pk>/list/", chair.sitting_list, name="sitting_list"),
    path("sittings/<int:pk>/limit/", chair.sitting_limit, name="sitting_limit"),
    path("sittings/<int:pk>/give/", chair.sitting_give, name="sitting_give"),
    path("sittings/<int:pk>/yield/", chair.sitting_yield, name="sitting_yield"),
    path("sittings/<int:pk>/ask/", asking.sitting_ask, name="sitting_ask"),
    path("sittings/<int:pk>/record/save/", session_record.entry_save, name="entry_save"),
    path("sittings/<int:pk>/record/file/", session_record.entry_file, name="entry_file"),
    path("requests/<int:pk>/withdraw/", asking.request_withdraw, name="request_withdraw"),
    path("entries/<int:pk>/correct/", session_record.entry_correct, name="entry_correct"),
]
