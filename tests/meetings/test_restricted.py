"""The Dedicated Group's sessions, working list and iCal entries never reach a Sector Member or
the public: every URL answers 404 and no page or feed holds the marker."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import WorkingListIssue
from tests.factories import make_meeting, make_session

MARKER = "DG-SESSION-MARKER-91c2"
OUTSIDERS = ["anonymous", "sm_delegate"]
INSIDERS = ["ms_delegate", "secretariat", "chair"]


@pytest.fixture
def dg_world(world):
    session = make_session(
        world.meeting, group=world.dg, date=datetime.date(2009, 2, 12), start=datetime.time(9, 0), title=MARKER
    )
    make_session(world.meeting, title="WG-OPEN-SESSION")
    issue = WorkingListIssue.objects.create(group=world.dg, number=1, title="ISSUE-MARKER-55", category="use")
    dg_meeting = make_meeting(world.dg, number=3, title="DG-OWN-MEETING")
    return {"session": session, "issue": issue, "dg_meeting": dg_meeting}


def restricted_urls(world, dg):
    return [
        reverse("meetings:session_detail", args=[dg["session"].pk]),
        reverse("meetings:session_ical", args=[dg["session"].pk]),
        reverse("meetings:working_list", args=["DG-IPP"]),
        reverse("meetings:working_list_add", args=["DG-IPP"]),
        reverse("meetings:working_list_edit", args=["DG-IPP", dg["issue"].pk]),
        reverse("meetings:group_ical", args=["DG-IPP"]),
        reverse("meetings:group_meetings", args=["DG-IPP"]),
        reverse("meetings:meeting_detail", args=[dg["dg_meeting"].pk]),
        reverse("meetings:meeting_ical", args=[dg["dg_meeting"].pk]),
    ]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_dedicated_group_urls_are_404_for_outsiders(world, dg_world, client_for, persona):
    client = client_for(world.personas[persona])
    for url in restricted_urls(world, dg_world):
        response = client.get(url)
        assert response.status_code == 404, url
        assert MARKER not in response.content.decode()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_open_meeting_page_and_feeds_omit_dedicated_group_session(world, dg_world, client_for, persona):
    client = client_for(world.personas[persona])
    for url in [
        reverse("meetings:meeting_detail", args=[world.meeting.pk]),
        reverse("meetings:meeting_ical", args=[world.meeting.pk]),
        reverse("meetings:group_ical", args=["WG-WSIS"]),
    ]:
        body = client.get(url).content.decode()
        assert "WG-OPEN-SESSION" in body, url
        assert MARKER not in body and "DG-OWN-MEETING" not in body, url


@pytest.mark.parametrize("persona", INSIDERS)
def test_members_see_dedicated_group_session_and_list(world, dg_world, client_for, persona):
    client = client_for(world.personas[persona])
    assert MARKER in client.get(reverse("meetings:meeting_detail", args=[world.meeting.pk])).content.decode()
    assert MARKER in client.get(reverse("meetings:meeting_ical", args=[world.meeting.pk])).content.decode()
    assert "ISSUE-MARKER-55" in client.get(reverse("meetings:working_list", args=["DG-IPP"])).content.decode()


def test_working_list_edit_is_403_for_member_state(world, dg_world, client_for):
    client = client_for(world.ms_delegate)
    assert client.get(reverse("meetings:working_list_add", args=["DG-IPP"])).status_code == 403


def test_secretariat_edits_working_list(world, dg_world, client_for):
    client = client_for(world.secretariat)
    client.post(
        reverse("meetings:working_list_edit", args=["DG-IPP", dg_world["issue"].pk]),
        {"number": 1, "title": "ISSUE-MARKER-55", "category": "use", "status": "removed", "note": "Dropped"},
    )
    dg_world["issue"].refresh_from_db()
    assert dg_world["issue"].status == "removed" and dg_world["issue"].note == "Dropped"
