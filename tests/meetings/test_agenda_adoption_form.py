"""The adoption form: its date defaults to the meeting's date, its dialog says what adopting
does, and an amended version shows the redline against the version before it."""

import html
import re

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Agenda
from tests.meetings.conftest import make_agenda, make_item


def _adopt_form(page):
    return re.search(r'<form[^>]*data-testid="adopt-form"[^>]*>', page)[0]


@pytest.mark.django_db
def test_adoption_date_defaults_to_the_meetings_date_not_today(world, client_for):
    agenda = make_agenda(world.meeting, status="circulated")
    make_item(agenda, "Opening")
    page = client_for(world.chair).get(reverse("meetings:agenda_detail", args=[agenda.pk])).content.decode()
    assert f'name="adopted_on" value="{world.meeting.start_date.isoformat()}"' in page
    form = html.unescape(_adopt_form(page))
    assert "adopted version 1 of its agenda" in form and "frozen for good" in form
    assert "data-confirm-include" not in form  # a first version has nothing to compare with


@pytest.mark.django_db
def test_amended_version_shows_redline_against_the_adopted_one(world, client_for):
    adopted = make_agenda(world.meeting, status="adopted")
    make_item(adopted, "Opening")
    make_item(adopted, "Other business")
    amended = services.amend_agenda(agenda=adopted)
    opening = amended.items.get(title="Opening")
    services.update_agenda_item(item=opening, revision=0, title="Opening of the meeting", description="",
                                presenter="", label="")  # fmt: skip
    services.circulate_agenda(agenda=Agenda.objects.get(pk=amended.pk), revision=1)
    page = client_for(world.chair).get(reverse("meetings:agenda_detail", args=[amended.pk])).content.decode()
    assert 'data-confirm-include="adopt-redline"' in _adopt_form(page)
    redline = page[page.index('id="adopt-redline"') :]
    assert "Opening <ins>of the meeting</ins>" in redline and 'data-testid="change-changed"' in redline
