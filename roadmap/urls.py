from django.urls import path

from .views import drafts, rows

app_name = "roadmap"

urlpatterns = [
    path("", drafts.index, name="index"),
    path("action-lines/", rows.action_lines, name="action_lines"),
    path("action-lines/<int:pk>/role/", rows.action_line_role, name="action_line_role"),
    path("drafts/<int:pk>/", drafts.draft_matrix, name="draft"),
    path("drafts/<int:pk>/lines/<str:code>/rows/", drafts.line_rows, name="line_rows"),
    path("drafts/<int:pk>/lines/<str:code>/figures/", drafts.line_figures, name="line_figures"),
    path("drafts/<int:pk>/next/", drafts.draft_next, name="draft_next"),
    path("drafts/<int:pk>/record/", drafts.draft_record, name="draft_record"),
    path("drafts/<int:pk>/compare/", drafts.draft_compare, name="draft_compare"),
    path("drafts/<int:pk>/rows/add/", drafts.row_add, name="row_add"),
    path("drafts/<int:pk>/export/<str:fmt>/", drafts.draft_export, name="draft_export"),
    path("rows/<int:pk>/", rows.row_detail, name="row"),
    path("rows/<int:pk>/cells/<str:cell>/", drafts.row_cell, name="cell"),
    path("rows/<int:pk>/remove/", drafts.row_remove, name="row_remove"),
    path("rows/<int:pk>/comments/", rows.comment_add, name="comment_add"),
    path("comments/<int:pk>/answer/", rows.comment_answer, name="comment_answer"),
]
