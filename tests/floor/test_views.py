"""The chair's screen, the delegate's buttons and the secretariat's record through HTTP, the
live channel's answers, and query counts that do not grow with the list or the record."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from floor import record, services
from floor.models import EntryKind, RecordCorrection, RecordEntry, RequestStatus, SpeakerRequest
from meetings.models import OrganisationKind
from tests.factories import make_organisation, make_session, make_user

from .helpers import make_agenda, open_sittings


@pytest.fixture
def sittings(world):
    return open_sittings(world)


def test_chair_runs_a_sitting_from_the_screen(world, client):
    make_agenda(world.meeting)
    session = make_session(world.meeting, title="WG morning")
    client.force_login(world.chair)
    page = client.get(reverse("floor:session_run", args=[session.pk])).content.decode()
    assert 'data-testid="open-sitting"' in page
    client.post(reverse("floor:session_open", args=[session.pk]))
    sitting = session.sitting
    assert sitting.current_item.title == "Opening"
    answer = client.post(reverse("floor:sitting_move", args=[sitting.pk]), {"step": "1"}, HTTP_HX_REQUEST="true")
    assert "Information reports" in answer.content.decode()
    sitting.refresh_from_db()
    assert sitting.current_item.title == "Information reports"


def test_delegate_asks_and_chair_gives_the_floor(world, sittings, client):
    wg, _dg = sittings
    client.force_login(world.ms_delegate)
    answer = client.post(reverse("floor:sitting_ask", args=[wg.pk]), {"kind": "speaker"}, HTTP_HX_REQUEST="true")
    assert 'data-testid="withdraw"' in answer.content.decode()
    request = SpeakerRequest.objects.get(delegation=world.member_state)
    client.force_login(world.chair)
    panel = client.post(reverse("floor:sitting_give", args=[wg.pk]), {"request": request.pk}, HTTP_HX_REQUEST="true")
    assert "Saudi Arabia" in panel.content.decode() and 'data-testid="countdown"' in panel.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.SPEAKING


def test_delegate_cannot_run_the_sitting(world, sittings, client):
    wg, _dg = sittings
    client.force_login(world.ms_delegate)
    assert client.post(reverse("floor:sitting_move", args=[wg.pk]), {"step": "1"}).status_code == 403
    wg.refresh_from_db()
    assert wg.current_item.title == "Opening"


def test_secretariat_records_as_typed_files_and_corrects(world, sittings, client):
    wg, _dg = sittings
    client.force_login(world.secretariat)
    key = str(uuid.uuid4())
    form = {"entry-key": key, "entry-kind": "decision", "entry-text": "The Group agr"}
    saved = client.post(reverse("floor:entry_save", args=[wg.pk]), form)
    assert saved.content.decode().startswith("Saved at")
    assert RecordEntry.objects.get(key=key).filed_at is None
    form["entry-text"] = "The Group agreed."
    filed = client.post(reverse("floor:entry_file", args=[wg.pk]), form, HTTP_HX_REQUEST="true")
    entry = RecordEntry.objects.get(key=key)
    assert entry.filed_at is not None and entry.text == "The Group agreed."
    assert key not in filed.content.decode()  # a fresh form, with a new key
    url = reverse("floor:entry_correct", args=[entry.pk])
    client.post(url, {"entry-key": key, "entry-kind": "decision", "entry-text": "The Group agreed, as amended."})
    assert RecordCorrection.objects.get(entry=entry).previous["text"] == "The Group agreed."
    assert "The Group agreed." in client.get(url).content.decode()


def test_filing_an_empty_entry_keeps_the_form_and_writes_nothing_filed(world, sittings, client):
    wg, _dg = sittings
    client.force_login(world.secretariat)
    key = str(uuid.uuid4())
    answer = client.post(
        reverse("floor:entry_file", args=[wg.pk]),
        {"entry-key": key, "entry-kind": "decision", "entry-text": ""},
        HTTP_HX_REQUEST="true",
    )
    assert "The entry is empty." in answer.content.decode() and key in answer.content.decode()
    assert not RecordEntry.objects.filter(filed_at__isnull=False).exists()


def test_live_answers_304_while_nothing_changes(world, sittings, client):
    client.force_login(world.ms_delegate)
    url = reverse("floor:meeting_live", args=[world.meeting.pk])
    first = client.get(url)
    assert first.status_code == 200 and "Opening" in first.content.decode()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def _fill(world, sitting, n):
    for i in range(n):
        user = make_user(make_organisation(OrganisationKind.MEMBER_STATE))
        services.request_floor(sitting=sitting, user=user)
        record.file_entry(
            sitting=sitting,
            key=uuid.uuid4(),
            by=world.secretariat,
            data={"kind": EntryKind.ACTION, "text": f"Action {i}", "delegation": user.organisation},
            owners=[user.organisation, world.secretariat_unit],
        )
    services.give_floor(sitting=sitting)


@pytest.mark.parametrize("who", ["ms_delegate", "chair"])
def test_query_counts_do_not_grow_with_the_list_and_the_record(world, sittings, client, django_assert_num_queries, who):
    wg, dg = sittings
    client.force_login(world.personas[who])
    live = reverse("floor:meeting_live", args=[world.meeting.pk])
    panel = reverse("floor:sitting_panel", args=[wg.pk])
    urls = [live] + ([panel] if who == "chair" else [])
    _fill(world, wg, 1)
    _fill(world, dg, 1)
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as one:
            client.get(url)
        counts.append(len(one))
    _fill(world, wg, 8)
    _fill(world, dg, 3)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            client.get(url)


def test_a_section_entry_is_filed_from_the_form_and_shown_as_a_section_title(world, sittings, client):
    wg, _dg = sittings
    client.force_login(world.secretariat)
    form = {"entry-key": str(uuid.uuid4()), "entry-kind": "section", "entry-text": "Discussions"}
    client.post(reverse("floor:entry_file", args=[wg.pk]), form, HTTP_HX_REQUEST="true")
    assert RecordEntry.objects.get(kind=EntryKind.SECTION, filed_at__isnull=False).text == "Discussions"
    chair = client.get(reverse("floor:sitting_panel", args=[wg.pk])).content.decode()
    client.force_login(world.ms_delegate)
    live = client.get(reverse("floor:meeting_live", args=[world.meeting.pk])).content.decode()
    for page in (chair, live):
        assert 'data-testid="entry-section-title">Discussions</strong>' in page
        assert "Section of the report" in page
