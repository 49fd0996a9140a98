"""`make bench SCALE=10` grows the dataset beside the objects it times (ops/benchdata.grow), and
the live row's participants read the reader's own part as static/js/floor.js does
(ops/benchlive.personal_state, written as floor/live.personal_state writes it)."""

import re

import pytest
from django.urls import reverse

from contributions.models import Document, DocumentFile
from floor import services
from meetings.models import Group, Meeting, Session, User
from ops import benchdata, benchlive
from roadmap.models import RoadmapDraft, RoadmapRow
from tests.factories import make_user
from tests.floor.helpers import open_sittings
from tests.roadmap.factories import make_action_line


@pytest.fixture
def small(monkeypatch):
    for name, value in {"MEETINGS": 2, "DOCUMENTS": 6, "USERS": 4, "ROWS_PER_LINE": 2}.items():
        monkeypatch.setattr(benchdata, name, value)


def test_growing_adds_whole_groups_beside_the_dataset_and_leaves_it_as_it_was(world, small):
    make_user(world.secretariat_unit, "secretariat")
    make_action_line()
    make_action_line()
    before = {
        "meetings": list(Meeting.objects.filter(group=world.wg).values_list("pk", flat=True)),
        "documents": list(Document.objects.values_list("pk", flat=True)),
    }
    users = User.objects.count()
    benchdata.grow(scale=3, stdout=type("Out", (), {"write": staticmethod(lambda line: None)})())
    grown = Group.objects.filter(code__startswith="BENCH-").order_by("code")
    assert [g.code for g in grown] == ["BENCH-1", "BENCH-2"]
    assert all(g.open_to == world.wg.open_to for g in grown)
    for group in grown:
        assert Meeting.objects.filter(group=group).count() == 2
        assert Session.objects.filter(meeting__group=group, group=group).count() == 6
        assert Document.objects.filter(group=group).count() == 6
        assert DocumentFile.objects.filter(document__group=group).count() == 12
        draft = RoadmapDraft.objects.get(roadmap__group=group)
        assert RoadmapRow.objects.filter(draft=draft).count() == 2 * 2
    assert User.objects.count() == users + 2 * 4
    assert list(Meeting.objects.filter(group=world.wg).values_list("pk", flat=True)) == before["meetings"]
    assert set(before["documents"]) <= set(Document.objects.values_list("pk", flat=True))


STATE = re.compile(r'data-state="([^"]*)"')
PUBLIC = re.compile(r'data-testid="floor-public">(.*)</div>\s*$', re.S)


def test_the_simulated_participant_reads_its_own_state_as_the_server_writes_it(world, client):
    wg, dg = open_sittings(world)
    services.request_floor(sitting=wg, user=world.ms_delegate)
    services.request_floor(sitting=dg, user=world.chair)
    services.set_list_closed(sitting=dg, closed=True)
    client.force_login(world.ms_delegate)
    page = client.get(reverse("floor:meeting_live", args=[world.meeting.pk])).content.decode()
    own, asks, state = benchlive.PERSONAL.search(page).groups()
    assert state == STATE.search(page).group(1) and ":" in state
    assert benchlive.personal_state(PUBLIC.search(page).group(1), own, set(asks.split())) == state


def test_a_simulated_participant_follows_a_sitting_through_a_real_server(transactional_db, world, live_server, client):
    """The live row's participant speaks HTTP on a bare socket: the panel with the session, then
    the watch URL with the ETag it holds (304 while unchanged), and each move seen once."""
    wg, _dg = open_sittings(world)
    client.force_login(world.ms_delegate)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    host, port = live_server.url.removeprefix("http://").split(":")
    path = reverse("floor:meeting_live", args=[world.meeting.pk])
    participant = benchlive.Participant(host, int(port), path, cookie, stop=None)
    participant.poll()  # the panel, with the session
    assert (participant.panels, participant.errors) == (1, 0) and participant.watch.startswith("/floor/live/")
    first = list(participant.seen)
    participant.poll()  # unchanged: 304
    assert (participant.polls, participant.panels, list(participant.seen)) == (1, 1, first)
    moved = services.move_to_item(sitting=wg, step=1)
    participant.poll()
    assert participant.polls == 2 and participant.errors == 0
    assert list(participant.seen) == [*first, moved.current_item.title]
