"""A small world for the API: WG-WSIS and its Dedicated Group, documents, a call, a roadmap
draft, reports (an approved and published WG-WSIS report, a circulated Dedicated Group report)
with action items; personal tokens through the real service."""

import datetime

import pytest
from django.test import Client

from api import tokens
from contributions.models import CallForDocuments, DeadlineMode, DeadlineRule, DocumentKind
from tests.contributions.conftest import BEFORE, DG_START, submit
from tests.factories import make_session
from tests.reports.factories import circulate, make_block, make_report, make_revision, make_section
from tests.roadmap.factories import estimate, make_action_line, make_draft, make_roadmap, make_row


def token_client(user, **kwargs):
    """A client that sends a fresh personal token of `user` (no session)."""
    _token, secret = tokens.create_token(user=user, name="script", **kwargs)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def add_documents(world, count=1, group=None, title="WG contribution"):
    return [submit(world, world.ms_delegate, group or world.wg, title=f"{title} {n}", now=BEFORE) for n in range(count)]


def add_action_item(report, body="<p>The secretariat shall report.</p>"):
    section = report.blocks.filter(parent=None).first() or make_section(report)
    return make_block(report, section, kind="action", body=body, due_next_meeting=True)


@pytest.fixture
def api_world(world):
    make_session(world.meeting, group=world.dg, date=DG_START.date(), start=DG_START.time())
    make_session(world.meeting, group=world.wg, date=datetime.date(2009, 2, 11), start=datetime.time(9, 30))
    DeadlineRule.objects.create(
        group=world.dg, kind=DocumentKind.CONTRIBUTION, mode=DeadlineMode.HOURS_BEFORE_START, amount=24
    )
    world.wg_doc = add_documents(world)[0]
    world.dg_doc = submit(world, world.ms_delegate, world.dg, title="Dedicated Group secret contribution", now=BEFORE)
    world.dg_call = CallForDocuments.objects.create(
        meeting=world.meeting, group=world.dg, title="DG call", due_at=DG_START
    )
    world.wg_call = CallForDocuments.objects.create(
        meeting=world.meeting, group=world.wg, title="WG call", due_at=DG_START
    )
    world.wg_report = make_report(world.meeting, title="Report of WG-WSIS")
    world.wg_action = add_action_item(world.wg_report)
    make_revision(world.wg_report, world.chair, published=True)
    world.dg_report = make_report(world.meeting, group=world.dg, title="Report of the Dedicated Group")
    world.dg_action = add_action_item(world.dg_report, "<p>Dedicated Group secret action.</p>")
    circulate(world.dg_report)
    line = make_action_line("C5")
    world.wg_draft = make_draft(make_roadmap(world.wg), meeting=world.meeting)
    world.wg_row = make_row(world.wg_draft, line)
    estimate(world.wg_row, 2009, "regular", amount=1000, staff_months=2)
    world.dg_draft = make_draft(make_roadmap(world.dg, title="DG roadmap"), number=1)
    world.dg_row = make_row(world.dg_draft, line, outcome="Dedicated Group secret outcome")
    return world
