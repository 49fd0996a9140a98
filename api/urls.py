"""/api/v1/ (read-only JSON), /api/schema/ (OpenAPI 3.1), /api/docs/ (Swagger UI), and the token
actions of the profile page. Every API view is open to anonymous callers, who get the public
subset: the access policy, not the login wall, decides what each caller sees."""

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from .routes import NAMESPACE, ROUTES
from .views import docs, documents, meetings, probes, reports, roadmap, tokens


def api(view_class):
    return login_not_required(view_class.as_view())


VIEWS = {
    "index": probes.Index,
    "me": probes.Me,
    "group-list": meetings.GroupList,
    "group-detail": meetings.GroupDetail,
    "meeting-list": meetings.MeetingList,
    "meeting-detail": meetings.MeetingDetail,
    "call-list": meetings.CallList,
    "call-detail": meetings.CallDetail,
    "document-list": documents.DocumentList,
    "document-detail": documents.DocumentDetail,
    "document-file": documents.DocumentFileDownload,
    "document-by-symbol": documents.DocumentBySymbol,
    "action-line-list": roadmap.ActionLineList,
    "roadmap-draft-list": roadmap.DraftList,
    "roadmap-draft-detail": roadmap.DraftDetail,
    "roadmap-row-list": roadmap.RowList,
    "roadmap-row-detail": roadmap.RowDetail,
    "report-list": reports.ReportList,
    "report-detail": reports.ReportDetail,
    "report-revision-pdf": reports.RevisionPdf,
    "action-item-list": reports.ActionItemList,
}
assert VIEWS.keys() == ROUTES.keys(), "every route of api/routes.py has its view, and only those"

# In the table's order: a route listed earlier wins (documents/<int:pk>/ before documents/<path:symbol>/).
v1 = [path(route, api(VIEWS[name]), name=name) for name, route in ROUTES.items()]

urlpatterns = [
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="api-schema"),
    path("docs/", docs.docs, name="api-docs"),
    path("tokens/", tokens.token_create, name="api-token-create"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="api-token-revoke"),
    path("v1/", include((v1, NAMESPACE), namespace=NAMESPACE)),
    re_path(r"^.*$", login_not_required(probes.not_found)),
]
