"""The demo against the 14th meeting's report (shared/reference/wg-wsis-14-report.txt): the
Dedicated Group's report shown as released once annexed, the Dedicated Group's sitting on 12
February, Annex 1 §3's action item, the reported attendance beside the portal's registrations,
and the facts the report does not give marked as demo data."""

import re

import pytest
from django.urls import reverse

from meetings.models import Meeting
from reports.models import Report
from tests.demo_snapshot import load_demo


@pytest.fixture
def demo(db):
    load_demo()


def _login(client, username):
    from meetings.models import User

    client.force_login(User.objects.get(username=username))
    return client


def test_released_dedicated_group_report_is_shown_as_released(demo, client):
    dg = Report.objects.get(group__code="DG-IPP")
    _login(client, "ms-delegate")
    listing = client.get(reverse("reports:report_list")).content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Dedicated Group(?:(?!</tr>).)*</tr>", listing, re.S).group(0)
    assert "Released as Annex 1 of WG-WSIS-14/20" in row and "Circulated for comment" not in row
    detail = client.get(reverse("reports:report_detail", args=[dg.pk])).content.decode()
    state = re.search(r'data-testid="shown-state">([^<]*)<', detail).group(1)
    assert state == "Released" and "Released as Annex 1 of WG-WSIS-14/20 (rev. 1)" in detail


def test_dedicated_group_page_lists_its_sitting_of_12_february(demo, client):
    _login(client, "ms-delegate")
    html = client.get(reverse("meetings:group_detail", args=["DG-IPP"])).content.decode()
    past = re.search(r'data-testid="group-past">(.*?)</ul>', html, re.S).group(1)
    assert "14th meeting of the Council Working Group on WSIS" in past
    assert "DG-IPP sat on 12 February 2009" in past


def test_meeting_shows_the_reported_attendance_apart_from_the_registrations(demo, client):
    meeting = Meeting.objects.get(group__code="WG-WSIS", number=14)
    _login(client, "ms-delegate")
    html = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    reported = re.search(r'data-testid="reported-attendance">(.*?)</p>', html, re.S).group(1)
    source = re.search(r'data-testid="reported-attendance-source">(.*?)</p>', html, re.S).group(1)
    assert reported == "About 60 delegates took part" and source == "as reported in WG-WSIS-14/20, section 1"
    recorded = re.search(r'data-testid="attendance-summary">(.*?)</p>', html, re.S).group(1)
    assert recorded.startswith("Recorded in the portal: 3 delegates from 3 organisations attended")


def test_officers_facts_the_report_does_not_give_are_marked_demo(demo, client):
    html = client.get(reverse("meetings:group_detail", args=["WG-WSIS"])).content.decode()
    officers = re.search(r'data-testid="officers">(.*?)</table>', html, re.S).group(1)
    rows = {re.sub(r"<[^>]+>|\s+", " ", r).strip() for r in re.findall(r"<tr[^>]*>(.*?)</tr>", officers, re.S)}
    riehl = next(r for r in rows if "Riehl" in r)
    minkin = next(r for r in rows if "Minkin" in r)
    al_mazyed = [r for r in rows if "Al Mazyed" in r]
    assert "demo data" in riehl and "first name" in riehl
    assert "demo data" in minkin and "start of the term" in minkin
    assert al_mazyed and all("demo data" not in r for r in al_mazyed)  # appointed at this meeting


def test_annex_1_section_3_background_report_is_an_action_item(demo, client):
    revision = Report.objects.get(group__code="WG-WSIS", kind="report").revisions.get()
    annex = next(a for a in revision.snapshot["annexes"] if a.get("kind") == "report")
    actions = [b for b in _walk(annex["document"]["blocks"]) if b.get("kind") == "action"]
    assert any("background report including an inventory list" in b["html"] for b in actions)
    # Pending on the next meeting's page, for those who may see the Dedicated Group.
    fifteenth = Meeting.objects.get(group__code="WG-WSIS", number=15)
    url = reverse("reports:meeting_action_items", args=[fifteenth.pk])
    pending = _login(client, "ms-delegate").get(url).content.decode()
    assert "background report including an inventory list" in pending


def _walk(blocks):
    for block in blocks:
        yield block
        yield from _walk(block.get("children", []))
