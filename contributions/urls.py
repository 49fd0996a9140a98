from django.urls import path

from . import exports, feeds, views

app_name = "contributions"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("meetings/<int:meeting_pk>/", views.register, name="register"),
    path("meetings/<int:meeting_pk>/panel/", views.meeting_panel, name="meeting_panel"),
    path("meetings/<int:meeting_pk>/submit/", views.submit, name="submit"),
    path("meetings/<int:meeting_pk>/documents.csv", exports.register_csv, name="register_csv"),
    path("meetings/<int:meeting_pk>/documents.xlsx", exports.register_xlsx, name="register_xlsx"),
    path("meetings/<int:meeting_pk>/pack.zip", exports.meeting_pack, name="meeting_pack"),
    path("meetings/<int:meeting_pk>/feed.atom", feeds.meeting_feed, name="feed"),
    path("meetings/<int:meeting_pk>/audit/", views.audit, name="audit"),
    path("groups/<slug:code>/subscribe/", views.subscribe, name="subscribe"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/revise/", views.revise, name="revise"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/files/", views.add_file, name="add_file"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/<str:language>/", views.download, name="download"),
]
