"""Documents and their record in the admin: read only (documents are submitted and changed through the
portal's pages, which allocate symbols, check deadlines and write the audit log); reference data kept."""

from django.contrib import admin

from inbox import notices
from wsisportal.backoffice import PortalAdmin, PortalTabularInline

from .models import (
    AuditEntry,
    CallForDocuments,
    DeadlineRule,
    Document,
    DocumentFile,
    DocumentTitle,
    LateAdmission,
    Subscription,
    SymbolCounter,
)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(PortalAdmin):
    list_display = ["group", "kind", "mode", "amount", "source"]


@admin.register(CallForDocuments)
class CallForDocumentsAdmin(PortalAdmin):
    list_display = ["title", "meeting", "group", "due_at"]
    filter_horizontal = ["addressees"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:  # a new call: its addressees are told (in the admin's transaction)
            notices.call_announced(call=form.instance)


class DocumentFileInline(PortalTabularInline):
    model = DocumentFile
    extra = 0
    can_delete = False
    readonly_fields = ["language", "file", "size", "sha256", "content_type", "original_filename", "uploaded_by"]


@admin.register(Document)
class DocumentAdmin(PortalAdmin):
    list_display = ["symbol", "title", "group", "kind", "status", "available_at"]
    list_filter = ["meeting", "group", "kind", "status"]
    search_fields = ["symbol", "title"]
    readonly_fields = [
        "symbol",
        "series",
        "number",
        "parent",
        "suffix",
        "suffix_number",
        "submitted_by",
        "available_at",
    ]
    filter_horizontal = ["source_organisations", "agenda_items"]
    inlines = [DocumentFileInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(PortalAdmin):
    list_display = ["at", "meeting", "action", "actor", "document"]
    list_filter = ["meeting", "action"]


@admin.register(SymbolCounter)
class SymbolCounterAdmin(PortalAdmin):
    list_display = ["series", "last_number"]


@admin.register(DocumentFile)
class DocumentFileAdmin(PortalAdmin):
    list_display = ["document", "language", "size", "content_type", "original_filename", "uploaded_at"]
    list_filter = ["language", "content_type"]


@admin.register(DocumentTitle)
class DocumentTitleAdmin(PortalAdmin):
    """A document's titles in other languages, set on the document's edit page."""

    list_display = ["document", "language", "title"]
    list_filter = ["language"]
    list_select_related = ["document"]


@admin.register(LateAdmission)
class LateAdmissionAdmin(PortalAdmin):
    list_display = ["document", "deadline", "granted_by", "granted_at", "on_behalf_of_chair"]


@admin.register(Subscription)
class SubscriptionAdmin(PortalAdmin):
    list_display = ["user", "group"]
