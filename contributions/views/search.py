"""Search over the documents a reader may see."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

from meetings.models import Meeting
from wsisportal import access

from ..forms import (
    SearchForm,
)
from ..titles import with_shown_titles

SEARCH_LIMIT = 50


def search(request):
    form = SearchForm(request.GET or None)
    results = []
    if form.is_valid() and form.cleaned_data["q"]:
        found = (
            access.visible_documents(request.user)
            .search(form.cleaned_data["q"])
            .select_related("meeting__group", "group", "late_admission")
            .prefetch_related("files", "source_organisations", "titles")
            .order_by("-available_at", "pk")[:SEARCH_LIMIT]
        )
        results = with_shown_titles(found, translation.get_language())
    # The registers listed are those whose documents the user may read.
    meetings = Meeting.objects.filter(group_id__in=access.visible_group_ids(request.user))
    meetings = meetings.select_related("group__parent").order_by("-start_date")
    context = {"form": form, "results": results, "meetings": meetings}
    body = render_to_string("contributions/includes/search_body.html", context, request)
    return render(request, "contributions/search.html", {"body": body})
