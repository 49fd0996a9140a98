import datetime

import pytest

from meetings.models import Agenda, AgendaItem


@pytest.fixture
def client_for(client):
    def _login(user):
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        return client

    return _login


def make_agenda(meeting, status="draft", **extra):
    if status == "adopted":
        extra.setdefault("adopted_as", "drafted")
        extra.setdefault("adopted_on", datetime.date(2009, 2, 11))
    return Agenda.objects.create(meeting=meeting, status=status, **extra)


def make_item(agenda, title, parent=None, position=None, **extra):
    if position is None:
        position = agenda.items.filter(parent=parent).count()
    return AgendaItem.objects.create(agenda=agenda, parent=parent, position=position, title=title, **extra)
