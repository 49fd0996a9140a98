"""Running a sitting: moving through the agenda, the list of speakers and its order, the floor
and the clock, the session record saved as typed, filed, corrected with a trace."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contributions.models import AuditAction, AuditEntry, Document, LateAdmission
from floor import record, services
from floor.models import EntryKind, RecordCorrection, RequestKind, RequestStatus
from meetings.models import OrganisationKind
from tests.factories import make_organisation, make_user

from .helpers import open_sittings

NOW = datetime.datetime(2009, 2, 11, 9, 45, tzinfo=datetime.UTC)


@pytest.fixture
def sittings(world):
    return open_sittings(world)


def delegate(kind=OrganisationKind.MEMBER_STATE, name=None):
    return make_user(make_organisation(kind, name))


def test_open_starts_on_the_first_item_and_moves_in_agenda_order(sittings):
    wg, _dg = sittings
    titles = []
    for _ in range(3):
        titles.append(wg.current_item.title)
        wg = services.move_to_item(sitting=wg, step=1)
    titles.append(wg.current_item.title)
    assert titles == ["Opening", "Information reports", "ITU-D activities", "Roadmap"]
    with pytest.raises(ValidationError, match="no item further"):
        services.move_to_item(sitting=wg, step=1)
    assert services.move_to_item(sitting=wg, step=-1).current_item.title == "ITU-D activities"


def test_every_change_moves_the_version_on(sittings):
    wg, _dg = sittings
    versions = [wg.version]
    wg = services.move_to_item(sitting=wg, step=1)
    versions.append(wg.version)
    services.request_floor(sitting=wg, user=delegate())
    wg.refresh_from_db()
    versions.append(wg.version)
    wg = services.set_list_closed(sitting=wg, closed=True)
    versions.append(wg.version)
    assert versions == sorted(set(versions))


@pytest.mark.parametrize(
    ("asks", "order"),
    [
        # (delegation, kind) in the order they asked → the order the floor is given
        ([("A", "speaker"), ("B", "speaker"), ("C", "speaker")], ["A", "B", "C"]),
        ([("A", "speaker"), ("B", "right_of_reply"), ("C", "point_of_order")], ["C", "B", "A"]),
        ([("A", "speaker"), ("B", "point_of_order"), ("C", "point_of_order")], ["B", "C", "A"]),
        ([("A", "right_of_reply"), ("B", "speaker"), ("A", "speaker")], ["A", "B", "A"]),
    ],
)
def test_queue_order_points_of_order_then_replies_then_speakers(sittings, asks, order):
    wg, _dg = sittings
    users = {}
    for name, kind in asks:
        if name not in users:
            users[name] = delegate(name=f"State {name}")
        services.request_floor(sitting=wg, user=users[name], kind=kind)
    assert [r.delegation.name for r in services.queue(wg)] == [f"State {n}" for n in order]
    given = services.give_floor(sitting=wg)
    assert given.delegation.name == f"State {order[0]}" and given.status == RequestStatus.SPEAKING


@pytest.mark.parametrize(
    ("kind", "accepted"),
    [(RequestKind.SPEAKER, False), (RequestKind.POINT_OF_ORDER, True), (RequestKind.RIGHT_OF_REPLY, True)],
)
def test_closed_list_takes_only_points_of_order_and_replies(sittings, kind, accepted):
    wg, _dg = sittings
    wg = services.set_list_closed(sitting=wg, closed=True)
    if accepted:
        assert services.request_floor(sitting=wg, user=delegate(), kind=kind).position == 1
    else:
        with pytest.raises(ValidationError, match="closed"):
            services.request_floor(sitting=wg, user=delegate(), kind=kind)


def test_a_delegation_is_on_the_list_once(sittings):
    wg, _dg = sittings
    user = delegate()
    services.request_floor(sitting=wg, user=user)
    colleague = make_user(user.organisation)
    with pytest.raises(ValidationError, match="already on the list"):
        services.request_floor(sitting=wg, user=colleague)


def test_floor_times_and_delegation_totals(sittings):
    wg, _dg = sittings
    a, b = delegate(name="Latvia"), delegate(name="Tunisia")
    t0 = NOW
    for user, start, seconds in [(a, t0, 90), (b, t0 + datetime.timedelta(minutes=3), 30)]:
        request = services.request_floor(sitting=wg, user=user, now=start)
        services.give_floor(sitting=wg, request=request, now=start)
        services.end_floor(sitting=wg, now=start + datetime.timedelta(seconds=seconds))
    again = services.request_floor(sitting=wg, user=a, now=t0 + datetime.timedelta(minutes=5))
    services.give_floor(sitting=wg, request=again, now=t0 + datetime.timedelta(minutes=5))
    services.end_floor(sitting=wg, now=t0 + datetime.timedelta(minutes=5, seconds=20))
    totals = [(t["delegation"].name, t["count"], t["seconds"]) for t in services.delegation_totals(wg)]
    assert totals == [("Latvia", 2, 110), ("Tunisia", 1, 30)]


def test_giving_the_floor_ends_the_previous_speaker(sittings):
    wg, _dg = sittings
    first = services.request_floor(sitting=wg, user=delegate())
    second = services.request_floor(sitting=wg, user=delegate())
    services.give_floor(sitting=wg, request=first, now=NOW)
    services.give_floor(sitting=wg, request=second, now=NOW + datetime.timedelta(seconds=75))
    first.refresh_from_db()
    assert first.status == RequestStatus.SPOKE and first.seconds == 75
    assert services.speaking(wg).pk == second.pk


def test_moving_on_ends_the_floor_and_reopens_the_list(sittings):
    wg, _dg = sittings
    request = services.request_floor(sitting=wg, user=delegate())
    services.give_floor(sitting=wg, request=request)
    wg = services.set_list_closed(sitting=wg, closed=True)
    wg = services.move_to_item(sitting=wg, step=1)
    request.refresh_from_db()
    assert request.status == RequestStatus.SPOKE and not wg.list_closed and services.queue(wg) == []


def test_closed_sitting_refuses_requests(sittings):
    wg, _dg = sittings
    wg = services.close_sitting(sitting=wg)
    with pytest.raises(ValidationError, match="closed"):
        services.request_floor(sitting=wg, user=delegate())
    assert services.open_sitting(session=wg.session, by=wg.opened_by).is_open


# ---------------------------------------------------------------------------------------------
# The session record


def test_entry_saved_as_typed_then_filed_then_corrected_with_a_trace(world, sittings):
    wg, _dg = sittings
    key = uuid.uuid4()
    sec = world.secretariat
    data = {"kind": EntryKind.STATEMENT, "delegation": world.member_state, "text": "Saudi"}
    first = record.save_entry(sitting=wg, key=key, by=sec, data=data)
    second = record.save_entry(sitting=wg, key=key, by=sec, data={**data, "text": "Saudi Arabia supports"})
    assert first.pk == second.pk and second.filed_at is None and second.item == wg.current_item
    filed = record.file_entry(sitting=wg, key=key, by=sec, data={**data, "text": "Saudi Arabia supports it."})
    assert filed.filed_at is not None
    with pytest.raises(ValidationError, match="filed already"):
        record.save_entry(sitting=wg, key=key, by=sec, data=data)

    record.correct_entry(entry=filed, by=sec, data={"text": "Saudi Arabia supports the proposal."})
    trace = RecordCorrection.objects.get(entry=filed)
    assert trace.previous["text"] == "Saudi Arabia supports it." and trace.corrected_by == sec
    filed.refresh_from_db()
    assert filed.text == "Saudi Arabia supports the proposal."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": EntryKind.STATEMENT, "text": "x"}, "attributed to a delegation"),
        ({"kind": EntryKind.DECISION, "text": "  "}, "empty"),
        ({"kind": EntryKind.DOCUMENT, "text": ""}, "Name the document"),
        ({"kind": EntryKind.ACTION, "text": "x", "due_date": datetime.date(2009, 5, 15), "due_next_meeting": True},
         "not both"),
        ({"kind": EntryKind.SECTION, "text": "Discussions\nand more"}, "one line"),
        ({"kind": EntryKind.SECTION, "text": "x" * 301}, "at most 300"),
    ],
)  # fmt: skip
def test_incomplete_entries_are_not_filed(world, sittings, data, message):
    wg, _dg = sittings
    key = uuid.uuid4()
    with pytest.raises(ValidationError, match=message):
        record.file_entry(sitting=wg, key=key, by=world.secretariat, data=data)
    assert not wg.entries.filter(filed_at__isnull=False).exists()


def test_document_requested_in_session_is_admitted_in_the_same_step(world, sittings):
    wg, _dg = sittings
    doc = Document.objects.create(
        meeting=world.meeting,
        group=world.wg,
        series="WG-WSIS-14",
        number=99,
        symbol="WG-WSIS-14/99",
        title="Late proposal",
        kind="contribution",
        submitted_by=world.secretariat,
        available_at=timezone.now(),
    )
    record.file_entry(
        sitting=wg,
        key=uuid.uuid4(),
        by=world.secretariat,
        data={"kind": EntryKind.DOCUMENT, "document": doc, "delegation": world.member_state},
    )
    admission = LateAdmission.objects.get(document=doc)
    assert admission.reason.startswith("requested by the group in session")
    assert admission.granted_by == world.secretariat and admission.on_behalf_of_chair
    assert AuditEntry.objects.filter(document=doc, action=AuditAction.ADMITTED_LATE).exists()
