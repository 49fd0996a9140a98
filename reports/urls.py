from django.urls import path

from .views import editor, reports

app_name = "reports"

urlpatterns = [
    path("", reports.report_list, name="report_list"),
    path("new/", reports.report_create, name="report_create"),
    path("<int:pk>/", reports.report_detail, name="report_detail"),
    path("<int:pk>/draft.pdf", reports.report_draft_pdf, name="report_draft_pdf"),
    path("<int:pk>/circulate/", reports.report_circulate, name="report_circulate"),
    path("<int:pk>/approve/", reports.report_approve, name="report_approve"),
    path("<int:pk>/publish/", reports.report_publish, name="report_publish"),
    path("<int:pk>/revisions/<int:number>/", reports.revision_detail, name="revision_detail"),
    path("<int:pk>/revisions/<int:number>/pdf/", reports.revision_pdf, name="revision_pdf"),
    path("<int:pk>/revisions/<int:number>/verify/", reports.revision_verify, name="revision_verify"),
    path("blocks/<int:pk>/comment/", reports.block_comment, name="block_comment"),
    path("meetings/<int:pk>/action-items/", reports.meeting_action_items, name="meeting_action_items"),
    path("action-items/<int:pk>/close/<int:meeting_pk>/", reports.action_item_close, name="action_item_close"),
    # The editor (secretariat)
    path("<int:pk>/edit/", editor.report_edit, name="report_edit"),
    path("<int:pk>/edit/cover/", editor.report_cover, name="report_cover"),
    path("<int:pk>/edit/sections/", editor.section_add, name="section_add"),
    path("<int:pk>/edit/blocks/", editor.block_add, name="block_add"),
    path("blocks/<int:pk>/edit/", editor.block_edit, name="block_edit"),
    path("blocks/<int:pk>/presence/", editor.block_presence, name="block_presence"),
    path("blocks/<int:pk>/move/<str:direction>/", editor.block_move, name="block_move"),
    path("blocks/<int:pk>/delete/", editor.block_delete, name="block_delete"),
    path("preview/", editor.preview, name="preview"),
]
