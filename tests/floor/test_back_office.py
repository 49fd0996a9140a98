"""The floor in the back office: the secretariat reads the record with its correction trace and
what was drafted from it; nothing is changed there; rows come from the policy."""

import uuid

import pytest
from django.contrib import admin
from django.urls import reverse

from floor import drafting, record, services
from floor.models import DraftLink, EntryKind, RecordCorrection, RecordEntry, Sitting, SpeakerRequest
from meetings.demo import join_secretariat_staff
from wsisportal import access

from .helpers import open_sittings

MARKER = "DG-BACK-OFFICE-MARKER"


@pytest.fixture
def corrected(world):
    _wg, dg = open_sittings(world)
    entry = record.file_entry(
        sitting=dg, key=uuid.uuid4(), by=world.secretariat, data={"kind": EntryKind.DECISION, "text": MARKER}
    )
    record.correct_entry(entry=entry, by=world.secretariat, data={"text": f"{MARKER}, as amended"})
    drafting.draft_report(meeting=world.meeting, group=world.dg)
    services.request_floor(sitting=dg, user=world.ms_delegate)
    return entry


def staff(client, user):
    user.is_staff = True
    user.save()
    join_secretariat_staff(user)
    client.force_login(user)
    return client


def test_secretariat_reads_an_entry_with_its_correction_trace_and_the_way_to_correct_it(world, corrected, client):
    page = staff(client, world.secretariat).get(reverse("admin:floor_recordentry_change", args=[corrected.pk]))
    html = page.content.decode()
    assert f"{MARKER}, as amended" in html  # the entry
    assert f"&quot;text&quot;: &quot;{MARKER}&quot;" in html or f'"text": "{MARKER}"' in html  # the trace inline
    assert reverse("floor:entry_correct", args=[corrected.pk]) in html
    assert 'name="text"' not in html  # read-only


def test_nothing_of_the_floor_is_changed_in_the_back_office(world, corrected, client):
    client = staff(client, world.secretariat)
    change = reverse("admin:floor_recordentry_change", args=[corrected.pk])
    client.post(change, {"text": "Forged", "kind": "decision"})
    corrected.refresh_from_db()
    assert corrected.text == f"{MARKER}, as amended"
    assert (
        client.post(reverse("admin:floor_recordentry_delete", args=[corrected.pk]), {"post": "yes"}).status_code == 403
    )
    assert client.get(reverse("admin:floor_sitting_add")).status_code == 403
    assert RecordEntry.objects.filter(pk=corrected.pk).exists()


@pytest.mark.parametrize(
    "model", [Sitting, SpeakerRequest, RecordEntry, RecordCorrection, DraftLink], ids=lambda m: m.__name__
)
def test_back_office_rows_are_the_policys(world, corrected, rf, model):
    """The changelist's rows are the policy's visible_* rows (all of them to the secretariat,
    Dedicated Group content included; none to a delegate even made staff)."""
    model_admin = admin.site._registry[model]
    for user, expected in [(world.secretariat, True), (world.ms_delegate, False)]:
        request = rf.get("/")
        request.user = user
        rows = set(model_admin.get_queryset(request).values_list("pk", flat=True))
        assert rows == (set(model.objects.values_list("pk", flat=True)) if expected else set())
    assert model.objects.exists()


def test_policy_keeps_dedicated_group_corrections_and_draft_links_from_sector_members(world, corrected):
    for user, sees in [(world.ms_delegate, True), (world.sm_delegate, False), (world.secretariat, True)]:
        assert access.visible_record_corrections(user).filter(entry=corrected).exists() is sees
        assert access.visible_draft_links(user).filter(entry=corrected).exists() is (
            sees and user == world.secretariat  # a working copy: the secretariat's until circulated
        )
