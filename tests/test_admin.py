"""The Django admin covers every model of the portal and is usable by secretariat staff."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from meetings.demo import join_secretariat_staff

PORTAL_APPS = {"meetings", "contributions", "roadmap", "reports", "floor"}


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
    join_secretariat_staff(staff)
    client.force_login(staff)
    meta = model._meta
    response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert response.status_code == 200
    assert str(meta.verbose_name_plural).lower() in response.content.decode().lower()


def test_delegate_cannot_open_the_admin(world, client):
    client.force_login(world.ms_delegate)
    response = client.get(reverse("admin:meetings_group_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# ---------------------------------------------------------------- the official record cannot be forged

RECORD = ["reports.reportrevision", "contributions.symbolcounter", "contributions.auditentry",
          "contributions.lateadmission", "meetings.agenda", "meetings.timeplanadoption", "reports.report",
          "contributions.document", "floor.sitting", "floor.speakerrequest", "floor.recordentry",
          "floor.recordcorrection", "floor.draftlink"]  # fmt: skip


def staff_client(client, user):
    user.is_staff = True
    user.save()
    join_secretariat_staff(user)
    client.force_login(user)
    return client


def test_policy_names_every_portal_model_and_the_migrated_group_holds_exactly_its_rights(db):
    from django.contrib.auth.models import Group as PermissionGroup

    from wsisportal.access import ADMIN_RIGHTS

    assert sorted(m._meta.label_lower for m in portal_models()) == sorted(ADMIN_RIGHTS)
    granted = {
        (p.content_type.app_label, p.codename)
        for p in PermissionGroup.objects.get(name="Secretariat").permissions.select_related("content_type")
    }
    wanted = {
        (label.split(".")[0], f"{action}_{label.split('.')[1]}")
        for label, actions in ADMIN_RIGHTS.items()
        for action in actions
    }
    assert granted == wanted


@pytest.mark.parametrize("label", RECORD)
@pytest.mark.parametrize("persona", ["secretariat", "superuser"])
def test_record_models_are_read_only_in_the_admin_even_for_a_superuser(world, rf, label, persona):
    from wsisportal.access import can_administer

    user = getattr(world, persona)
    if persona == "secretariat":
        join_secretariat_staff(user)
    model = apps.get_model(label)
    request = rf.get("/")
    request.user = type(user).objects.get(pk=user.pk)  # fresh permission cache
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert [can_administer(request.user, model, a) for a in ("add", "change", "delete")] == [False] * 3


def test_an_approval_cannot_be_forged_through_the_admin_add_form(world, client):
    """The finding: the secretariat added a ReportRevision naming the chair as approver."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.models import Report, ReportRevision

    report = Report.objects.create(meeting=world.meeting, group=world.wg, title="Report")
    client = staff_client(client, world.secretariat)
    url = reverse("admin:reports_reportrevision_add")
    assert client.get(url).status_code == 403
    response = client.post(url, {
        "report": report.pk, "number": 1, "snapshot": "{}", "sha256": "0" * 64, "approved_by": world.chair.pk,
        "approved_as": "Chair", "approved_at_0": "2009-02-13", "approved_at_1": "12:00",
        "pdf": SimpleUploadedFile("forged.pdf", b"%PDF-1.4 forged"),
    })  # fmt: skip
    assert response.status_code == 403
    assert not ReportRevision.objects.exists()


def test_report_status_and_audit_log_cannot_be_changed_or_deleted_in_the_admin(world, client):
    from contributions.models import AuditEntry
    from reports.models import Report

    report = Report.objects.create(meeting=world.meeting, group=world.wg, title="Report")
    entry = AuditEntry.objects.create(
        meeting=world.meeting, group=world.wg, action="submitted", actor=world.ms_delegate, at=timezone.now()
    )
    client = staff_client(client, world.secretariat)
    change = reverse("admin:reports_report_change", args=[report.pk])
    client.post(change, {"title": "Forged", "status": "approved", "meeting": world.meeting.pk, "group": world.wg.pk})
    report.refresh_from_db()
    assert (report.title, report.status) == ("Report", "draft")
    delete = reverse("admin:contributions_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_secretariat_keeps_reference_data_in_the_admin(world, client):
    from meetings.models import ExternalEvent

    client = staff_client(client, world.secretariat)
    response = client.post(reverse("admin:meetings_externalevent_add"), {
        "name": "ICANN GAC", "place": "Sydney", "start_date": "2009-06-21", "end_date": "2009-06-26",
    })  # fmt: skip
    assert response.status_code == 302
    assert ExternalEvent.objects.filter(name="ICANN GAC", place="Sydney").exists()


def test_staff_flag_and_permissions_alone_give_a_delegate_nothing(world, client):
    """The policy decides: a Member State delegate marked staff and put in the group sees no row."""
    client = staff_client(client, world.ms_delegate)
    response = client.get(reverse("admin:meetings_organisation_changelist"))
    assert response.status_code == 403
