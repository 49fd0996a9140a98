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


def _drafted_and_corrected(world, wg, client):
    from floor import drafting

    entries = [
        record.file_entry(
            sitting=wg, key=uuid.uuid4(), by=world.secretariat, data={"kind": EntryKind.DECISION, "text": text}
        )
        for text in ("The Group agreed.", "The Group noted.")
    ]
    report, _ = drafting.draft_report(meeting=world.meeting, group=world.wg)
    for entry in entries:
        record.correct_entry(entry=entry, by=world.secretariat, data={"text": entry.text[:-1] + " unanimously."})
    client.force_login(world.secretariat)
    return report, entries


def test_corrections_after_the_draft_are_offered_with_a_redline_and_taken(world, sittings, client):
    from floor.models import DraftLink

    wg, _dg = sittings
    report, (agreed, noted) = _drafted_and_corrected(world, wg, client)
    edited = DraftLink.objects.get(report=report, entry=noted).block
    edited.body = "<p>The Group noted it, said the chair.</p>"
    edited.save()

    page = client.get(reverse("floor:meeting_draft", args=[world.meeting.pk])).content.decode()
    assert page.count('data-testid="correction"') == 2 and 'data-testid="redline"' in page
    assert "unanimously" in page and page.count('data-testid="merge-by-hand"') == 1
    assert "The Group noted unanimously." in page  # the text to merge by hand, shown

    link = DraftLink.objects.get(report=report, entry=agreed)
    url = reverse("floor:report_corrections", args=[report.pk])
    report.refresh_from_db()
    client.post(url, {"lock_version": report.lock_version, "links": [link.pk], "action": "take"})
    link.block.refresh_from_db()
    assert link.block.body == "<p>The Group agreed unanimously.</p>"
    edited.refresh_from_db()
    assert edited.body == "<p>The Group noted it, said the chair.</p>"

    # Taking the hand-edited one is refused with a message; leaving it ends the offer.
    report.refresh_from_db()
    noted_link = DraftLink.objects.get(report=report, entry=noted)
    refused = client.post(
        url, {"lock_version": report.lock_version, "links": [noted_link.pk], "action": "take"}, follow=True
    )
    assert "merge its correction by hand" in refused.content.decode()
    client.post(url, {"lock_version": report.lock_version, "links": [noted_link.pk], "action": "leave"})
    page = client.get(reverse("floor:meeting_draft", args=[world.meeting.pk])).content.decode()
    assert 'data-testid="correction"' not in page
    edited.refresh_from_db()
    assert edited.body == "<p>The Group noted it, said the chair.</p>"


def test_draft_page_query_count_does_not_grow_with_the_corrections(world, sittings, client):
    wg, _dg = sittings
    _report, entries = _drafted_and_corrected(world, wg, client)
    url = reverse("floor:meeting_draft", args=[world.meeting.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(3):
        entry = record.file_entry(
            sitting=wg, key=uuid.uuid4(), by=world.secretariat, data={"kind": EntryKind.DECISION, "text": f"D{n}."}
        )
        from floor import drafting

        report = drafting.draft_report(meeting=world.meeting, group=world.wg)[0]
        drafting.add_offered(report=report, entry_ids=[entry.pk], expected_lock=report.lock_version)
        record.correct_entry(entry=entry, by=world.secretariat, data={"text": f"D{n}, amended."})
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count('data-testid="correction"') == 5
    assert len(many) == len(few), "\n".join(q["sql"][:200] for q in many.captured_queries)
