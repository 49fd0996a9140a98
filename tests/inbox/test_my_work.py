"""My work: what waits for the user, from the policy's rows only; the same queries for one row or many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contributions.models import CallForDocuments, DeadlineMode, DeadlineRule, DocumentKind
from reports.models import ActionStatus
from tests.contributions.conftest import submit
from tests.factories import make_meeting
from tests.meetings.conftest import make_agenda
from tests.reports.factories import circulate, make_block, make_report, make_section


@pytest.fixture
def future(world):
    """A meeting to come, with a 7-day rule for WG-WSIS and 24 hours for the Dedicated Group."""
    start = timezone.localdate() + datetime.timedelta(days=30)
    meeting = make_meeting(world.wg, number=15, start=start)
    DeadlineRule.objects.create(group=world.wg, kind="", mode=DeadlineMode.DAYS_BEFORE_OPENING, amount=7)
    DeadlineRule.objects.create(group=world.dg, kind=DocumentKind.CONTRIBUTION, mode=DeadlineMode.HOURS_BEFORE_START,
                                amount=24)  # fmt: skip
    return meeting


def page_for(client, user):
    client.force_login(user)
    return client.get("/my-work/").content.decode()


def test_delegate_sees_submissions_deadlines_calls_actions_and_circulated_reports(world, client, future):
    doc = submit(world, world.ms_delegate, world.wg, "Saudi contribution")
    CallForDocuments.objects.create(meeting=future, group=world.wg, title="Views on the roadmap",
                                    due_at=timezone.now() + datetime.timedelta(days=10))  # fmt: skip
    report = make_report(world.meeting, title="Draft report of the 14th meeting")
    make_block(report, make_section(report), kind="action", body="<p>Send the list of contacts.</p>",
               owners=[world.member_state], due_date=datetime.date(2026, 12, 31))  # fmt: skip
    circulate(report)
    page = page_for(client, world.ms_delegate)
    assert doc.symbol in page and "Saudi contribution" in page
    assert "Views on the roadmap" in page
    assert page.count("deadline-countdown") == 3  # WG-WSIS and Dedicated Group deadlines, and the call
    assert "Send the list of contacts." in page
    assert "Draft report of the 14th meeting" in page


def test_sector_member_sees_nothing_of_the_dedicated_group(world, client, future):
    dg_doc = submit(world, world.ms_delegate, world.dg, "Internet policy")
    circulate(make_report(world.meeting, group=world.dg, title="Dedicated Group report"))
    page = page_for(client, world.sm_delegate)
    assert dg_doc.symbol not in page and "Dedicated Group report" not in page
    assert "DG-IPP" not in page
    assert page.count("deadline-countdown") == 1  # WG-WSIS only


def test_withdrawn_submission_shows_withdrawn(world, client):
    from contributions import services

    doc = submit(world, world.ms_delegate, world.wg)
    services.withdraw_document(document=doc, by=world.ms_delegate, reason="Superseded")
    assert 'data-testid="status-withdrawn"' in page_for(client, world.ms_delegate)


def test_officer_sees_what_awaits_approval(world, client):
    circulate(make_report(world.meeting, title="Report to approve"))
    make_agenda(world.meeting, status="circulated")
    page = page_for(client, world.chair)
    assert 'data-testid="my-approvals"' in page and "Report to approve" in page and "to adopt" in page
    assert 'data-testid="my-approvals"' not in page_for(client, world.ms_delegate)


def test_queries_are_the_same_for_one_row_or_many(world, client, future):
    client.force_login(world.ms_delegate)

    def add_rows(i):
        submit(world, world.ms_delegate, world.wg, f"Contribution {i}")
        CallForDocuments.objects.create(meeting=future, group=world.wg, title=f"Call {i}",
                                        due_at=timezone.now() + datetime.timedelta(days=10))  # fmt: skip
        report = make_report(world.meeting, kind=["report", "summary"][i], title=f"Report {i}")
        make_block(report, make_section(report), kind="action", owners=[world.member_state],
                   action_status=ActionStatus.OPEN)  # fmt: skip
        circulate(report)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get("/my-work/")
        return len(queries)

    add_rows(0)
    one = count()
    add_rows(1)
    assert count() == one
