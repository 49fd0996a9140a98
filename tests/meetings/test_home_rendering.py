"""The home page prints what it printed before its body became Jinja2 (jinja2/meetings/home_body.html).

The reference is the old Django template, moved unchanged to tests/meetings/reference/ (its includes,
meeting_line.html and date_range.html, are still the group pages' and are read from templates/),
rendered from what the old view gave it. Compared byte for byte, for every persona and in every
language, with names, venues and titles carrying the quotes on which Django's escaping and
markupsafe's differ, and date ranges of every shape."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Prefetch
from django.template import Context, Engine
from django.urls import reverse
from django.utils import timezone, translation

from meetings.models import Group, Meeting
from tests.factories import PERSONAS, make_group, make_meeting
from wsisportal import access
from wsisportal.jinja import date_range

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
REFERENCE = Engine(dirs=[REFERENCE_DIR, TEMPLATES_DIR], libraries={"i18n": "django.templatetags.i18n"})
TRICKY = 'O\'Brien & "Sons" <b>'


def _old_home_body(user):
    groups = Group.objects.filter(parent__isnull=True).prefetch_related(
        Prefetch("subgroups", queryset=Group.objects.select_related("parent"))
    )
    meetings = access.visible_meetings(user, Meeting.objects.select_related("group"))
    context = {"groups": groups, "upcoming_meetings": meetings.upcoming()[:10], "recent_meetings": meetings.past()[:5]}
    return REFERENCE.from_string((REFERENCE_DIR / "home_body.html").read_text()).render(Context(context))


@pytest.fixture
def home_world(world):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    make_meeting(world.wg, 15, start=today, days=1, venue=TRICKY)  # one day, today: upcoming
    make_meeting(world.wg, 16, start=datetime.date(today.year + 1, 1, 30), days=4, venue="")  # across a month
    make_meeting(world.wg, 17, start=datetime.date(today.year + 1, 12, 30), days=5, title=TRICKY)  # across a year
    world.dg_meeting = make_meeting(world.dg, 1, start=today + 40 * day, days=2)  # Member States only
    make_group("OTHER", name=TRICKY, open_to=("member_state", "sector_member", "associate"))
    return world


@pytest.mark.parametrize("persona", PERSONAS)
def test_home_is_what_the_old_template_printed(client, home_world, persona):
    user = home_world.personas[persona]
    if user.is_authenticated:
        client.force_login(user)
    page = client.get(reverse("meetings:home")).content.decode()
    assert _old_home_body(user) in page  # byte for byte
    dg_meeting = f'href="{reverse("meetings:meeting_detail", args=[home_world.dg_meeting.pk])}"'
    assert (dg_meeting in page) == access.can_view_meeting(user, home_world.dg_meeting)
    assert (dg_meeting in page) == (persona not in ("anonymous", "sm_delegate"))


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_home_is_what_the_old_template_printed_in_every_language(client, home_world, language):
    user = home_world.ms_delegate
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    page = client.get(reverse("meetings:home")).content.decode()
    with translation.override(language):
        assert _old_home_body(user) in page


DAYS = [
    (datetime.date(2009, 2, 11), datetime.date(2009, 2, 11)),
    (datetime.date(2009, 2, 11), datetime.date(2009, 2, 13)),
    (datetime.date(2009, 3, 30), datetime.date(2009, 4, 1)),
    (datetime.date(2009, 12, 30), datetime.date(2010, 1, 2)),
]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize(("start", "end"), DAYS)
def test_date_range_is_what_the_include_printed(start, end, language):
    include = REFERENCE.get_template("meetings/includes/date_range.html")
    with translation.override(language):
        assert date_range(start, end) + "\n" == include.render(Context({"start": start, "end": end}))
