from django.urls import path

from . import exports, feeds
from .views import documents, register, search

app_name = "contributions"

urlpatterns = [
    path("search/", search.search, name="search"),
    path("meetings/<int:meeting_pk>/", register.register, name="register"),
    path("meetings/<int:meeting_pk>/panel/", register.meeting_panel, name="meeting_panel"),
    path("meetings/<int:meeting_pk>/submit/", documents.submit, name="submit"),
    path("meetings/<int:meeting_pk>/documents.csv", exports.register_csv, name="register_csv"),
    path("meetings/<int:meeting_pk>/documents.xlsx", exports.register_xlsx, name="register_xlsx"),
    path("meetings/<int:meeting_pk>/pack.zip", exports.meeting_pack, name="meeting_pack"),
    path("meetings/<int:meeting_pk>/feed.atom", feeds.meeting_feed, name="feed"),
    path("private/<str:token>/documents.atom", feeds.private_documents_feed, name="private_feed"),
    path(
        "private/<str:token>/meetings/<int:meeting_pk>/documents.atom",
        feeds.private_meeting_feed,
        name="private_meeting_feed",
    ),
    path("meetings/<int:meeting_pk>/audit/", register.audit, name="audit"),
    path("groups/<slug:code>/subscribe/", register.subscribe, name="subscribe"),
    path("<int:pk>/", documents.document_detail, name="document_detail"),
    path("<int:pk>/revise/", documents.revise, name="revise"),
    path("<int:pk>/edit/", documents.edit, name="edit"),
    path("<int:pk>/files/", documents.add_file, name="add_file"),
    path("<int:pk>/withdraw/", documents.withdraw, name="withdraw"),
    path("<int:pk>/replace/", documents.replace_file, name="replace_file"),
    # A file's URL is its document's URL and the language code: the register builds it so
    # (jinja2/contributions/register_rows.html; tests/contributions/test_urls.py holds it to this).
    path("<int:pk>/<str:language>/", documents.download, name="download"),
]
