import datetime

import pytest

from tests.roadmap.factories import make_action_line, make_draft, make_roadmap, make_row


class RoadmapWorld:
    """The WG-WSIS roadmap with its third draft (WG-WSIS-14/3) and two rows under C5."""

    def __init__(self, world):
        self.world = world
        self.c2 = make_action_line("C2", "Information and communication infrastructure", position=2)
        self.c5 = make_action_line("C5", "Building confidence and security in the use of ICTs", position=5)
        self.roadmap = make_roadmap(world.wg)
        self.draft = make_draft(self.roadmap, 3, meeting=world.meeting, symbol="WG-WSIS-14/3")
        self.row_a = make_row(self.draft, self.c5, "A", "Promote cooperation among the governments", position=1)
        self.row_a1 = make_row(self.draft, self.c5, "A1", "Global Cybersecurity Agenda", position=2)


@pytest.fixture
def rw(world):
    return RoadmapWorld(world)


@pytest.fixture
def now():
    return datetime.datetime(2009, 2, 12, 10, 0, tzinfo=datetime.UTC)
