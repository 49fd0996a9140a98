"""Search over the documents a reader may see."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from api.links import links_for
from meetings.models import Meeting
from wsisportal import access
from wsisportal.jinja import as_django_prints

from ..forms import SearchForm
from ..rows import document_rows

SEARCH_LIMIT = 50


def search(request):
    form = SearchForm(request.GET or None)
    results, searched = [], form.is_valid() and bool(form.cleaned_data["q"])
    if searched:
        found = access.visible_documents(request.user).search(form.cleaned_data["q"])
        results = _with_meetings(document_rows(request, found.order_by("-available_at", "pk")[:SEARCH_LIMIT]))
    # The registers listed are those whose documents the user may read.
    meetings = Meeting.objects.filter(group_id__in=access.visible_group_ids(request.user))
    meetings = meetings.select_related("group__parent").order_by("-start_date")
    listing = (
        as_django_prints()
        .get_template("contributions/search_listing.html")
        .render(
            {
                "searched": searched,
                "results": results,
                "meetings": meetings,
                "link": links_for(request).path,
                # Plain strings, escaped as the Django template's {% translate %} escaped them.
                "labels": {
                    "untranslated": gettext("Not translated into your language: shown in its original language"),
                    "withdrawn": gettext("Withdrawn"),
                    "late": gettext("Admitted late"),
                    "on_time": gettext("On time"),
                    "registers": gettext("Document registers"),
                },
            }
        )
    )
    context = {"form": form, "results": results, "listing": mark_safe(listing)}
    body = render_to_string("contributions/includes/search_body.html", context, request)
    return render(request, "contributions/search.html", {"body": body})


def _with_meetings(rows):
    """Each row with its meeting's name and time zone (one query for the page's meetings)."""
    meetings = Meeting.objects.select_related("group").in_bulk({row["meeting_id"] for row in rows})
    for row in rows:
        meeting = meetings[row["meeting_id"]]
        row["meeting_name"], row["zone"] = str(meeting), meeting.time_zone
    return rows
