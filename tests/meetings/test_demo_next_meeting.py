"""The demo tells its story in the present: beside the 14th meeting (2009), the 16th meeting four
weeks after the load day, with a draft agenda, an open call for documents and a running deadline,
so a demo user submits on time, circulates and adopts without the admin."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contributions.demo import load_next_call
from contributions.demo.pdf import tiny_pdf
from contributions.models import CallForDocuments, Document
from meetings.demo.next_meeting import load_next_meeting
from meetings.models import Agenda, Group, Meeting, Organisation, User
from tests.demo_snapshot import load_demo

GENEVA = ZoneInfo("Europe/Zurich")


@pytest.fixture
def demo(db):
    load_demo()


def today():
    return timezone.localdate(timezone=GENEVA)


def login(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def test_next_meeting_is_four_weeks_after_the_load_day_with_its_plan_and_draft_agenda(demo):
    sixteenth = Meeting.objects.get(group__code="WG-WSIS", number=16)
    start = today() + datetime.timedelta(weeks=4)
    assert (sixteenth.start_date, sixteenth.end_date, sixteenth.status) == (
        start,
        start + datetime.timedelta(days=2),
        "planned",
    )
    sittings = [(s.date - start).days for s in sixteenth.sessions.filter(group__code="DG-IPP")]
    assert sittings == [1]
    agenda = Agenda.objects.get(meeting=sixteenth)
    assert agenda.status == "draft" and agenda.items.count() == 9
    # The 14th meeting keeps its 2009 dates.
    fourteenth = Meeting.objects.get(group__code="WG-WSIS", number=14)
    assert (fourteenth.start_date, fourteenth.status) == (datetime.date(2009, 2, 11), "closed")


def test_call_for_documents_is_open_and_due_in_two_weeks(demo):
    call = CallForDocuments.objects.get(meeting__number=16)
    due = datetime.datetime.combine(today() + datetime.timedelta(days=14), datetime.time(23, 59, 59), tzinfo=GENEVA)
    assert call.due_at == due and call.due_at > timezone.now()
    assert set(call.addressees.values_list("short_name", flat=True)) == set(
        Organisation.objects.filter(kind__in=["member_state", "sector_member"]).values_list("short_name", flat=True)
    )


def test_sector_member_delegate_submits_on_time_in_answer_to_the_call(demo, client):
    sixteenth = Meeting.objects.get(group__code="WG-WSIS", number=16)
    call = CallForDocuments.objects.get(meeting=sixteenth)
    login(client, "sm-delegate")
    url = reverse("contributions:submit", args=[sixteenth.pk])
    form_page = client.get(url).content.decode()
    assert "Contributions to the 16th meeting" in form_page
    pdf = SimpleUploadedFile("views.pdf", tiny_pdf(["Views of France Telecom"]), content_type="application/pdf")
    data = {
        "group": Group.objects.get(code="WG-WSIS").pk,
        "kind": "contribution",
        "title": "Views of France Télécom on the Roadmap",
        "call": call.pk,
        "language": "E",
        "file": pdf,
    }
    response = client.post(url, data)
    doc = Document.objects.get(meeting=sixteenth)
    assert doc.symbol == "WG-WSIS-16/1" and doc.call == call
    assert response.url == reverse("contributions:document_detail", args=[doc.pk])


def test_member_state_delegate_sees_the_dedicated_groups_deadline_running(demo, client):
    sixteenth = Meeting.objects.get(group__code="WG-WSIS", number=16)
    page = login(client, "ms-delegate").get(reverse("contributions:submit", args=[sixteenth.pk])).content.decode()
    first_dg_sitting = sixteenth.start_date + datetime.timedelta(days=1)
    deadline = f"{first_dg_sitting - datetime.timedelta(days=1):%d %b %Y} 09:00:00"
    assert deadline in page and "24 hours before the start" in page
    assert "deadline-countdown" in page  # the time left runs


def test_secretariat_circulates_and_the_chair_adopts_the_draft_agenda(demo, client):
    agenda = Agenda.objects.get(meeting__number=16, meeting__group__code="WG-WSIS")
    login(client, "secretariat").post(
        reverse("meetings:agenda_circulate", args=[agenda.pk]), {"revision": agenda.revision}
    )
    agenda.refresh_from_db()
    assert agenda.status == "circulated"
    login(client, "chair").post(
        reverse("meetings:agenda_adopt", args=[agenda.pk]),
        {"revision": agenda.revision, "adopted_as": "drafted", "adopted_on": today().isoformat()},
    )
    agenda.refresh_from_db()
    assert (agenda.status, agenda.adopted_as, agenda.adopted_by.username) == ("adopted", "drafted", "chair")


def test_loading_on_a_later_day_moves_the_meeting_its_sittings_and_the_call(demo):
    wg, dg = Group.objects.get(code="WG-WSIS"), Group.objects.get(code="DG-IPP")
    later = timezone.now() + datetime.timedelta(days=10)
    sixteenth = load_next_meeting(wg=wg, dg=dg, now=later)
    load_next_call(sixteenth, wg, {o.short_name: o for o in Organisation.objects.all()}, now=later)
    start = timezone.localdate(later, timezone=GENEVA) + datetime.timedelta(weeks=4)
    assert sixteenth.start_date == start
    assert sorted({s.date for s in sixteenth.sessions.all()}) == [start + datetime.timedelta(days=d) for d in range(3)]
    assert sixteenth.sessions.count() == 4
    assert CallForDocuments.objects.get(meeting=sixteenth).due_at.date() == start - datetime.timedelta(days=14)
