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
# The registers listed under the results: the latest meetings' (each group's page lists them all).
# Not every visible meeting: the page would grow with the whole database (`make bench SCALE=10`).
REGISTERS_SHOWN = 10
# What the page shows of a meeting: its name (Meeting.__str__), its date and its time zone.
MEETING_COLUMNS = ("title", "number", "start_date", "time_zone", "group__code")


def search(request):
    form = SearchForm(request.GET or None)
    # The registers listed are those whose documents the user may read.
    meetings = Meeting.objects.filter(group_id__in=access.visible_group_ids(request.user))
    meetings = list(
        meetings.select_related("group").only(*MEETING_COLUMNS).order_by("-start_date", "-pk")[: REGISTERS_SHOWN + 1]
    )
    meetings, more_registers = meetings[:REGISTERS_SHOWN], len(meetings) > REGISTERS_SHOWN
    results, searched = [], form.is_valid() and bool(form.cleaned_data["q"])
    if searched:
        found = access.visible_documents(request.user).search(form.cleaned_data["q"])
        results = document_rows(request, found.order_by("-available_at", "pk")[:SEARCH_LIMIT], agenda_items=False)
        _add_meetings(results, meetings)
    listing = (
        as_django_prints()
        .get_template("contributions/search_listing.html")
        .render(
            {
                "searched": searched,
                "results": results,
                "meetings": meetings,
                "more_registers": more_registers,
                "link": links_for(request).path,
                # Plain strings, escaped as the Django template's {% translate %} escaped them.
                "labels": {
                    "untranslated": gettext("Not translated into your language: shown in its original language"),
                    "withdrawn": gettext("Withdrawn"),
                    "late": gettext("Admitted late"),
                    "on_time": gettext("On time"),
                    "registers": gettext("Document registers"),
                    "all_meetings": gettext("Groups & meetings"),
                },
            }
        )
    )
    context = {"form": form, "results": results, "listing": mark_safe(listing)}
    body = render_to_string("contributions/includes/search_body.html", context, request)
    return render(request, "contributions/search.html", {"body": body})


def _add_meetings(rows, meetings):
    """Give each row its meeting's name and time zone, from `meetings` (the registers listed), or
    read for a result whose meeting is not among them."""
    by_pk = {meeting.pk: meeting for meeting in meetings}
    missing = {row["meeting_id"] for row in rows} - by_pk.keys()
    if missing:
        by_pk.update(Meeting.objects.select_related("group").only(*MEETING_COLUMNS).in_bulk(missing))
    names = {}
    for row in rows:
        meeting = by_pk[row["meeting_id"]]
        if meeting.pk not in names:
            names[meeting.pk] = str(meeting)
        row["meeting_name"], row["zone"] = names[meeting.pk], meeting.time_zone
