"""Every roadmap list page makes the same number of queries for one item as for many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmap import services
from roadmap.models import RowComment
from tests.roadmap.factories import estimate, make_draft, make_row


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_draft_list_queries_constant(rw, client):
    client.force_login(rw.world.ms_delegate)
    one, _ = _count(client, reverse("roadmap:index"))
    for number in range(4, 12):
        make_draft(rw.roadmap, number, meeting=rw.world.meeting)
    many, html = _count(client, reverse("roadmap:index"))
    assert one == many and html.count("/roadmap/drafts/") >= 9


def test_comparison_queries_constant(rw, client):
    new = services.start_next_draft(draft=rw.draft, user=rw.world.secretariat)
    client.force_login(rw.world.ms_delegate)
    url = reverse("roadmap:draft_compare", args=[new.pk]) + "?all=1"
    one, _ = _count(client, url)
    for i in range(30):
        row = make_row(new, rw.c2, f"N{i}")
        estimate(row, 2010, "regular", amount=5)
        row.milestones.create(date=datetime.date(2010, 1, 1), label="x")
    many, html = _count(client, url)
    assert one == many and html.count('data-testid="change-added"') == 30


@pytest.mark.parametrize("persona", ["ms_delegate", "secretariat"])
def test_row_page_comment_list_queries_constant(rw, client, persona):
    def comment(author, answered):
        c = RowComment.objects.create(
            row=rw.row_a,
            author=author,
            organisation=author.organisation,
            text="c",
            created_at=datetime.datetime(2009, 2, 11, tzinfo=datetime.UTC),
        )
        if answered:
            services.answer_comment(comment=c, status="taken", reply="ok", user=rw.world.secretariat)

    comment(rw.world.ms_delegate, True)
    client.force_login(rw.world.personas[persona])
    url = reverse("roadmap:row", args=[rw.row_a.pk])
    one, _ = _count(client, url)
    for i in range(10):
        comment(rw.world.sm_delegate if i % 2 else rw.world.chair, i % 3 == 0)
    many, html = _count(client, url)
    assert one == many and html.count('data-testid="comment"') == 11
