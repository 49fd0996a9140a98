"""What every API view shares: read-only, the policy's rows, validated filters, cursor pages,
ETags, one error shape."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import generics, mixins
from rest_framework.response import Response

from .. import etags


class ApiView(generics.GenericAPIView):
    not_found_message = ""  # "No such document.": the same whether missing or not shown to you

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and not response.exception:
            response.render()
            return etags.conditional(request, response)
        return response

    def not_found(self):
        return Http404(self.not_found_message or _("Not found."))

    def one(self, queryset, **lookup):
        """The one row of a policy queryset, or 404 (one query decides existence and visibility)."""
        try:
            return queryset.get(**lookup)
        except (queryset.model.DoesNotExist, ValueError):
            raise self.not_found() from None


class ListView(mixins.ListModelMixin, ApiView):
    params = None  # a Serializer class of the query parameters (api/filters.py)
    apply_params = None  # staticmethod (queryset, validated parameters) -> queryset

    def param_values(self):
        if self.params is None:
            return {}
        params = self.params(data=dict(self.request.query_params.items()))  # a parameter's last value
        params.is_valid(raise_exception=True)
        return params.validated_data

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    def filter_queryset(self, queryset):
        if self.apply_params is None:
            return queryset
        return self.apply_params(queryset, self.param_values())

    def paginate_queryset(self, queryset):
        return self.prepare(super().paginate_queryset(queryset))

    def prepare(self, rows):
        """Per-page work a serializer needs (the page's rows, already fetched)."""
        return rows
