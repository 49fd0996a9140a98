"""Who follows, runs, records and asks in a sitting; a Dedicated Group sitting, its list of
speakers and its record reach no one outside the Dedicated Group, in pages and the live channel."""

import uuid

import pytest
from django.urls import reverse

from floor import record, services
from floor.models import EntryKind, Sitting, SpeakerRequest
from tests.factories import PERSONAS
from wsisportal import access

from .helpers import open_sittings

MARKER = "DG-FLOOR-MARKER"
ALL = set(PERSONAS)
MEMBERS_OF_WG = ALL - {"anonymous"}
MEMBERS_OF_DG = MEMBERS_OF_WG - {"sm_delegate"}
SECRETARIAT = {"secretariat", "superuser"}
DELEGATES_WG = {"sm_delegate", "ms_delegate", "chair", "former_vice_chair"}

# predicate, sitting, who is allowed
MATRIX = [
    ("can_follow_sitting", "wg", MEMBERS_OF_WG),
    ("can_follow_sitting", "dg", MEMBERS_OF_DG),
    ("can_run_sitting", "wg", SECRETARIAT | {"chair"}),
    ("can_run_sitting", "dg", SECRETARIAT),
    ("can_record_sitting", "wg", SECRETARIAT),
    ("can_ask_for_floor", "wg", DELEGATES_WG),
    ("can_ask_for_floor", "dg", DELEGATES_WG - {"sm_delegate"}),
]


@pytest.fixture
def floor(world):
    wg, dg = open_sittings(world)
    for sitting in (wg, dg):
        text = f"{MARKER} statement" if sitting == dg else "Open statement"
        record.file_entry(
            sitting=sitting,
            key=uuid.uuid4(),
            by=world.secretariat,
            data={"kind": EntryKind.STATEMENT, "delegation": world.member_state, "text": text},
        )
    record.file_entry(  # a section of the Dedicated Group's report, opened in its sitting
        sitting=dg, key=uuid.uuid4(), by=world.secretariat, data={"kind": EntryKind.SECTION, "text": f"{MARKER} title"}
    )
    services.request_floor(sitting=dg, user=world.ms_delegate)
    return {"wg": wg, "dg": dg}


@pytest.mark.parametrize("persona", sorted(ALL))
@pytest.mark.parametrize(("predicate", "target", "allowed"), MATRIX, ids=[f"{p}-{t}" for p, t, _ in MATRIX])
def test_floor_access_matrix(world, floor, persona, predicate, target, allowed):
    user = world.personas[persona]
    assert getattr(access, predicate)(user, floor[target].session) is (persona in allowed)


@pytest.mark.parametrize("persona", sorted(ALL))
def test_visible_querysets_agree_with_following(world, floor, persona):
    user = world.personas[persona]
    followed = {s.pk for s in Sitting.objects.all() if access.can_follow_sitting(user, s.session)}
    assert set(access.visible_sittings(user).values_list("pk", flat=True)) == followed
    assert set(access.visible_speaker_requests(user).values_list("sitting_id", flat=True)) <= followed
    entries = access.visible_record_entries(user).values_list("kind", "text")
    assert any(MARKER in t for _k, t in entries) is (persona in MEMBERS_OF_DG)
    assert any(k == EntryKind.SECTION and MARKER in t for k, t in entries) is (persona in MEMBERS_OF_DG)


def test_entries_being_typed_reach_only_the_secretariat(world, floor):
    record.save_entry(
        sitting=floor["wg"],
        key=uuid.uuid4(),
        by=world.secretariat,
        data={"kind": EntryKind.INTERVENTION, "text": "half"},
    )
    assert access.visible_record_entries(world.secretariat).filter(text="half").exists()
    assert not access.visible_record_entries(world.chair).filter(text="half").exists()


def _login(client, user):
    client.force_login(user)
    return client


def test_live_channel_carries_dedicated_group_sitting_to_member_states_only(world, floor, client):
    url = reverse("floor:meeting_live", args=[world.meeting.pk])
    ms_page = _login(client, world.ms_delegate).get(url).content.decode()
    assert MARKER in ms_page and "Open statement" in ms_page
    client.logout()
    sm_page = _login(client, world.sm_delegate).get(url).content.decode()
    assert "Open statement" in sm_page
    assert f"{MARKER} title" in ms_page
    assert MARKER not in sm_page and "DG-IPP" not in sm_page and world.member_state.short_name not in sm_page


def test_live_channel_etag_unchanged_for_outsider_when_only_the_dedicated_group_moves(world, floor, client):
    url = reverse("floor:meeting_live", args=[world.meeting.pk])
    _login(client, world.sm_delegate)
    etag = client.get(url)["ETag"]
    services.move_to_item(sitting=floor["dg"], step=1)
    services.request_floor(sitting=floor["dg"], user=world.chair)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    services.move_to_item(sitting=floor["wg"], step=1)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "Information reports" in changed.content.decode()


@pytest.mark.parametrize("name", ["floor:sitting_panel", "floor:sitting_ask", "floor:sitting_move", "floor:entry_save"])
def test_dedicated_group_sitting_urls_answer_sector_members_as_missing(world, floor, client, name):
    _login(client, world.sm_delegate)
    method = client.get if name == "floor:sitting_panel" else client.post
    hidden = method(reverse(name, args=[floor["dg"].pk]), {"kind": "speaker"})
    missing = method(reverse(name, args=[999999]), {"kind": "speaker"})
    assert hidden.status_code == missing.status_code == 404
    assert SpeakerRequest.objects.filter(delegation=world.sector_member).count() == 0


def test_sector_member_cannot_even_ask_on_dedicated_group_items(world, floor):
    assert not access.can_ask_for_floor(world.sm_delegate, floor["dg"].session)
    assert access.can_ask_for_floor(world.sm_delegate, floor["wg"].session)


def test_draft_of_the_working_group_report_carries_no_dedicated_group_entry(world, floor):
    from floor import drafting

    report, _ = drafting.draft_report(meeting=world.meeting, group=world.wg)
    assert not report.blocks.filter(body__contains=MARKER).exists()
    assert not report.blocks.filter(title__contains=MARKER).exists()
    annex, _ = drafting.draft_report(meeting=world.meeting, group=world.dg)
    assert annex.blocks.filter(body__contains=MARKER).exists()
    assert annex.blocks.filter(parent=None, title=f"{MARKER} title").exists()
