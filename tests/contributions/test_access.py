"""Who may submit where (a three-argument predicate, so beside the main matrix)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.contributions.conftest import submit
from wsisportal import access

# persona, may submit to WG-WSIS, may submit to DG-IPP
SUBMIT = [
    ("anonymous", False, False),
    ("sm_delegate", True, False),
    ("ms_delegate", True, True),
    ("chair", True, True),
    ("secretariat", True, True),
    ("superuser", True, True),
]


@pytest.mark.parametrize(("persona", "to_wg", "to_dg"), SUBMIT)
def test_can_submit_to_meeting(world, persona, to_wg, to_dg):
    user = world.personas[persona]
    assert access.can_submit_to_meeting(user, world.meeting, world.wg) is to_wg
    assert access.can_submit_to_meeting(user, world.meeting, world.dg) is to_dg
    groups = [g.code for g in access.submittable_groups(user, world.meeting)] if user.is_authenticated else []
    assert groups == [c for c, ok in [("WG-WSIS", to_wg), ("DG-IPP", to_dg)] if ok]


def test_document_fetch_is_404_for_outsiders_and_403_to_change(world):
    doc = submit(world, world.ms_delegate, world.dg, "DG-FETCH-MARKER")
    with pytest.raises(Http404) as exc:
        access.get_document_for_view_or_404(world.sm_delegate, doc.pk)
    assert "DG-FETCH-MARKER" not in str(exc.value)
    with pytest.raises(PermissionDenied):
        access.get_document_for_manage_or_404(world.ms_delegate, doc.pk)
    assert access.get_document_for_manage_or_404(world.secretariat, doc.pk) == doc


def test_submit_page_is_403_for_a_user_without_a_group(client, world):
    from django.urls import reverse

    from meetings.models import OrganisationKind
    from tests.factories import make_organisation, make_user

    observer = make_user(make_organisation(OrganisationKind.OBSERVER))
    client.force_login(observer)
    assert client.get(reverse("contributions:submit", args=[world.meeting.pk])).status_code == 403
