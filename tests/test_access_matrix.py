"""The access policy as one table: persona × action × object, each negative case on data that could leak."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from wsisportal import access

ALL = {"anonymous", "sm_delegate", "ms_delegate", "secretariat", "chair", "former_vice_chair", "superuser"}
MEMBERS_OF_WG = {"sm_delegate", "ms_delegate", "secretariat", "chair", "former_vice_chair", "superuser"}
MEMBERS_OF_DG = {"ms_delegate", "secretariat", "chair", "former_vice_chair", "superuser"}
SECRETARIAT = {"secretariat", "superuser"}
WG_CHAIR_ACTS = {"chair", "secretariat", "superuser"}

# action, target, who is allowed
MATRIX = [
    ("can_take_part_in_group", "wg", MEMBERS_OF_WG),
    ("can_take_part_in_group", "dg", MEMBERS_OF_DG),
    ("can_view_group_content", "wg", MEMBERS_OF_WG),
    ("can_view_group_content", "dg", MEMBERS_OF_DG),
    ("can_manage_group", "wg", SECRETARIAT),
    ("can_manage_group", "dg", SECRETARIAT),
    ("can_act_as_chair", "wg", WG_CHAIR_ACTS),
    ("can_act_as_chair", "dg", SECRETARIAT),
    ("is_current_officer", "wg", {"chair"}),
    ("can_view_meeting", "meeting", ALL),
    ("can_view_meeting", "dg_meeting", MEMBERS_OF_DG),
    ("can_manage_meeting", "meeting", SECRETARIAT),
    # Documents (contributions): access follows the document's group
    ("can_view_document", "wg_document", MEMBERS_OF_WG),
    ("can_view_document", "dg_document", MEMBERS_OF_DG),
    ("can_manage_document", "wg_document", SECRETARIAT),
    ("can_manage_document", "dg_document", SECRETARIAT),
    ("can_admit_late", "wg", WG_CHAIR_ACTS),
    ("can_admit_late", "dg", SECRETARIAT),
    ("can_read_document_audit", "meeting", SECRETARIAT),
    ("can_subscribe_to_group", "wg", MEMBERS_OF_WG),
    ("can_subscribe_to_group", "dg", MEMBERS_OF_DG),
    # Meetings, sessions, agendas, working list
    ("can_view_session", "wg_session", ALL),
    ("can_view_session", "dg_session", MEMBERS_OF_DG),
    ("can_manage_sessions", "meeting", SECRETARIAT),
    ("can_adopt_time_plan", "meeting", WG_CHAIR_ACTS),
    ("can_view_participants", "meeting", MEMBERS_OF_WG),
    ("can_register_for_meeting", "meeting", MEMBERS_OF_WG - SECRETARIAT),
    ("can_record_attendance", "meeting", SECRETARIAT),
    ("can_view_agenda", "draft_agenda", SECRETARIAT | {"chair"}),
    ("can_view_agenda", "circulated_agenda", MEMBERS_OF_WG),
    ("can_view_agenda", "dg_agenda", MEMBERS_OF_DG),
    ("can_edit_agenda", "draft_agenda", SECRETARIAT),
    ("can_edit_agenda", "adopted_agenda", set()),
    ("can_adopt_agenda", "circulated_agenda", WG_CHAIR_ACTS),
    ("can_adopt_agenda", "adopted_agenda", set()),
    ("can_amend_agenda", "adopted_agenda", SECRETARIAT),
    ("can_view_working_list", "dg", MEMBERS_OF_DG),
    ("can_edit_working_list", "dg", SECRETARIAT),
    ("can_propose_meeting", "wg", SECRETARIAT),
    ("can_confirm_meeting_dates", "proposed_meeting", SECRETARIAT),
    ("can_confirm_meeting_dates", "meeting", set()),  # planned: nothing to confirm
    # Roadmap: WG-WSIS members see and comment, the secretariat edits the newest draft and answers
    ("can_view_roadmap_draft", "roadmap_draft", MEMBERS_OF_WG),
    ("can_view_roadmap_draft", "dg_roadmap_draft", MEMBERS_OF_DG),
    ("can_edit_roadmap_draft", "roadmap_draft", SECRETARIAT),
    ("can_edit_roadmap_draft", "superseded_roadmap_draft", set()),
    ("can_edit_roadmap_draft", "dg_roadmap_draft", SECRETARIAT),
    ("can_start_roadmap_draft", "superseded_roadmap_draft", SECRETARIAT),
    ("can_comment_on_roadmap_row", "roadmap_row", MEMBERS_OF_WG),
    ("can_comment_on_roadmap_row", "dg_roadmap_row", MEMBERS_OF_DG),
    ("can_mark_roadmap_comment", "roadmap_comment", SECRETARIAT),
    ("can_edit_action_line", "action_line", SECRETARIAT),
    # Reports: drafts for the secretariat and current officers, circulated to members, published
    # summaries of open groups to all; a DG report is released only by annexing it to an approved WG report
    ("can_view_report", "report_report_wg_draft", SECRETARIAT | {"chair"}),
    ("can_view_report", "report_report_wg_circulated", MEMBERS_OF_WG),
    ("can_view_report", "report_summary_wg_published", ALL),
    ("can_view_report", "report_report_dg_draft", SECRETARIAT | {"chair"}),
    ("can_view_report", "report_report_dg_circulated", MEMBERS_OF_DG),
    ("can_view_report", "report_report_dg_published", MEMBERS_OF_DG),
    ("can_view_report", "report_report_dg_annexed", MEMBERS_OF_WG),
    ("can_edit_report", "report_report_wg_circulated", SECRETARIAT),
    ("can_comment_on_report", "report_report_wg_circulated", MEMBERS_OF_WG),
    ("can_comment_on_report", "report_report_wg_draft", set()),
    ("can_comment_on_report", "report_report_dg_circulated", MEMBERS_OF_DG),
    ("can_approve_report", "report_report_wg_circulated", {"chair"}),
    # A sub-group's report is approved by its own current officers; only while it has none, by the
    # parent group's (who must also be able to see it): never by the secretariat.
    ("can_approve_report", "report_report_dg_circulated_dgchaired", {"ms_delegate"}),
    ("can_approve_report", "report_report_dg_circulated", {"chair"}),
    ("can_approve_report", "report_report_wg_circulated_dgchaired", {"chair"}),
    ("can_view_report", "report_report_dg_circulated_dgchaired", MEMBERS_OF_DG),
    ("can_publish_report", "report_report_wg_circulated", SECRETARIAT | {"chair"}),
]


def _target(world, name):
    if name.startswith("report_"):
        from tests.reports.targets import report_target

        return report_target(world, name)
    if name.startswith(("roadmap_", "dg_roadmap_", "superseded_roadmap_")) or name == "action_line":
        from tests.roadmap.targets import roadmap_target

        return roadmap_target(world, name)
    if name == "proposed_meeting":
        from tests.factories import make_meeting

        return make_meeting(world.wg, number=15, status="proposed")
    if name == "dg_meeting":
        from tests.factories import make_meeting

        return make_meeting(world.dg, number=1, title="DG-MARKER-7f3a")
    if name in {"wg_document", "dg_document"}:
        from tests.contributions.conftest import submit

        group = world.wg if name == "wg_document" else world.dg
        return submit(world, world.secretariat, group, "DG-MARKER-7f3a document")
    if name in {"wg_session", "dg_session"}:
        from tests.factories import make_session

        return make_session(world.meeting, group=world.wg if name == "wg_session" else world.dg, title="DG-MARKER-7f3a")
    if name.endswith("_agenda"):
        from tests.meetings.conftest import make_agenda

        if name == "dg_agenda":
            return make_agenda(_target(world, "dg_meeting"), status="circulated")
        return make_agenda(world.meeting, status=name.removesuffix("_agenda"))
    return getattr(world, name)


@pytest.mark.parametrize("persona", sorted(ALL))
@pytest.mark.parametrize(("action", "target", "allowed"), MATRIX, ids=[f"{a}-{t}" for a, t, _ in MATRIX])
def test_access_matrix(world, persona, action, target, allowed):
    user = world.personas[persona]
    obj = _target(world, target)
    assert getattr(access, action)(user, obj) is (persona in allowed)


# The lists: every view predicate has its queryset, and the two agree on every row of the table.
VISIBLE = {
    "can_view_meeting": "visible_meetings",
    "can_view_session": "visible_sessions",
    "can_view_agenda": "visible_agendas",
    "can_view_document": "visible_documents",
    "can_view_roadmap_draft": "visible_roadmap_drafts",
    "can_view_report": "visible_reports",
}
LIST_ROWS = [row for row in MATRIX if row[0] in VISIBLE]


@pytest.mark.parametrize("persona", sorted(ALL))
@pytest.mark.parametrize(("action", "target", "allowed"), LIST_ROWS, ids=[f"{a}-{t}" for a, t, _ in LIST_ROWS])
def test_visible_querysets_agree_with_the_predicates(world, persona, action, target, allowed):
    user = world.personas[persona]
    obj = _target(world, target)
    visible = getattr(access, VISIBLE[action])(user)
    assert visible.filter(pk=obj.pk).exists() is (persona in allowed)
    assert visible.filter(pk=obj.pk).count() == (persona in allowed)  # no duplicate rows from joins


def test_access_matrix_fails_if_dedicated_group_is_widened(world):
    """Widening the Dedicated Group's open_to must change the answer for the Sector Member."""
    assert not access.can_view_group_content(world.sm_delegate, world.dg)
    world.dg.open_to = ["member_state", "sector_member"]
    world.dg.save()
    assert access.can_view_group_content(world.sm_delegate, world.dg)


