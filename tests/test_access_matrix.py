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
    ("can_view_group_listing", "wg", ALL),
    ("can_view_group_listing", "dg", ALL),
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
]


def _target(world, name):
    if name == "dg_meeting":
        from tests.factories import make_meeting

        return make_meeting(world.dg, number=1, title="DG-MARKER-7f3a")
    return getattr(world, name)


@pytest.mark.parametrize("persona", sorted(ALL))
@pytest.mark.parametrize(("action", "target", "allowed"), MATRIX, ids=[f"{a}-{t}" for a, t, _ in MATRIX])
def test_access_matrix(world, persona, action, target, allowed):
    user = world.personas[persona]
    obj = _target(world, target)
    assert getattr(access, action)(user, obj) is (persona in allowed)


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
