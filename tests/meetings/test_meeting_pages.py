"""Meeting page, time display, participants, time-management plan and next-meeting proposal."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import ExternalEvent, Meeting, Participant, TimePlanAdoption
from tests.factories import make_meeting, make_session


@pytest.mark.parametrize(
    ("viewer_zone", "expected_viewer"),
    [
        ("", None),  # default zone (Europe/Zurich) equals the meeting's: one time only
        ("Europe/Zurich", None),
        ("America/New_York", "03:30"),  # 09:30 CET is 03:30 EST
        ("Asia/Riyadh", "11:30"),
    ],
)
def test_meeting_page_shows_viewer_zone_beside_meeting_zone(world, client_for, viewer_zone, expected_viewer):
    world.ms_delegate.time_zone = viewer_zone
    world.ms_delegate.save()
    make_session(world.meeting, start=datetime.time(9, 30), end=datetime.time(12, 30), title="Morning")
    html = (
        client_for(world.ms_delegate).get(reverse("meetings:meeting_detail", args=[world.meeting.pk])).content.decode()
    )
    assert "09:30–12:30" in html
    if expected_viewer is None:
        assert 'data-testid="viewer-time"' not in html
    else:
        assert expected_viewer in html and viewer_zone in html and "your time" in html


def test_anonymous_sees_open_meeting_dates(world, client):
    html = client.get(reverse("meetings:meeting_detail", args=[world.meeting.pk])).content.decode()
    assert "11–13 February 2009" in html


def test_delegate_registers_for_own_organisation_and_attendance_counts(world, client_for):
    client = client_for(world.ms_delegate)
    client.post(reverse("meetings:meeting_register", args=[world.meeting.pk]))
    client_for(world.sm_delegate).post(reverse("meetings:meeting_register", args=[world.meeting.pk]))
    p = Participant.objects.get(meeting=world.meeting, user=world.ms_delegate)
    assert p.organisation == world.member_state and not p.attended
    ids = list(world.meeting.participants.values_list("pk", flat=True))
    client_for(world.secretariat).post(
        reverse("meetings:meeting_attendance", args=[world.meeting.pk]), {"attended": ids}
    )
    assert world.meeting.participants.filter(attended=True).count() == 2
    html = (
        client_for(world.ms_delegate).get(reverse("meetings:meeting_detail", args=[world.meeting.pk])).content.decode()
    )
    assert "2 delegates from 2 organisations attended" in html
    assert "Saudi Arabia" in html and "France Télécom" in html
    anon = client_for(world.anonymous).get(reverse("meetings:meeting_detail", args=[world.meeting.pk])).content.decode()
    assert "2 delegates from 2 organisations attended" in anon and 'data-testid="participants"' not in anon


@pytest.mark.parametrize(("persona", "allowed"), [("ms_delegate", False), ("chair", True), ("secretariat", True)])
def test_attendance_and_plan_adoption_rights(world, client_for, persona, allowed):
    client = client_for(world.personas[persona])
    client.post(reverse("meetings:time_plan_adopt", args=[world.meeting.pk]), {"adopted_on": "2009-02-11"})
    adoption = TimePlanAdoption.objects.filter(meeting=world.meeting).first()
    assert (adoption is not None) is allowed
    if adoption:
        assert adoption.on_behalf_of_chair is (persona == "secretariat")


def test_session_outside_meeting_dates_refused(world, client_for):
    response = client_for(world.secretariat).post(
        reverse("meetings:meeting_plan", args=[world.meeting.pk]),
        {"group": world.wg.pk, "date": "2009-02-20", "start_time": "09:00", "end_time": "10:00", "title": "Late"},
    )
    assert "must fall within the meeting" in response.content.decode()
    assert not world.meeting.sessions.exists()


@pytest.mark.parametrize(
    ("start", "end", "clash_count"),
    [
        ("2009-06-19", "2009-06-20", 0),  # the day before the GAC meeting starts
        ("2009-06-19", "2009-06-21", 1),  # touches its first day
        ("2009-06-22", "2009-06-24", 1),
        ("2009-06-26", "2009-06-27", 1),  # touches its last day
        ("2009-06-27", "2009-06-28", 0),
        ("2009-02-12", "2009-02-12", 1),  # inside the 14th meeting of the same group
    ],
)
def test_clashes_listed_at_boundaries(world, client_for, start, end, clash_count):
    ExternalEvent.objects.create(
        name="ICANN GAC", place="Sydney", start_date=datetime.date(2009, 6, 21), end_date=datetime.date(2009, 6, 26)
    )
    html = (
        client_for(world.secretariat)
        .get(reverse("meetings:meeting_clashes", args=["WG-WSIS"]), {"start_date": start, "end_date": end})
        .content.decode()
    )
    assert html.count("<li>") == clash_count


def test_proposing_next_meeting_creates_proposed_meeting_despite_clash(world, client_for):
    ExternalEvent.objects.create(
        name="ICANN GAC", place="Sydney", start_date=datetime.date(2009, 6, 21), end_date=datetime.date(2009, 6, 26)
    )
    client = client_for(world.secretariat)
    response = client.post(
        reverse("meetings:meeting_propose", args=["WG-WSIS"]),
        {
            "number": 15,
            "title": "",
            "start_date": "2009-06-22",
            "end_date": "2009-06-24",
            "venue": "Geneva",
            "time_zone": "Europe/Zurich",
            "opening_time": "09:30",
        },
        follow=True,
    )
    meeting = Meeting.objects.get(group=world.wg, number=15)
    assert meeting.status == "proposed"
    assert "ICANN GAC" in response.content.decode()


def test_restricted_meeting_number_not_leaked_through_propose(world, client_for):
    make_meeting(world.dg, number=2)
    assert client_for(world.ms_delegate).get(reverse("meetings:meeting_propose", args=["WG-WSIS"])).status_code == 403