def test_subgroup_never_wider_than_parent(world):
    """A sub-group open to a category its parent excludes still excludes it (inheritance)."""
    world.wg.open_to = ["member_state"]
    world.wg.save()
    world.dg.open_to = ["member_state", "sector_member"]
    world.dg.save()
    assert not access.can_take_part_in_group(world.sm_delegate, world.dg)


@pytest.mark.parametrize(
    ("today", "officer"),
    [
        (datetime.date(2008, 1, 24), True),  # last day of the term
        (datetime.date(2008, 1, 25), False),  # the day the term ends grants nothing
        (datetime.date(2009, 2, 11), False),
    ],
)
def test_ended_term_no_longer_grants_officer_rights(world, today, officer):
    now = datetime.datetime.combine(today, datetime.time(12), tzinfo=datetime.UTC)
    assert access.is_current_officer(world.former_vice_chair, world.wg, now=now) is officer


def test_appointment_not_yet_started_grants_nothing(world):
    from tests.factories import make_appointment

    make_appointment(world.dg, world.ms_delegate, "chair", start=datetime.date(2100, 1, 1))
    assert not access.is_current_officer(world.ms_delegate, world.dg)
    assert not access.can_act_as_chair(world.ms_delegate, world.dg)


@pytest.mark.parametrize("persona", sorted(ALL - MEMBERS_OF_DG))
def test_restricted_meeting_fetch_is_404_for_outsiders(world, persona):
    meeting = _target(world, "dg_meeting")
    with pytest.raises(Http404) as exc:
        access.get_meeting_for_view_or_404(world.personas[persona], meeting.pk)
    assert "DG-MARKER" not in str(exc.value)


@pytest.mark.parametrize("persona", sorted(MEMBERS_OF_WG - SECRETARIAT))
def test_meeting_manage_is_403_for_members_who_can_see_it(world, persona):
    with pytest.raises(PermissionDenied):
        access.get_meeting_for_manage_or_404(world.personas[persona], world.meeting.pk)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("ms_delegate", "because you represent Saudi Arabia (Member State)"),
        ("secretariat", "as secretariat staff"),
        ("sm_delegate", None),
        ("anonymous", None),
    ],
)
def test_why_visible_label(world, persona, expected):
    label = access.why_visible(world.personas[persona], world.dg)
    if expected is None:
        assert label is None
    else:
        assert expected in label and "Open to Member States." in label


@pytest.mark.parametrize("persona", sorted(ALL))
def test_every_group_is_listed_to_everyone_but_its_content_is_not(world, persona):
    """The Dedicated Group's name and audience are public; what it holds is not."""
    user = world.personas[persona]
    assert access.get_group_or_404(user, world.dg.code) == world.dg
    assert access.can_view_group_content(user, world.dg) is (persona in MEMBERS_OF_DG)
    with pytest.raises(Http404):
        access.get_group_or_404(user, "NO-SUCH-GROUP")
