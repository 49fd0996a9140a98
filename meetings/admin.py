from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from wsisportal.backoffice import PolicyPermissions, PortalAdmin, PortalAdminForm, PortalTabularInline

from .models import (
    MEMBERSHIP_CATEGORIES,
    Agenda,
    AgendaItem,
    Appointment,
    ExternalEvent,
    FeedToken,
    Group,
    Meeting,
    Organisation,
    OrganisationKind,
    Participant,
    Resolution,
    Session,
    TimePlanAdoption,
    User,
    WorkingListIssue,
)


@admin.register(Organisation)
class OrganisationAdmin(PortalAdmin):
    list_display = ["name", "short_name", "kind", "country_code", "regional_group"]
    list_filter = ["kind", "regional_group"]
    search_fields = ["name", "short_name"]


@admin.register(User)
class PortalUserAdmin(PolicyPermissions, UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "is_staff"]
    list_filter = ["organisation__kind", "is_staff", "is_superuser"]
    list_select_related = ["organisation"]
    fieldsets = UserAdmin.fieldsets + (("Represents", {"fields": ["organisation", "time_zone"]}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("Represents", {"fields": ["organisation"]}),)


@admin.register(Resolution)
class ResolutionAdmin(PortalAdmin):
    list_display = ["ref", "title", "year"]
    search_fields = ["ref", "title"]


class GroupForm(PortalAdminForm):
    open_to = forms.MultipleChoiceField(
        choices=[(k.value, label) for k, label in MEMBERSHIP_CATEGORIES.items()], widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Group
        fields = ["code", "name", "parent", "open_to", "mandate", "terms_of_reference", "symbol_prefix"]

    def clean_open_to(self):
        return [OrganisationKind(v).value for v in self.cleaned_data["open_to"]]


@admin.register(Group)
class GroupAdmin(PortalAdmin):
    form = GroupForm
    list_display = ["code", "name", "parent"]
    filter_horizontal = ["mandate"]


@admin.register(Appointment)
class AppointmentAdmin(PortalAdmin):
    list_display = ["group", "role", "person_name", "organisation", "start", "end", "end_reason"]
    list_filter = ["group", "role"]
    list_select_related = ["group", "organisation"]


class SessionInline(PortalTabularInline):
    model = Session
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(PortalAdmin):
    list_display = ["__str__", "group", "number", "start_date", "end_date", "status"]
    list_filter = ["group", "status"]
    list_select_related = ["group"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(PortalAdmin):
    list_display = ["meeting", "group", "date", "start_time", "end_time", "title"]
    list_select_related = ["meeting__group", "group"]


@admin.register(ExternalEvent)
class ExternalEventAdmin(PortalAdmin):
    list_display = ["name", "place", "start_date", "end_date"]


@admin.register(WorkingListIssue)
class WorkingListIssueAdmin(PortalAdmin):
    list_display = ["group", "number", "title", "category", "status"]
    list_filter = ["group", "category", "status"]
    list_select_related = ["group"]


@admin.register(Participant)
class ParticipantAdmin(PortalAdmin):
    list_display = ["meeting", "user", "organisation", "registered_at", "attended"]
    list_filter = ["meeting", "attended"]
    list_select_related = ["meeting__group", "user", "organisation"]


@admin.register(Agenda)
class AgendaAdmin(PortalAdmin):
    list_display = ["meeting", "version", "status", "adopted_as", "adopted_on", "adopted_on_behalf_of_chair"]
    list_filter = ["status"]
    list_select_related = ["meeting__group"]


@admin.register(AgendaItem)
class AgendaItemAdmin(PortalAdmin):
    list_display = ["agenda", "parent", "position", "label", "title"]
    list_select_related = ["agenda__meeting__group", "parent"]


@admin.register(TimePlanAdoption)
class TimePlanAdoptionAdmin(PortalAdmin):
    list_display = ["meeting", "adopted_on", "adopted_by", "on_behalf_of_chair"]
    list_select_related = ["meeting__group", "adopted_by"]


@admin.register(FeedToken)
class FeedTokenAdmin(PortalAdmin):
    """Who has private feed URLs and since when; the digest is not shown and only its user resets it."""

    list_display = ["user", "created_at"]
    list_select_related = ["user"]
    fields = ["user", "created_at"]
