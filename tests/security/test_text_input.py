"""The portal's main forms refuse control characters and direction overrides with a clear message,
and nothing is written."""

import html

from django.urls import reverse

from contributions.models import Document, DocumentFile
from meetings.models import Meeting
from reports.models import Report
from roadmap.models import RowComment
from tests.contributions.conftest import pdf_upload, submit
from tests.meetings.conftest import make_agenda, make_item
from tests.reports.factories import make_report
from tests.roadmap.conftest import RoadmapWorld

BEL_TITLE = "Title contains a control character (U+0007) that cannot be stored; remove it."


def page(response):
    return html.unescape(response.content.decode())


def test_submit_refuses_a_bell_in_the_title_and_stores_nothing(client, world):
    client.force_login(world.ms_delegate)
    data = {"group": world.wg.pk, "kind": "contribution", "title": "Views\x07 of Saudi Arabia", "language": "E"}
    response = client.post(reverse("contributions:submit", args=[world.meeting.pk]), {**data, "file": pdf_upload()})
    assert BEL_TITLE in page(response)
    assert not Document.objects.exists() and not DocumentFile.objects.exists()


def test_submit_refuses_a_direction_override_in_the_summary(client, world):
    client.force_login(world.ms_delegate)
    data = {"group": world.wg.pk, "kind": "contribution", "title": "Views", "summary": "see \u202eFDP.exe"}
    response = client.post(reverse("contributions:submit", args=[world.meeting.pk]), {**data, "file": pdf_upload()})
    assert "Summary contains an invisible text-direction character (U+202E RIGHT-TO-LEFT OVERRIDE)" in page(response)
    assert not Document.objects.exists()


def test_edit_document_refuses_a_bell_and_keeps_the_title(client, world):
    doc = submit(world, world.secretariat, world.wg, "Original title")
    client.force_login(world.secretariat)
    data = {"title": "New\x07 title", "summary": "", "kind": "contribution"}
    response = client.post(reverse("contributions:edit", args=[doc.pk]), data)
    assert BEL_TITLE in page(response)
    doc.refresh_from_db()
    assert doc.title == "Original title"


def test_agenda_item_refuses_a_bell_and_keeps_the_title(client, world):
    agenda = make_agenda(world.meeting)
    item = make_item(agenda, "Original title")
    client.force_login(world.secretariat)
    data = {"revision": agenda.revision, "title": "New\x07 title", "presenter": "", "label": "", "description": ""}
    response = client.post(reverse("meetings:agenda_item_edit", args=[item.pk]), data, HTTP_HX_REQUEST="true")
    assert BEL_TITLE in page(response)
    item.refresh_from_db()
    assert item.title == "Original title"


def test_agenda_item_description_may_hold_lines_and_tabs(client, world):
    agenda = make_agenda(world.meeting)
    item = make_item(agenda, "Original title")
    client.force_login(world.secretariat)
    title = "تقرير 信息 👍"
    data = {"revision": agenda.revision, "title": title, "presenter": "", "label": "", "description": "a\n\tb"}
    client.post(reverse("meetings:agenda_item_edit", args=[item.pk]), data, HTTP_HX_REQUEST="true")
    item.refresh_from_db()
    assert (item.title, item.description) == (title, "a\n\tb")


def test_propose_meeting_refuses_a_tab_in_the_venue_and_creates_nothing(client, world):
    client.force_login(world.secretariat)
    data = {"number": 15, "title": "", "start_date": "2009-06-22", "end_date": "2009-06-24",
            "venue": "Geneva\tCICG", "time_zone": "Europe/Zurich", "opening_time": "09:30"}  # fmt: skip
    response = client.post(reverse("meetings:meeting_propose", args=["WG-WSIS"]), data)
    assert "Venue contains a control character (U+0009) that cannot be stored; remove it." in page(response)
    assert not Meeting.objects.filter(number=15).exists()


def test_roadmap_cell_refuses_a_bell_and_keeps_the_row(client, world):
    rw = RoadmapWorld(world)
    client.force_login(world.secretariat)
    data = {"revision": 0, "code": "A", "outcome": "New\x07 outcome", "source": ""}
    response = client.post(reverse("roadmap:cell", args=[rw.row_a.pk, "outcome"]), data)
    assert "WSIS outcome contains a control character (U+0007)" in page(response)
    rw.row_a.refresh_from_db()
    assert (rw.row_a.outcome, rw.row_a.revision) == ("Promote cooperation among the governments", 0)


def test_roadmap_comment_refuses_an_isolate_and_stores_nothing(client, world):
    rw = RoadmapWorld(world)
    client.force_login(world.ms_delegate)
    response = client.post(reverse("roadmap:comment_add", args=[rw.row_a.pk]), {"text": "ok \u2067evil\u2069"})
    assert "Your comment contains an invisible text-direction character (U+2067" in page(response)
    assert not RowComment.objects.exists()


def test_report_cover_refuses_a_bell_and_keeps_the_title(client, world):
    report = make_report(world.meeting, title="WG report")
    client.force_login(world.secretariat)
    data = {"cover-lock_version": report.lock_version, "cover-title": "WG\x07 report", "cover-symbol": "",
            "cover-date": "2009-02-13", "cover-original_language": "en"}  # fmt: skip
    response = client.post(reverse("reports:report_cover", args=[report.pk]), data)
    assert BEL_TITLE in page(response)
    assert Report.objects.get(pk=report.pk).title == "WG report"
