"""Admin for the secretariat's reference data. Documents are submitted through the portal's
forms (which allocate symbols and check deadlines); here they are read and corrected only."""

from django.contrib import admin

from .models import (
    AuditEntry,
    CallForDocuments,
    DeadlineRule,
    Document,
    DocumentFile,
    LateAdmission,
    Subscription,
    SymbolCounter,
)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["group", "kind", "mode", "amount", "source"]


@admin.register(CallForDocuments)
class CallForDocumentsAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "group", "due_at"]
    filter_horizontal = ["addressees"]


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 0
    can_delete = False
    readonly_fields = ["language", "file", "size", "sha256", "content_type", "original_filename", "uploaded_by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "meeting", "action", "actor", "document"]
    list_filter = ["meeting", "action"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Official record written by the portal's services: read here, never added or deleted."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SymbolCounter)
class SymbolCounterAdmin(ReadOnlyAdmin):
    list_display = ["series", "last_number"]


@admin.register(DocumentFile)
class DocumentFileAdmin(ReadOnlyAdmin):
    list_display = ["document", "language", "size", "content_type", "original_filename", "uploaded_at"]
    list_filter = ["language", "content_type"]


@admin.register(LateAdmission)
class LateAdmissionAdmin(ReadOnlyAdmin):
    list_display = ["document", "deadline", "granted_by", "granted_at", "on_behalf_of_chair"]


admin.site.register(Subscription)
