from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import (
    MEMBERSHIP_CATEGORIES,
    Appointment,
    Group,
    Meeting,
    Organisation,
    OrganisationKind,
    Resolution,
    Session,
    User,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "country_code", "regional_group"]
    list_filter = ["kind", "regional_group"]
    search_fields = ["name", "short_name"]


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "is_staff"]
    list_filter = ["organisation__kind", "is_staff", "is_superuser"]
    list_select_related = ["organisation"]
    fieldsets = UserAdmin.fieldsets + (("Represents", {"fields": ["organisation", "time_zone"]}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("Represents", {"fields": ["organisation"]}),)


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ["ref", "title", "year"]
    search_fields = ["ref", "title"]


class GroupForm(forms.ModelForm):
    open_to = forms.MultipleChoiceField(
        choices=[(k.value, label) for k, label in MEMBERSHIP_CATEGORIES.items()], widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Group
        fields = ["code", "name", "parent", "open_to", "mandate", "terms_of_reference", "symbol_prefix"]

    def clean_open_to(self):
        return [OrganisationKind(v).value for v in self.cleaned_data["open_to"]]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    form = GroupForm
    list_display = ["code", "name", "parent"]
    filter_horizontal = ["mandate"]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["group", "role", "person_name", "organisation", "start", "end", "end_reason"]
    list_filter = ["group", "role"]
    list_select_related = ["group", "organisation"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group", "number", "start_date", "end_date", "status"]
    list_filter = ["group", "status"]
    list_select_related = ["group"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "group", "date", "start_time", "end_time", "title"]
    list_select_related = ["meeting__group", "group"]
