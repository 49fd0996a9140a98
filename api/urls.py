"""/api/v1/ (read-only JSON), /api/schema/ (OpenAPI 3.1), /api/docs/ (Swagger UI), and the token
actions of the profile page. Every API view is open to anonymous callers, who get the public
subset: the access policy, not the login wall, decides what each caller sees."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from .views import docs, documents, meetings, probes, reports, roadmap, tokens


def api(view_class):
    return login_not_required(view_class.as_view())


v1 = [
    path("", api(probes.Index), name="index"),
    path("me/", api(probes.Me), name="me"),
    path("groups/", api(meetings.GroupList), name="group-list"),
    path("groups/<slug:code>/", api(meetings.GroupDetail), name="group-detail"),
    path("meetings/", api(meetings.MeetingList), name="meeting-list"),
    path("meetings/<int:pk>/", api(meetings.MeetingDetail), name="meeting-detail"),
    path("calls-for-documents/", api(meetings.CallList), name="call-list"),
    path("calls-for-documents/<int:pk>/", api(meetings.CallDetail), name="call-detail"),
    path("documents/", api(documents.DocumentList), name="document-list"),
    path("documents/<int:pk>/", api(documents.DocumentDetail), name="document-detail"),
    path("documents/<int:pk>/files/<str:language>/", api(documents.DocumentFileDownload), name="document-file"),
    path("documents/<path:symbol>/", api(documents.DocumentBySymbol), name="document-by-symbol"),
    path("action-lines/", api(roadmap.ActionLineList), name="action-line-list"),
    path("roadmap-drafts/", api(roadmap.DraftList), name="roadmap-draft-list"),
    path("roadmap-drafts/<int:pk>/", api(roadmap.DraftDetail), name="roadmap-draft-detail"),
    path("roadmap-rows/", api(roadmap.RowList), name="roadmap-row-list"),
    path("roadmap-rows/<int:pk>/", api(roadmap.RowDetail), name="roadmap-row-detail"),
    path("reports/", api(reports.ReportList), name="report-list"),
    path("reports/<int:pk>/", api(reports.ReportDetail), name="report-detail"),
    path("reports/<int:pk>/revisions/<int:number>/pdf/", api(reports.RevisionPdf), name="report-revision-pdf"),
    path("action-items/", api(reports.ActionItemList), name="action-item-list"),
]

urlpatterns = [
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path("docs/", docs.docs, name="api-docs"),
    path("tokens/", tokens.token_create, name="api-token-create"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="api-token-revoke"),
    path("v1/", include((v1, "api"), namespace="api")),
    re_path(r"^.*$", login_not_required(probes.not_found)),
]
