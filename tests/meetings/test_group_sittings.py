"""A group that sits inside another group's meeting (the Dedicated Group on 12 February 2009, day 2
of the WG-WSIS 14th meeting) lists that meeting on its page, with the day it sat, to whoever may
see the group's content."""

import datetime
import re

from django.urls import reverse

from tests.factories import make_session


def _section(html, testid):
    return re.search(rf'data-testid="{testid}">(.*?)</ul>', html, re.S).group(1)


def test_dedicated_group_page_lists_the_meeting_it_sat_in(world, client_for):
    make_session(world.meeting, group=world.dg, date=datetime.date(2009, 2, 12), start=datetime.time(9))
    html = client_for(world.ms_delegate).get(reverse("meetings:group_detail", args=["DG-IPP"])).content.decode()
    past = _section(html, "group-past")
    assert "WG-WSIS 14th meeting" in past and "None yet" not in past
    assert "DG-IPP sat on 12 February 2009" in past


def test_working_group_page_is_unchanged_by_the_sub_groups_sittings(world, client_for):
    make_session(world.meeting, group=world.dg, date=datetime.date(2009, 2, 12), start=datetime.time(9))
    html = client_for(world.sm_delegate).get(reverse("meetings:group_detail", args=["WG-WSIS"])).content.decode()
    past = _section(html, "group-past")
    assert past.count("WG-WSIS 14th meeting") == 1 and "sat on" not in past


def test_dedicated_group_meetings_page_lists_the_meeting_it_sat_in(world, client_for):
    make_session(world.meeting, group=world.dg, date=datetime.date(2009, 2, 12), start=datetime.time(9))
    html = client_for(world.ms_delegate).get(reverse("meetings:group_meetings", args=["DG-IPP"])).content.decode()
    past = _section(html, "meetings-past")
    assert "WG-WSIS 14th meeting" in past and "DG-IPP sat on 12 February 2009" in past
