from django.contrib import admin

from wsisportal.backoffice import PortalAdmin, PortalTabularInline

from .models import (
    ActionLine,
    ActionLineRole,
    Milestone,
    Partner,
    ResourceEstimate,
    Roadmap,
    RoadmapDraft,
    RoadmapRow,
    RowComment,
    StrategicGoal,
    SubLine,
)


class SubLineInline(PortalTabularInline):
    model = SubLine
    extra = 0


class ActionLineRoleInline(PortalTabularInline):
    model = ActionLineRole
    extra = 0
    fields = ["role", "valid_from", "note"]


@admin.register(ActionLine)
class ActionLineAdmin(PortalAdmin):
    list_display = ["code", "name", "lead_facilitators"]
    inlines = [SubLineInline, ActionLineRoleInline]


@admin.register(StrategicGoal)
class StrategicGoalAdmin(PortalAdmin):
    list_display = ["number", "short_title"]


@admin.register(Partner)
class PartnerAdmin(PortalAdmin):
    list_display = ["short_name", "name"]
    search_fields = ["short_name", "name"]


@admin.register(Roadmap)
class RoadmapAdmin(PortalAdmin):
    list_display = ["title", "group", "horizon"]


@admin.register(RoadmapDraft)
class RoadmapDraftAdmin(PortalAdmin):
    list_display = ["roadmap", "number", "document_symbol", "meeting", "status", "superseded"]
    list_filter = ["status", "roadmap"]
    readonly_fields = ["based_on", "superseded", "created_at", "created_by"]


class MilestoneInline(PortalTabularInline):
    model = Milestone
    extra = 0


class ResourceEstimateInline(PortalTabularInline):
    model = ResourceEstimate
    extra = 0


@admin.register(RoadmapRow)
class RoadmapRowAdmin(PortalAdmin):
    list_display = ["__str__", "draft", "itu_role", "start", "end"]
    list_filter = ["draft", "action_line"]
    list_select_related = ["draft__roadmap", "action_line"]
    filter_horizontal = ["strategic_goals", "resolutions", "partners"]
    inlines = [MilestoneInline, ResourceEstimateInline]


@admin.register(RowComment)
class RowCommentAdmin(PortalAdmin):
    list_display = ["row", "author", "organisation", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["row__action_line", "author", "organisation"]


@admin.register(SubLine)
class SubLineAdmin(PortalAdmin):
    list_display = ["action_line", "position", "name", "lead_facilitators"]
    list_select_related = ["action_line"]


@admin.register(ActionLineRole)
class ActionLineRoleAdmin(PortalAdmin):
    list_display = ["action_line", "role", "valid_from", "note"]
    list_filter = ["role"]
    list_select_related = ["action_line"]


@admin.register(Milestone)
class MilestoneAdmin(PortalAdmin):
    list_display = ["row", "date", "label"]
    list_select_related = ["row__action_line"]


@admin.register(ResourceEstimate)
class ResourceEstimateAdmin(PortalAdmin):
    list_display = ["row", "year", "source", "staff_months", "amount"]
    list_filter = ["source", "year"]
    list_select_related = ["row__action_line"]
