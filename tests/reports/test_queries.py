"""Query discipline: list pages cost the same number of queries for one item as for many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_meeting
from tests.reports.factories import make_block, make_report, make_revision, make_section


def _reports(world, count, first=100):
    for n in range(count):
        meeting = make_meeting(
            world.wg, number=first + n, start=datetime.date(2008, 1, 1) + datetime.timedelta(days=7 * n)
        )
        report = make_report(meeting, title=f"Report {n}")
        make_block(report, make_section(report))
        make_revision(report, world.chair, published=True)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["anonymous", "sm_delegate", "secretariat"])
def test_report_list_queries_do_not_grow(world, client, persona):
    user = world.personas[persona]
    if user.is_authenticated:
        client.force_login(user)
    _reports(world, 1)
    one = _count(client, reverse("reports:report_list"))
    _reports(world, 4, first=200)
    assert _count(client, reverse("reports:report_list")) == one


def _action_items(world, count):
    meeting = make_meeting(world.wg, number=200 + count, start=datetime.date(2008, 6, 1))
    report = make_report(meeting, title="Earlier report")
    section = make_section(report)
    for n in range(count):
        make_block(report, section, kind="action", body=f"<p>Item {n}</p>", owners=[world.secretariat_unit])
    make_revision(report, world.chair)


@pytest.mark.parametrize("persona", ["sm_delegate", "secretariat"])
def test_meeting_action_items_panel_queries_do_not_grow(world, client, persona):
    client.force_login(world.personas[persona])
    url = reverse("reports:meeting_action_items", args=[world.meeting.pk])
    _action_items(world, 1)
    one = _count(client, url)
    _action_items(world, 5)
    assert _count(client, url) == one
