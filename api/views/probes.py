"""The API's index, who the caller is, and the JSON 404 for any other path under /api/."""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from .. import serializers
from ..models import ApiToken
from .base import ApiView

INDEX = {
    "groups": "api:group-list",
    "meetings": "api:meeting-list",
    "documents": "api:document-list",
    "calls_for_documents": "api:call-list",
    "action_lines": "api:action-line-list",
    "roadmap_drafts": "api:roadmap-draft-list",
    "roadmap_rows": "api:roadmap-row-list",
    "reports": "api:report-list",
    "action_items": "api:action-item-list",
    "me": "api:me",
    "schema": "api-schema",
    "docs": "api-docs",
}


@extend_schema(tags=["index"], summary=gettext_lazy("Links to every list of the API"), responses={200: dict[str, str]})
class Index(ApiView):
    def get(self, request):
        return Response({key: request.build_absolute_uri(reverse(name)) for key, name in INDEX.items()})


@extend_schema(tags=["index"], summary=gettext_lazy("Who you are to the API"))
class Me(ApiView):
    serializer_class = serializers.WhoAmISerializer

    def get(self, request):
        user, token = request.user, request.auth if isinstance(request.auth, ApiToken) else None
        data = {
            "authenticated": user.is_authenticated,
            "username": user.get_username() if user.is_authenticated else None,
            "organisation": getattr(user.organisation, "short_name", None) if user.is_authenticated else None,
            "token_expires_at": token.expires_at if token else None,
        }
        return Response(self.get_serializer(data).data)


def not_found(request, *args, **kwargs):
    body = {"status": 404, "code": "not_found", "detail": _("There is no such API path.")}
    return JsonResponse(body, status=404)
