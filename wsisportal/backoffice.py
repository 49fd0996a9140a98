"""The admin as the secretariat's back office: every ModelAdmin and inline of the portal asks the
access policy (access.can_administer) what a user may do, and takes its rows from the policy."""

from django import forms
from django.contrib import admin

from wsisportal import access
from wsisportal.text_rules import TextRulesMixin


class PortalAdminForm(TextRulesMixin, forms.ModelForm):
    """What the secretariat types in the admin obeys the same text rule as every other form."""


class PolicyPermissions:
    """has_*_permission from the policy's ADMIN_RIGHTS; rows through access.visible_for_admin."""

    def has_view_permission(self, request, obj=None):
        return access.can_administer(request.user, self.model, "view")

    def has_add_permission(self, request, obj=None):
        return access.can_administer(request.user, self.model, "add")

    def has_change_permission(self, request, obj=None):
        return access.can_administer(request.user, self.model, "change")

    def has_delete_permission(self, request, obj=None):
        return access.can_administer(request.user, self.model, "delete")

    def get_queryset(self, request):
        return access.visible_for_admin(request.user, super().get_queryset(request))


class PortalAdmin(PolicyPermissions, admin.ModelAdmin):
    form = PortalAdminForm


class PortalTabularInline(PolicyPermissions, admin.TabularInline):
    form = PortalAdminForm
    extra = 0
