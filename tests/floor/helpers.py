"""Sittings for the floor's tests: the World's 14th meeting with an adopted agenda of three items
(the second with a sub-item) and one sitting of WG-WSIS and one of the Dedicated Group."""

import datetime

from floor import services
from meetings.models import Agenda, AgendaItem, AgendaStatus
from tests.factories import make_session


def make_agenda(meeting, titles=("Opening", "Information reports", "Roadmap"), child="ITU-D activities"):
    agenda = Agenda.objects.create(
        meeting=meeting, status=AgendaStatus.ADOPTED, adopted_as="drafted", adopted_on=meeting.start_date
    )
    items = [AgendaItem.objects.create(agenda=agenda, position=i, title=t) for i, t in enumerate(titles)]
    AgendaItem.objects.create(agenda=agenda, parent=items[1], position=0, title=child, label="2a")
    return agenda


def open_sittings(world):
    """(WG-WSIS sitting, Dedicated Group sitting), both open on item 1."""
    make_agenda(world.meeting)
    wg = make_session(world.meeting, title="WG morning")
    dg = make_session(world.meeting, group=world.dg, date=world.meeting.start_date + datetime.timedelta(days=1))
    return (
        services.open_sitting(session=wg, by=world.secretariat),
        services.open_sitting(session=dg, by=world.secretariat),
    )
