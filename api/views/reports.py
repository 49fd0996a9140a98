"""Reports: approved revisions (checksum, PDF) and, to those who may read it, the working copy;
action items."""

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response

from reports import services as report_services
from reports.integrity import check_stored_pdf
from reports.numbering import Node, number_tree
from wsisportal import access

from .. import filters, querysets, serializers
from .base import ApiView, ListView

PENDING_RETRY_SECONDS = 2


@extend_schema(tags=["reports"], summary=_("Reports and summaries"), parameters=[filters.ReportFilters])
class ReportList(ListView):
    serializer_class = serializers.ReportSerializer
    params = filters.ReportFilters
    apply_params = staticmethod(filters.apply_report_filters)

    def get_queryset(self):
        return querysets.reports(self.request.user)

    def prepare(self, rows):
        rows = rows if rows is not None else []
        self.readable = querysets.readable_draft_ids(self.request.user, [r.pk for r in rows])
        return rows

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "readable_drafts": getattr(self, "readable", set())}


def paragraph_numbers(blocks):
    nodes = {b.pk: Node(id=b.pk, kind=b.kind, numbered=b.numbered) for b in blocks}
    roots = []
    for block in blocks:
        parent = nodes.get(block.parent_id)
        (parent.children if parent else roots).append(nodes[block.pk])
    return number_tree(roots).labels


@extend_schema(tags=["reports"], summary=_("A report: approved revisions and, if you may read it, the working copy"))
class ReportDetail(ApiView):
    serializer_class = serializers.ReportDetailSerializer
    not_found_message = _("No such report.")

    def get(self, request, pk):
        report = self.one(querysets.reports(request.user), pk=pk)
        readable = querysets.readable_draft_ids(request.user, [report.pk])
        report.api_paragraphs = list(querysets.report_paragraphs(request.user, report)) if readable else []
        self.extra_context = {"readable_drafts": readable, "numbers": paragraph_numbers(report.api_paragraphs)}
        return Response(self.get_serializer(report).data)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), **getattr(self, "extra_context", {})}


class RevisionPdf(ApiView):
    """The approved PDF exactly as stored, served only while its bytes have the SHA-256 recorded
    at approval (as the page's download, reports/views/reports.py)."""

    not_found_message = _("No such revision.")

    @extend_schema(
        tags=["reports"],
        operation_id="reports_revision_pdf_retrieve",
        summary=_("The approved PDF of a revision, as stored at approval"),
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("The PDF; its SHA-256 is the ETag.")
            ),
            (202, "application/json"): OpenApiResponse(
                serializers.PdfPendingSerializer,
                description=_("Approved, and its PDF is still being rendered: ask again after Retry-After seconds."),
            ),
            (409, "application/json"): OpenApiResponse(description=_("The stored PDF is missing or altered.")),
        },
    )
    def get(self, request, pk, number):
        revision = access.get_revision_for_view_or_404(request.user, pk, number, snapshot=False)
        if not revision.pdf_ready:
            report_services.request_revision_pdf(revision)  # queued again if its task was lost
            return pending_answer()
        etag = f'"{revision.sha256}"'
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return not_modified
        stored = check_stored_pdf(revision)
        if not stored.matches:
            detail = str(_("The stored PDF is missing or altered."))
            return Response({"status": 409, "code": f"pdf_{stored.state}", "detail": detail}, status=409)
        filename = f"{revision.report.symbol or revision.report.group.code}-rev{revision.number}.pdf"
        response = HttpResponse(stored.content, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, filename.replace("/", "-"))
        response["ETag"] = etag
        response["Cache-Control"] = "private, max-age=31536000, immutable"
        return response


def pending_answer():
    detail = str(_("The approved PDF is being prepared; ask again in a few seconds."))
    answer = {"status": 202, "code": "pdf_pending", "detail": detail, "retry_after": PENDING_RETRY_SECONDS}
    response = Response(answer, status=202)
    response["Retry-After"] = str(PENDING_RETRY_SECONDS)
    response["Cache-Control"] = "private, no-store"
    return response


@extend_schema(tags=["reports"], summary=_("Action items"), parameters=[filters.ActionItemFilters])
class ActionItemList(ListView):
    serializer_class = serializers.ActionItemSerializer
    params = filters.ActionItemFilters
    apply_params = staticmethod(filters.apply_action_item_filters)

    def get_queryset(self):
        return querysets.action_items(self.request.user)
