"""Action items coming due: announced once per item and due date, at the window's boundaries."""

import datetime

import pytest
from django.core.management import call_command

from inbox.due_actions import notify_due_actions
from inbox.models import Notification, NotificationKind
from reports.models import ActionStatus, Report
from tests.reports.factories import circulate, make_block, make_report, make_section

NOW = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 12, 7)


def action_item(world, due_date, owners, status=ActionStatus.OPEN, group=None):
    group = group or world.wg
    report = Report.objects.filter(meeting=world.meeting, group=group).first()
    report = report or make_report(world.meeting, group=group, title="Report of the 14th meeting")
    section = make_section(report)
    block = make_block(report, section, kind="action", body="<p>Draft the roadmap.</p>", due_date=due_date,
                       owners=owners, action_status=status)  # fmt: skip
    if report.status == "draft":
        circulate(report)
    return block


# name, due date relative to today, announced with --days 7
CASES = [
    ("due-yesterday", -1, False),
    ("due-today", 0, True),
    ("due-in-7-days", 7, True),
    ("due-in-8-days", 8, False),
]


@pytest.mark.parametrize(("name", "days", "announced"), CASES, ids=[c[0] for c in CASES])
def test_window_boundaries(world, name, days, announced):
    action_item(world, TODAY + datetime.timedelta(days=days), [world.member_state])
    assert notify_due_actions(days=7, now=NOW) == int(announced)
    assert (
        Notification.objects.filter(kind=NotificationKind.ACTION_DUE, recipient=world.ms_delegate).exists() == announced
    )


def test_never_twice_for_the_same_due_date_but_again_for_a_new_one(world):
    block = action_item(world, TODAY + datetime.timedelta(days=3), [world.member_state])
    assert notify_due_actions(days=7, now=NOW) == 1
    assert notify_due_actions(days=7, now=NOW) == 0
    call_command("notify_due_actions", stdout=open("/dev/null", "w"))  # the command, any day: still once
    assert Notification.objects.filter(kind=NotificationKind.ACTION_DUE, recipient=world.ms_delegate).count() == 1
    block.due_date = TODAY + datetime.timedelta(days=5)  # postponed: a new due date is told again
    block.save()
    assert notify_due_actions(days=7, now=NOW) == 1


def test_closed_items_and_other_organisations_are_not_told(world):
    action_item(world, TODAY, [world.member_state], status=ActionStatus.DONE)
    action_item(world, TODAY, [world.sector_member])
    notify_due_actions(days=7, now=NOW)
    told = set(
        Notification.objects.filter(kind=NotificationKind.ACTION_DUE).values_list("recipient__username", flat=True)
    )
    assert told == {"sm"}


def test_a_dedicated_group_item_is_told_only_to_those_who_may_see_it(world):
    """An action item of the Dedicated Group assigned to a Sector Member (by mistake) tells nobody there."""
    report_block = action_item(world, TODAY, [world.sector_member, world.member_state], group=world.dg)
    assert report_block.report.group == world.dg
    notify_due_actions(days=7, now=NOW)
    told = set(
        Notification.objects.filter(kind=NotificationKind.ACTION_DUE).values_list("recipient__username", flat=True)
    )
    assert told == {"ms", "formervc"}
