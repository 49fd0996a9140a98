"""The Action Line roadmap: Action Lines, drafts (with resource totals), rows."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from roadmap.models import ROW_RELATIONS, attach_related
from roadmap.totals import compute_totals

from .. import filters, querysets, serializers
from ..auth import ReadOnly
from .base import ApiView, ListView


@extend_schema(tags=["roadmap"], summary=_("WSIS Action Lines C1–C11 and ITU's role (signed-in callers)"))
class ActionLineList(ListView):
    serializer_class = serializers.ActionLineSerializer
    permission_classes = [ReadOnly, IsAuthenticated]  # as the Action Lines page: not public

    def get_queryset(self):
        return querysets.action_lines()


@extend_schema(tags=["roadmap"], summary=_("Roadmap drafts"), parameters=[filters.DraftFilters])
class DraftList(ListView):
    serializer_class = serializers.RoadmapDraftSerializer
    params = filters.DraftFilters
    apply_params = staticmethod(filters.apply_draft_filters)

    def get_queryset(self):
        return querysets.roadmap_drafts(self.request.user)


@extend_schema(tags=["roadmap"], summary=_("A roadmap draft, with its resource totals"))
class DraftDetail(ApiView):
    serializer_class = serializers.RoadmapDraftDetailSerializer
    not_found_message = _("No such roadmap draft.")

    def get(self, request, pk):
        draft = self.one(querysets.roadmap_drafts(request.user), pk=pk)
        rows = querysets.roadmap_rows(request.user).filter(draft=draft)
        draft.api_totals = compute_totals(rows.prefetch_related("resources"))
        return Response(self.get_serializer(draft).data)


@extend_schema(tags=["roadmap"], summary=_("Rows of roadmap drafts"), parameters=[filters.RowFilters])
class RowList(ListView):
    serializer_class = serializers.RoadmapRowSerializer
    params = filters.RowFilters
    apply_params = staticmethod(filters.apply_row_filters)

    def get_queryset(self):
        return querysets.roadmap_rows(self.request.user)

    def prepare(self, rows):
        attach_related(rows, ROW_RELATIONS)
        return rows


@extend_schema(tags=["roadmap"], summary=_("A roadmap row"))
class RowDetail(ApiView):
    serializer_class = serializers.RoadmapRowSerializer
    not_found_message = _("No such roadmap row.")

    def get(self, request, pk):
        row = self.one(querysets.roadmap_rows(request.user), pk=pk)
        attach_related([row], ROW_RELATIONS)
        return Response(self.get_serializer(row).data)
