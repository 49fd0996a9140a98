"""The floor in the back office: the secretariat reads the sittings, the lists of speakers, the
session record with its corrections, and what was drafted from it. Nothing is changed here: every
change goes through the floor's services (they move a sitting's version on for everyone
following, and a correction to the record leaves its trace), so the record is corrected from its
page, linked from each entry. Rows come from the access policy (Dedicated Group content
included, to the secretariat alone)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wsisportal import access
from wsisportal.backoffice import PortalAdmin, PortalTabularInline

from .models import DraftLink, RecordCorrection, RecordEntry, Sitting, SpeakerRequest


class FloorAdmin(PortalAdmin):
    """Rows: the back office's (the secretariat's) narrowed by the floor's own visible_* function."""

    visible = None

    def get_queryset(self, request):
        return type(self).visible(request.user, super().get_queryset(request))


@admin.register(Sitting)
class SittingAdmin(FloorAdmin):
    visible = staticmethod(access.visible_sittings)
    list_display = ["session", "opened_at", "closed_at", "list_closed", "current_item"]
    list_filter = ["session__group", "session__meeting"]
    list_select_related = ["session__group", "session__meeting__group", "current_item"]


@admin.register(SpeakerRequest)
class SpeakerRequestAdmin(FloorAdmin):
    visible = staticmethod(access.visible_speaker_requests)
    list_display = ["delegation", "kind", "status", "requested_at", "sitting", "item"]
    list_filter = ["kind", "status", "sitting__session__group"]
    list_select_related = ["sitting__session__group", "sitting__session__meeting__group", "item", "delegation"]
    search_fields = ["delegation__name", "delegation__short_name"]


class RecordCorrectionInline(PortalTabularInline):
    """The trace: who corrected the entry, when, and what it said before."""

    model = RecordCorrection
    fields = ["corrected_at", "corrected_by", "previous_text", "previous"]
    readonly_fields = fields

    @admin.display(description=_("previous text"))
    def previous_text(self, correction):
        return correction.previous.get("text", "")


@admin.register(RecordEntry)
class RecordEntryAdmin(FloorAdmin):
    visible = staticmethod(access.visible_record_entries)
    list_display = ["short_text", "kind", "delegation", "filed_at"]
    list_filter = ["kind", "sitting__session__group", "sitting__session__meeting"]
    list_select_related = ["sitting__session__group", "sitting__session__meeting__group", "item", "delegation"]
    search_fields = ["text", "lead", "delegation__name"]
    readonly_fields = ["correct_on_its_page"]
    inlines = [RecordCorrectionInline]

    @admin.display(description=_("text"))
    def short_text(self, entry):
        return entry.text if len(entry.text) <= 80 else entry.text[:79] + "…"

    @admin.display(description=_("correct"))
    def correct_on_its_page(self, entry):
        if not entry.filed_at:
            return _("Being typed: filed from the sitting's screen.")
        url = reverse("floor:entry_correct", args=[entry.pk])
        return format_html('<a href="{}">{}</a>', url, _("Correct it on the record's page (its trace is kept)"))


@admin.register(RecordCorrection)
class RecordCorrectionAdmin(FloorAdmin):
    visible = staticmethod(access.visible_record_corrections)
    list_display = ["entry", "corrected_by", "corrected_at"]
    list_select_related = ["entry__item", "corrected_by"]


@admin.register(DraftLink)
class DraftLinkAdmin(FloorAdmin):
    visible = staticmethod(access.visible_draft_links)
    list_display = ["drafted_from", "item", "report"]
    list_filter = ["report__group", "report__kind"]
    list_select_related = ["report", "item", "entry"]

    @admin.display(description=_("drafted from"))
    def drafted_from(self, link):
        if link.entry is None:
            return _("the item's section")
        text = link.entry.text
        return f"{link.entry.get_kind_display()}: {text if len(text) <= 60 else text[:59] + '…'}"
