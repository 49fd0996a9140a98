"""Drafts, in-place edits with optimistic locking, comments and ITU's role history."""

import datetime

import pytest
from django.db import IntegrityError

from roadmap import services
from roadmap.models import (
    CommentStatus,
    DraftStatus,
    FundingSource,
    RoadmapDraft,
    RowComment,
    action_lines_with_roles,
)
from tests.roadmap.factories import estimate, make_goal, make_partner
from wsisportal.optimistic import EditConflict


def test_start_next_draft_copies_every_row_with_its_columns(rw):
    goal, partner = make_goal(4), make_partner("UNODC")
    rw.row_a.strategic_goals.add(goal)
    rw.row_a.partners.add(partner)
    rw.row_a.milestones.create(date=datetime.date(2010, 10, 4), label="PP-10")
    estimate(rw.row_a, 2010, FundingSource.EXTRA, amount=500000, staff_months=6)

    new = services.start_next_draft(draft=rw.draft, user=rw.world.secretariat)

    assert new.number == 4 and new.based_on == rw.draft and new.status == DraftStatus.DRAFT
    copied = {row.code: row for row in new.rows.all()}
    assert set(copied) == {"A", "A1"}
    a = copied["A"]
    assert a.key == rw.row_a.key and a.pk != rw.row_a.pk
    assert list(a.strategic_goals.all()) == [goal] and list(a.partners.all()) == [partner]
    assert [(m.date.year, m.label) for m in a.milestones.all()] == [(2010, "PP-10")]
    assert [(e.year, e.amount) for e in a.resources.all()] == [(2010, 500000)]
    assert rw.draft.rows.get(code="A").resources.count() == 1  # the original keeps its own


def test_start_next_draft_freezes_earlier_drafts(rw):
    new = services.start_next_draft(draft=rw.draft, user=rw.world.secretariat)
    rw.draft.refresh_from_db()
    assert rw.draft.superseded and not rw.draft.is_editable
    assert new.is_editable
    newer = services.start_next_draft(draft=rw.draft, user=rw.world.secretariat)  # from an older one
    assert newer.number == 5
    assert list(RoadmapDraft.objects.filter(superseded=False)) == [newer]


def test_draft_numbers_are_unique_per_roadmap(rw):
    with pytest.raises(IntegrityError):
        RoadmapDraft.objects.create(roadmap=rw.roadmap, number=3)


def test_update_row_cell_writes_and_bumps_revision(rw):
    row = services.update_row_cell(
        row=rw.row_a,
        cell="results",
        data={"itu_role": "partner", "expected_results": "New results"},
        expected_revision=0,
    )
    assert (row.itu_role, row.expected_results, row.revision) == ("partner", "New results", 1)


def test_update_row_cell_refuses_stale_revision_and_writes_nothing(rw):
    data = {"itu_role": "", "expected_results": "First"}
    services.update_row_cell(row=rw.row_a, cell="results", data=data, expected_revision=0)
    with pytest.raises(EditConflict) as stale:
        services.update_row_cell(
            row=rw.row_a, cell="results", data={"itu_role": "", "expected_results": "Second"}, expected_revision=0
        )
    assert stale.value.current.expected_results == "First"
    rw.row_a.refresh_from_db()
    assert (rw.row_a.expected_results, rw.row_a.revision) == ("First", 1)


def test_update_row_cell_replaces_stages_and_estimates(rw):
    estimate(rw.row_a, 2009, FundingSource.REGULAR, amount=1)
    services.update_row_cell(
        row=rw.row_a,
        cell="resources",
        expected_revision=0,
        data={"estimates": [(2010, "extra", None, 700), (2011, "regular", 2, None)]},
    )
    services.update_row_cell(
        row=rw.row_a,
        cell="timing",
        expected_revision=1,
        data={"start": datetime.date(2009, 1, 1), "end": None, "milestones": [(datetime.date(2010, 5, 10), "Forum")]},
    )
    assert sorted((e.year, e.source, e.amount) for e in rw.row_a.resources.all()) == [
        (2010, "extra", 700),
        (2011, "regular", None),
    ]
    assert [m.label for m in rw.row_a.milestones.all()] == ["Forum"]


def test_remove_row_refused_when_members_commented(rw, now):
    services.add_comment(row=rw.row_a1, author=rw.world.ms_delegate, text="Keep it", now=now)
    with pytest.raises(services.RowRemovalRefused):
        services.remove_row(row=rw.row_a1)
    services.remove_row(row=rw.row_a)
    assert list(rw.draft.rows.values_list("code", flat=True)) == ["A1"]


def test_comment_records_organisation_and_answer(rw, now):
    comment = services.add_comment(
        row=rw.row_a, author=rw.world.ms_delegate, text="  Reference to ITU Child Online Protection  ", now=now
    )
    assert comment.organisation.short_name == "KSA" and comment.text == "Reference to ITU Child Online Protection"
    services.answer_comment(
        comment=comment, status=CommentStatus.TAKEN, reply="Added as A4", user=rw.world.secretariat, now=now
    )
    comment.refresh_from_db()
    assert (comment.status, comment.reply, comment.replied_by) == ("taken", "Added as A4", rw.world.secretariat)


def test_answered_comment_needs_who_and_when(rw, now):
    with pytest.raises(IntegrityError):
        RowComment.objects.create(
            row=rw.row_a, author=rw.world.ms_delegate, text="x", created_at=now, status=CommentStatus.TAKEN
        )


@pytest.mark.parametrize(
    ("day", "role"),
    [
        (datetime.date(2008, 4, 30), "partner"),  # the day before the change
        (datetime.date(2008, 5, 1), "temporary_facilitator"),  # the day it changes
        (datetime.date(2009, 2, 11), "temporary_facilitator"),
        (datetime.date(2006, 2, 23), None),  # before anything was recorded
    ],
)
def test_itu_role_history_answers_per_date(world, day, role, django_assert_num_queries):
    from tests.roadmap.factories import make_action_line

    c6 = make_action_line("C6", "Enabling environment", role="partner")
    services.record_itu_role(
        action_line=c6, role="temporary_facilitator", valid_from=datetime.date(2008, 5, 1), note="at UNDP's request"
    )
    entry = c6.role_on(day)
    assert (entry.role if entry else None) == role
    assert c6.role_history.count() == 2  # the earlier role is kept
    # The matrix reads every line and its history in one query; it answers the same.
    make_action_line("C9", "Media", role=None)
    with django_assert_num_queries(1):
        lines = action_lines_with_roles()
        loaded = lines[c6.pk].role_on(day)
    assert [line.code for line in lines.values()] == ["C6", "C9"] and lines[c6.pk].name == "Enabling environment"
    assert (
        (loaded.role, loaded.note, loaded.valid_from) == (entry.role, entry.note, entry.valid_from)
        if entry
        else not loaded
    )
