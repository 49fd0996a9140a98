from django.urls import path

from . import views, views_rows

app_name = "roadmap"

urlpatterns = [
    path("", views.index, name="index"),
    path("action-lines/", views_rows.action_lines, name="action_lines"),
    path("action-lines/<int:pk>/role/", views_rows.action_line_role, name="action_line_role"),
    path("drafts/<int:pk>/", views.draft_matrix, name="draft"),
    path("drafts/<int:pk>/next/", views.draft_next, name="draft_next"),
    path("drafts/<int:pk>/record/", views.draft_record, name="draft_record"),
    path("drafts/<int:pk>/compare/", views.draft_compare, name="draft_compare"),
    path("drafts/<int:pk>/rows/add/", views.row_add, name="row_add"),
    path("drafts/<int:pk>/export/<str:fmt>/", views.draft_export, name="draft_export"),
    path("rows/<int:pk>/", views_rows.row_detail, name="row"),
    path("rows/<int:pk>/cells/<str:cell>/", views.row_cell, name="cell"),
    path("rows/<int:pk>/remove/", views.row_remove, name="row_remove"),
    path("rows/<int:pk>/comments/", views_rows.comment_add, name="comment_add"),
    path("comments/<int:pk>/answer/", views_rows.comment_answer, name="comment_answer"),
]
