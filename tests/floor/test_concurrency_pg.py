"""The list of speakers under concurrency, for real: twenty delegates of twenty delegations ask
for the floor at the same instant (threads released by one Barrier, PostgreSQL). Each gets
exactly one place, the positions are 1…20 without a gap or a repeat, and the order is stable.
The same delegation asking twice at once gets one place."""

import pytest
from django.db import connection

from floor import services
from floor.models import RequestStatus, SpeakerRequest
from meetings.models import OrganisationKind
from tests.factories import World, make_organisation, make_user
from tests.test_concurrency import at_once

from .helpers import open_sittings

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite serialises every writer, so twenty requests can never really meet.",
)


def test_twenty_delegates_asking_at_once_get_one_place_each(transactional_db):
    world = World()
    wg, _dg = open_sittings(world)
    users = [make_user(make_organisation(OrganisationKind.MEMBER_STATE, f"State {i:02}")) for i in range(20)]
    outcomes = at_once(*[lambda u=u: services.request_floor(sitting=wg, user=u).pk for u in users])
    assert [kind for kind, _ in outcomes] == ["ok"] * 20
    rows = list(SpeakerRequest.objects.filter(sitting=wg).order_by("position"))
    assert [r.position for r in rows] == list(range(1, 21))
    assert sorted(r.delegation.name for r in rows) == [f"State {i:02}" for i in range(20)]
    # Stable: the order the floor is given is the order the positions were allocated, every time.
    order = [r.pk for r in services.queue(wg)]
    assert order == [r.pk for r in rows] == [r.pk for r in services.queue(wg)]
    # …and it is the order in which the requests reached the lock (request times never decrease).
    times = [r.requested_at for r in rows]
    assert times == sorted(times)
    wg.refresh_from_db()
    assert wg.version == 1 + 20


def test_one_delegation_asking_twice_at_once_gets_one_place(transactional_db):
    world = World()
    wg, _dg = open_sittings(world)
    colleague = make_user(world.member_state)
    outcomes = at_once(
        lambda: services.request_floor(sitting=wg, user=world.ms_delegate),
        lambda: services.request_floor(sitting=wg, user=colleague),
    )
    assert sorted(kind for kind, _ in outcomes) == ["error", "ok"]
    assert SpeakerRequest.objects.filter(sitting=wg, status=RequestStatus.WAITING).count() == 1
