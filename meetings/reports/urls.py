from django.urls import path

from . import editor_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_create, name="report_create"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/draft.pdf", views.report_draft_pdf, name="report_draft_pdf"),
    path("<int:pk>/circulate/", views.report_circulate, name="report_circulate"),
    path("<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("<int:pk>/publish/", views.report_publish, name="report_publish"),
    path("<int:pk>/revisions/<int:number>/", views.revision_detail, name="revision_detail"),
    path("<int:pk>/revisions/<int:number>/pdf/", views.revision_pdf, name="revision_pdf"),
    path("<int:pk>/revisions/<int:number>/verify/", views.revision_verify, name="revision_verify"),
    path("blocks/<int:pk>/comment/", views.block_comment, name="block_comment"),
    path("meetings/<int:pk>/action-items/", views.meeting_action_items, name="meeting_action_items"),
    path("action-items/<int:pk>/close/<int:meeting_pk>/", views.action_item_close, name="action_item_close"),
    # The editor (secretariat)
    path("<int:pk>/edit/", editor_views.report_edit, name="report_edit"),
    path("<int:pk>/edit/cover/", editor_views.report_cover, name="report_cover"),
    path("<int:pk>/edit/sections/", editor_views.section_add, name="section_add"),
    path("<int:pk>/edit/blocks/", editor_views.block_add, name="block_add"),
    path("blocks/<int:pk>/edit/", editor_views.block_edit, name="block_edit"),
    path("blocks/<int:pk>/move/<str:direction>/", editor_views.block_move, name="block_move"),
    path("blocks/<int:pk>/delete/", editor_views.block_delete, name="block_delete"),
    path("preview/", editor_views.preview, name="preview"),
]
