"""Every list endpoint runs the same number of queries for one row as for many (rows of every
kind the list nests: files, sources, agenda items, revisions, milestones, comments …)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import add_action_item, add_documents, token_client
from tests.reports.factories import make_report, make_revision
from tests.roadmap.factories import estimate, make_draft, make_row

LISTS = [
    "/api/v1/groups/",
    "/api/v1/meetings/",
    "/api/v1/documents/",
    "/api/v1/calls-for-documents/",
    "/api/v1/action-lines/",
    "/api/v1/roadmap-drafts/",
    "/api/v1/roadmap-rows/",
    "/api/v1/reports/",
    "/api/v1/action-items/",
]


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["results"])


def add_many(world):
    from contributions.models import CallForDocuments
    from meetings.models import Meeting
    from tests.factories import make_group, make_meeting
    from tests.roadmap.factories import make_action_line

    add_documents(world, 5)
    for n in range(3):
        make_group(f"G-{n}")
        meeting = make_meeting(world.wg, number=20 + n)
        CallForDocuments.objects.create(meeting=meeting, group=world.wg, title=f"Call {n}", due_at=world.wg_call.due_at)
        report = make_report(meeting, title=f"Report {n}")
        add_action_item(report)
        make_revision(report, world.chair)
        line = make_action_line(f"C{n + 7}")
        row = make_row(world.wg_draft, line)
        estimate(row, 2010, "extra", amount=5)
        make_draft(world.wg_draft.roadmap, number=10 + n, meeting=meeting)
    assert Meeting.objects.count() >= 4


@pytest.mark.parametrize("url", LISTS)
def test_list_queries_do_not_grow_with_rows(api_world, url):
    client = token_client(api_world.ms_delegate)
    client.get(url)  # the first request of a process may load what later requests reuse
    one, few = count(client, url)
    add_many(api_world)
    many, more = count(client, url)
    assert more > few, "the list must have grown for the comparison to mean anything"
    assert many == one, f"{url}: {one} queries for {few} rows, {many} for {more}"
