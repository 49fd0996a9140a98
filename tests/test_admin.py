"""The Django admin covers every model of the portal and is usable by secretariat staff."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from meetings.demo import grant_secretariat_admin_rights

PORTAL_APPS = {"meetings", "contributions", "roadmap", "reports"}


def portal_models():
    return [m for m in apps.get_models() if m._meta.app_label in PORTAL_APPS and not m._meta.auto_created]


def test_every_portal_model_is_in_the_admin():
    missing = [m.__name__ for m in portal_models() if m not in admin.site._registry]
    assert missing == []


@pytest.mark.parametrize("model", portal_models(), ids=lambda m: f"{m._meta.app_label}.{m.__name__}")
def test_secretariat_opens_each_admin_list(world, client, model):
    staff = world.secretariat
    staff.is_staff = True
    staff.save()
    grant_secretariat_admin_rights(staff)
    client.force_login(staff)
    meta = model._meta
    response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert response.status_code == 200
    assert str(meta.verbose_name_plural).lower() in response.content.decode().lower()


def test_delegate_cannot_open_the_admin(world, client):
    client.force_login(world.ms_delegate)
    response = client.get(reverse("admin:meetings_group_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
