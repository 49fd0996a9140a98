"""The secretariat confirms a proposed meeting's dates on the meeting page, outside the admin."""

import datetime
import re

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Meeting
from tests.factories import make_meeting

PROPOSED = (datetime.date(2009, 6, 22), datetime.date(2009, 6, 24))


@pytest.fixture
def proposed(world):
    return make_meeting(world.wg, number=15, start=PROPOSED[0], days=3, status="proposed")


def post_confirm(client, meeting, start="2009-06-22", end="2009-06-24"):
    return client.post(
        reverse("meetings:meeting_confirm_dates", args=[meeting.pk]), {"start_date": start, "end_date": end}
    )


def state(meeting):
    meeting = Meeting.objects.get(pk=meeting.pk)
    return meeting.status, meeting.start_date, meeting.end_date


@pytest.mark.parametrize(
    ("persona", "answer"),
    [
        ("anonymous", 302),  # to the login page
        ("sm_delegate", 403),
        ("ms_delegate", 403),
        ("chair", 403),
        ("former_vice_chair", 403),
        ("secretariat", 302),  # back to the meeting page, confirmed
        ("superuser", 302),
    ],
)
def test_only_the_secretariat_confirms_dates(world, client, proposed, persona, answer):
    user = world.personas[persona]
    if user.is_authenticated:
        client.force_login(user)
    response = post_confirm(client, proposed)
    assert response.status_code == answer
    confirmed = persona in {"secretariat", "superuser"}
    assert state(proposed) == (("planned", *PROPOSED) if confirmed else ("proposed", *PROPOSED))
    if persona == "anonymous":
        assert response.url.startswith(reverse("login"))


def test_meeting_page_offers_the_form_to_the_secretariat_only(world, client, proposed):
    url = reverse("meetings:meeting_detail", args=[proposed.pk])
    client.force_login(world.ms_delegate)
    assert 'data-testid="confirm-dates"' not in client.get(url).content.decode()
    client.force_login(world.secretariat)
    html = client.get(url).content.decode()
    assert 'data-testid="confirm-dates"' in html and 'value="2009-06-22"' in html and "Confirm these dates" in html


def test_confirming_moved_dates_plans_the_meeting_on_them(world, client, proposed):
    client.force_login(world.secretariat)
    response = post_confirm(client, proposed, start="2009-07-06", end="2009-07-08")
    assert state(proposed) == ("planned", datetime.date(2009, 7, 6), datetime.date(2009, 7, 8))
    page = client.get(response.url).content.decode()
    assert "The dates are confirmed: the meeting is planned." in page
    assert 'data-testid="confirm-dates"' not in page  # nothing left to confirm
    assert re.search(r'data-testid="meeting-dates">([^<]*)<', page).group(1).strip() == "6–8 July 2009"
    assert re.search(r'data-testid="meeting-status">([^<]*)<', page).group(1) == "Planned"


def test_last_day_before_first_is_refused_with_a_message_and_nothing_changes(world, client, proposed):
    client.force_login(world.secretariat)
    response = post_confirm(client, proposed, start="2009-07-08", end="2009-07-06")
    assert state(proposed) == ("proposed", *PROPOSED)
    page = client.get(response.url).content.decode()
    assert "The dates were not confirmed: The last day cannot be before the first day." in page


def test_a_planned_meeting_has_nothing_to_confirm(world, client):
    client.force_login(world.secretariat)
    before = state(world.meeting)
    response = post_confirm(client, world.meeting, start="2010-01-01", end="2010-01-02")
    assert state(world.meeting) == before
    assert "The dates of this meeting are already confirmed." in client.get(response.url).content.decode()


def test_second_confirmation_is_refused_by_the_service(world, proposed):
    services.confirm_meeting_dates(meeting=proposed, start_date=PROPOSED[0], end_date=PROPOSED[1])
    with pytest.raises(services.DatesNotProposed):
        services.confirm_meeting_dates(meeting=proposed, start_date=PROPOSED[0], end_date=PROPOSED[1])


def test_hidden_meeting_answers_404_even_to_a_confirmation(world, client):
    dg_meeting = make_meeting(world.dg, number=1, status="proposed")
    client.force_login(world.sm_delegate)
    assert post_confirm(client, dg_meeting).status_code == 404
    assert state(dg_meeting)[0] == "proposed"
