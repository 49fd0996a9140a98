"""Documents with their files, by id or by official symbol, and the files themselves."""

from django.http import HttpResponseNotModified
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response

from contributions import uploads
from wsisportal import downloads

from .. import filters, querysets, serializers
from .base import ApiView, ListView


@extend_schema(tags=["documents"], summary=_("Documents, with their files"), parameters=[filters.DocumentFilters])
class DocumentList(ListView):
    serializer_class = serializers.DocumentSerializer
    params = filters.DocumentFilters
    apply_params = staticmethod(filters.apply_document_filters)

    def get_queryset(self):
        return querysets.documents(self.request.user)

    def prepare(self, rows):
        return querysets.with_document_relations(self.request.user, rows)


@extend_schema(tags=["documents"], summary=_("A document, by id"))
class DocumentDetail(ApiView):
    serializer_class = serializers.DocumentSerializer
    not_found_message = _("No such document.")

    def get(self, request, pk):
        return self.answer(self.one(querysets.documents(request.user), pk=pk))

    def answer(self, doc):
        [doc] = querysets.with_document_relations(self.request.user, [doc])
        return Response(self.get_serializer(doc).data)


class DocumentBySymbol(DocumentDetail):
    @extend_schema(
        tags=["documents"],
        operation_id="documents_by_symbol_retrieve",
        summary=_("A document, by its official symbol (WG-WSIS-14/5, WG-WSIS-14/3(Rev.1))"),
    )
    def get(self, request, symbol):
        return self.answer(self.one(querysets.documents(request.user), symbol=symbol))


class DocumentFileDownload(ApiView):
    """The stored bytes, checked by the same policy as the document (the ETag is the file's SHA-256)."""

    not_found_message = _("No such document file.")

    @extend_schema(
        tags=["documents"],
        operation_id="documents_file_retrieve",
        summary=_("A document's file in one language"),
        responses={
            (200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description=_("The file; its SHA-256 is the ETag."))
        },
    )
    def get(self, request, pk, language):
        doc = self.one(querysets.documents(request.user), pk=pk)
        docfile = doc.files.filter(language=language).first()
        if docfile is None:
            raise self.not_found()
        etag = f'"{docfile.sha256}"'
        if request.headers.get("If-None-Match") == etag:
            return HttpResponseNotModified(headers={"ETag": etag})
        response = downloads.stored_file_response(
            docfile.file.name,
            as_attachment=True,
            filename=uploads.download_name(doc.symbol, language, docfile.content_type),
            content_type=docfile.content_type,
            etag=etag,
        )
        if not response.has_header("Location"):
            response["Last-Modified"] = http_date(docfile.uploaded_at.timestamp())
        return response
