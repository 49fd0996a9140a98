from django.contrib import admin

from wsisportal.backoffice import PortalAdmin, PortalTabularInline

from .models import Block, BlockComment, Report, ReportRevision


class BlockInline(PortalTabularInline):
    model = Block
    extra = 0
    fields = ["parent", "position", "kind", "numbered", "title"]
    show_change_link = True


@admin.register(Report)
class ReportAdmin(PortalAdmin):
    list_display = ["title", "meeting", "group", "kind", "status", "revision"]
    list_filter = ["kind", "status", "group"]
    list_select_related = ["meeting__group", "group"]
    inlines = [BlockInline]


@admin.register(ReportRevision)
class ReportRevisionAdmin(PortalAdmin):
    """Approved revisions are the official record: read-only here."""

    list_display = ["report", "number", "approved_by", "approved_at", "published_at", "sha256"]
    list_select_related = ["report", "approved_by"]


@admin.register(Block)
class BlockAdmin(PortalAdmin):
    list_display = ["__str__", "kind", "numbered", "action_status"]
    list_filter = ["kind", "action_status"]
    list_select_related = ["report"]


@admin.register(BlockComment)
class BlockCommentAdmin(PortalAdmin):
    list_display = ["block", "author", "created_at"]
    list_select_related = ["block__report", "author"]
