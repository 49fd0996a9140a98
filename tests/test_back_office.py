"""The admin is branded as the portal's back office and names every model with a correct plural."""

import pytest
from django.contrib import admin
from django.urls import reverse

from meetings.demo import join_secretariat_staff

# Every registered model's plural as the back office shows it (English). A model registered
# without its row here fails, so a new model's plural is looked at once.
PLURALS = {
    "auth.Group": "groups",
    "axes.AccessAttempt": "access attempts",
    "axes.AccessFailureLog": "access failures",
    "axes.AccessLog": "access logs",
    "contributions.AuditEntry": "audit entries",
    "contributions.CallForDocuments": "calls for documents",
    "contributions.DeadlineRule": "deadline rules",
    "contributions.Document": "documents",
    "contributions.DocumentFile": "language versions",
    "contributions.DocumentTitle": "translated titles",
    "contributions.LateAdmission": "late admissions",
    "contributions.Subscription": "subscriptions",
    "contributions.SymbolCounter": "symbol counters",
    "floor.DraftLink": "blocks drafted from the floor",
    "floor.RecordCorrection": "record corrections",
    "floor.RecordEntry": "record entries",
    "floor.Sitting": "sittings",
    "floor.SpeakerRequest": "requests for the floor",
    "meetings.Agenda": "agendas",
    "meetings.AgendaItem": "agenda items",
    "meetings.Appointment": "appointments",
    "meetings.ExternalEvent": "external events",
    "meetings.FeedToken": "private feed tokens",
    "meetings.Group": "groups",
    "meetings.Meeting": "meetings",
    "meetings.Organisation": "organisations",
    "meetings.Participant": "participants",
    "meetings.Resolution": "resolutions",
    "meetings.Session": "sessions",
    "meetings.TimePlanAdoption": "time-management plan adoptions",
    "meetings.User": "users",
    "meetings.WorkingListIssue": "working list issues",
    "reports.Block": "report blocks",
    "reports.BlockComment": "block comments",
    "reports.Report": "reports",
    "reports.ReportRevision": "report revisions",
    "roadmap.ActionLine": "Action Lines",
    "roadmap.ActionLineRole": "ITU roles in Action Lines",
    "roadmap.Milestone": "intermediate stages",
    "roadmap.Partner": "partners",
    "roadmap.ResourceEstimate": "resource estimates",
    "roadmap.Roadmap": "roadmaps",
    "roadmap.RoadmapDraft": "roadmap drafts",
    "roadmap.RoadmapRow": "roadmap rows",
    "roadmap.RowComment": "row comments",
    "roadmap.StrategicGoal": "strategic goals",
    "roadmap.SubLine": "sub-lines",
}


def test_every_registered_model_has_its_expected_plural():
    shown = {f"{m._meta.app_label}.{m.__name__}": str(m._meta.verbose_name_plural) for m in admin.site._registry}
    assert shown == PLURALS


def test_every_registered_model_states_its_plural():
    # Django's default plural is the singular + "s" ("call for documentss"): every model says its own.
    unstated = [
        f"{m._meta.app_label}.{m.__name__}"
        for m in admin.site._registry
        if "verbose_name_plural" not in m._meta.original_attrs
    ]
    assert unstated == []


@pytest.fixture
def staff(world):
    user = world.secretariat
    user.is_staff = True
    user.save()
    join_secretariat_staff(user)
    return user


def test_back_office_index_is_branded_and_lists_plurals(staff, client):
    client.force_login(staff)
    html = client.get(reverse("admin:index")).content.decode()
    assert "<title>WSIS Portal back office | WSIS Portal back office</title>" in html
    assert '<a href="/admin/">WSIS Portal back office</a>' in html
    assert "Calls for documents" in html and "Late admissions" in html and "Private feed tokens" in html
    assert "Django administration" not in html and "Site administration" not in html


def test_back_office_login_page_is_branded(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert "WSIS Portal back office" in html and "Django administration" not in html
