"""Query counts of every list page stay the same with one row and with many."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.models import ExternalEvent, WorkingListIssue
from tests.factories import make_meeting, make_organisation, make_session, make_user
from tests.meetings.conftest import make_agenda, make_item

_seq = itertools.count(1)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def add_meetings(world, n):
    for _i in range(n):
        k = next(_seq)
        make_meeting(world.wg, number=100 + k, start=datetime.date(2010, 1, 1) + datetime.timedelta(days=10 * k))


def add_sessions(world, n):
    for i in range(n):
        make_session(world.meeting, start=datetime.time(8 + i % 10, 0), end=None, title=f"S{i}")
        make_session(world.meeting, group=world.dg, start=datetime.time(8 + i % 10, 30), end=None, title=f"D{i}")


def add_participants(world, n):
    for _i in range(n):
        i = next(_seq)
        org = make_organisation(name=f"State {i}", short_name=f"S{i}", country_code="XXX")
        user = make_user(org)
        services.register_participant(meeting=world.meeting, user=user)
    world.meeting.participants.update(attended=True)


def add_items(world, n):
    agenda = world.meeting.agendas.first() or make_agenda(world.meeting, status="circulated")
    for i in range(n):
        parent = make_item(agenda, f"Item {i}")
        make_item(agenda, f"Sub {i}", parent=parent)


def add_issues(world, n):
    start = WorkingListIssue.objects.count()
    for i in range(start, start + n):
        issue = WorkingListIssue.objects.create(group=world.dg, number=i + 1, title=f"Issue {i}", category="use")
        issue.proposed_by.set([world.member_state])


def add_events(world, n):
    for _i in range(n):
        i = next(_seq)
        day = datetime.date(2009, 6, 1) + datetime.timedelta(days=i)
        ExternalEvent.objects.create(name=f"Event {i}", place="X", start_date=day, end_date=day)


PAGES = [
    ("group_meetings", lambda w: reverse("meetings:group_meetings", args=["WG-WSIS"]), add_meetings, "anonymous"),
    ("meeting_detail", lambda w: reverse("meetings:meeting_detail", args=[w.meeting.pk]), add_sessions, "ms_delegate"),
    (
        "meeting_participants",
        lambda w: reverse("meetings:meeting_detail", args=[w.meeting.pk]),
        add_participants,
        "secretariat",
    ),
    ("meeting_plan", lambda w: reverse("meetings:meeting_plan", args=[w.meeting.pk]), add_sessions, "secretariat"),
    (
        "attendance",
        lambda w: reverse("meetings:meeting_attendance", args=[w.meeting.pk]),
        add_participants,
        "secretariat",
    ),
    (
        "agenda_detail",
        lambda w: reverse("meetings:agenda_detail", args=[w.meeting.agendas.first().pk]),
        add_items,
        "ms_delegate",
    ),
    (
        "agenda_editor",
        lambda w: reverse("meetings:agenda_editor", args=[w.meeting.agendas.first().pk]),
        add_items,
        "secretariat",
    ),
    ("working_list", lambda w: reverse("meetings:working_list", args=["DG-IPP"]), add_issues, "ms_delegate"),
    ("external_events", lambda w: reverse("meetings:external_events"), add_events, "secretariat"),
    ("group_ical", lambda w: reverse("meetings:group_ical", args=["WG-WSIS"]), add_meetings, "ms_delegate"),
    ("meeting_ical", lambda w: reverse("meetings:meeting_ical", args=[w.meeting.pk]), add_sessions, "ms_delegate"),
]


@pytest.mark.parametrize(("name", "url", "add", "persona"), PAGES, ids=[p[0] for p in PAGES])
def test_list_page_query_count_does_not_grow(world, client_for, name, url, add, persona):
    client = client_for(world.personas[persona])
    add(world, 1)
    one = count_queries(client, url(world))
    add(world, 12)
    many = count_queries(client, url(world))
    assert one == many, f"{name}: {one} queries with one row, {many} with many"
