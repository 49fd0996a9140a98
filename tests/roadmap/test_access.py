"""Fetch-and-check helpers of the roadmap: 404 for what the user may not see, 403 for what
they see but may not change; the restricted group's roadmap never shows its content."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from roadmap import services
from tests.roadmap.factories import make_draft, make_roadmap, make_row
from wsisportal import access


@pytest.fixture
def dg_row(rw):
    draft = make_draft(make_roadmap(rw.world.dg, title="DG-ROADMAP-MARKER-51"), 1)
    return make_row(draft, rw.c5, "A", "DG-OUTCOME-MARKER-51")


@pytest.mark.parametrize("persona", ["anonymous", "sm_delegate"])
def test_restricted_roadmap_helpers_answer_404(rw, dg_row, persona):
    user = rw.world.personas[persona]
    for helper, pk in [
        (access.get_roadmap_draft_for_view_or_404, dg_row.draft_id),
        (access.get_roadmap_row_for_view_or_404, dg_row.pk),
        (access.get_roadmap_row_for_comment_or_404, dg_row.pk),
        (access.get_roadmap_row_for_edit_or_404, dg_row.pk),
    ]:
        with pytest.raises(Http404) as exc:
            helper(user, pk)
        assert "MARKER-51" not in str(exc.value)
    assert all(d.roadmap.title != "DG-ROADMAP-MARKER-51" for d in access.visible_roadmap_drafts(user))


@pytest.mark.parametrize("persona", ["sm_delegate", "ms_delegate", "chair"])
def test_members_who_see_the_roadmap_get_403_for_secretariat_acts(rw, persona):
    user = rw.world.personas[persona]
    comment = services.add_comment(row=rw.row_a, author=rw.world.ms_delegate, text="x")
    for helper, pk in [
        (access.get_roadmap_draft_for_edit_or_404, rw.draft.pk),
        (access.get_roadmap_draft_for_start_or_404, rw.draft.pk),
        (access.get_roadmap_row_for_edit_or_404, rw.row_a.pk),
        (access.get_roadmap_comment_for_mark_or_404, comment.pk),
        (access.get_action_line_for_edit_or_404, rw.c5.pk),
    ]:
        with pytest.raises(PermissionDenied):
            helper(user, pk)
    assert access.get_roadmap_row_for_comment_or_404(user, rw.row_a.pk) == rw.row_a


def test_secretariat_may_not_edit_a_superseded_draft(rw):
    services.start_next_draft(draft=rw.draft, user=rw.world.secretariat)
    with pytest.raises(PermissionDenied, match="frozen"):
        access.get_roadmap_row_for_edit_or_404(rw.world.secretariat, rw.row_a.pk)


def test_a_draft_issued_to_a_restricted_meeting_is_listed_to_nobody_outside_it(world, client):
    """Finding 4: the roadmap page and a draft's "compare with" list named a draft issued to a
    Dedicated Group meeting. Lists take their rows from access.visible_roadmap_drafts."""
    from django.urls import reverse

    from tests.factories import make_meeting
    from tests.roadmap.factories import make_draft, make_roadmap

    roadmap = make_roadmap(world.wg)
    open_draft = make_draft(roadmap, 2)
    dg_meeting = make_meeting(world.dg, number=1, title="DG sitting")
    make_draft(roadmap, 3, meeting=dg_meeting, symbol="DG-IPP-1/RM-MARKER")
    pages = [reverse("roadmap:index"), reverse("roadmap:draft", args=[open_draft.pk])]
    client.force_login(world.sm_delegate)
    for url in pages:
        assert "RM-MARKER" not in client.get(url).content.decode(), url
    client.force_login(world.ms_delegate)
    for url in pages:
        assert "RM-MARKER" in client.get(url).content.decode(), url


@pytest.mark.parametrize("persona", ["sm_delegate", "ms_delegate"])
def test_draft_and_others_are_the_visible_drafts_of_its_roadmap(world, persona):
    """The matrix reads its draft and the drafts to compare with in one query: the same draft as
    get_roadmap_draft_for_view_or_404 gives, the others newest first, none the user may not see."""
    from tests.factories import make_meeting

    user = world.personas[persona]
    roadmap = make_roadmap(world.wg)
    first, second = make_draft(roadmap, 1), make_draft(roadmap, 2, meeting=world.meeting)
    hidden = make_draft(roadmap, 3, meeting=make_meeting(world.dg, number=1, title="DG sitting"))
    make_draft(make_roadmap(world.wg, title="Another roadmap"), 4)
    draft, others = access.get_roadmap_draft_and_others_for_view_or_404(user, first.pk)
    assert draft == access.get_roadmap_draft_for_view_or_404(user, first.pk)
    assert draft.roadmap.group == world.wg and draft.meeting is None
    sees_dg = persona == "ms_delegate"
    assert others == ([hidden, second] if sees_dg else [second])
    assert others[-1].meeting.group == world.wg
    if sees_dg:
        assert access.get_roadmap_draft_and_others_for_view_or_404(user, hidden.pk)[0] == hidden
    else:
        for pk in (hidden.pk, 10**6, "x"):
            with pytest.raises(Http404):
                access.get_roadmap_draft_and_others_for_view_or_404(user, pk)
