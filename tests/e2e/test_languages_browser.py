"""The demo's pages in Arabic (mirrored) and Chinese in a real Chromium: the page declares its
language and direction, headings are translated, and nothing overflows the viewport sideways.
Screenshots land in screenshots/ for a human to look at."""

import pytest
from playwright.sync_api import expect

from contributions.models import Document
from meetings import services as meeting_services
from meetings.models import Agenda, Meeting
from reports.models import Report
from roadmap.models import RoadmapDraft
from tests.browser import login, screenshot
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.e2e

HEADINGS = {"ar": "الاجتماعات المقبلة", "zh-hans": "即将举行的会议"}


@pytest.fixture
def demo(transactional_db):
    load_demo()
    meeting = Meeting.objects.get(group__code="WG-WSIS", number=14)
    adopted = Agenda.objects.filter(meeting=meeting).order_by("-version").first()
    return {
        "meeting": meeting,
        # The demo's agenda is adopted (frozen): the editor opens on an amended draft of it.
        "agenda": meeting_services.amend_agenda(agenda=adopted) if adopted else None,
        "report": Report.objects.filter(meeting=meeting).first(),
        "document": Document.objects.filter(meeting=meeting).first(),
    }


def choose_language(page, live_server, code):
    page.goto(live_server.url + "/")
    page.get_by_test_id("language-switcher").locator("button.dropdown-toggle").click()
    page.get_by_test_id(f"language-{code}").click()
    page.wait_for_load_state()


def assert_fits(page, code):
    html = page.locator("html")
    expect(html).to_have_attribute("lang", code)
    expect(html).to_have_attribute("dir", "rtl" if code == "ar" else "ltr")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1


@pytest.mark.parametrize("code", ["ar", "zh-hans"])
def test_pages_in_arabic_and_chinese(demo, live_server, page, code):
    page.set_viewport_size({"width": 1280, "height": 900})
    choose_language(page, live_server, code)
    expect(page.locator("main")).to_contain_text(HEADINGS[code])
    assert_fits(page, code)
    screenshot(page, f"i18n-{code}-home")

    login(page, live_server, "secretariat")
    meeting = demo["meeting"]
    pages = {
        "meeting": f"/meetings/{meeting.pk}/",
        "register": f"/documents/meetings/{meeting.pk}/",
        "submit": f"/documents/meetings/{meeting.pk}/submit/",
    }
    if demo["agenda"]:
        pages["agenda-editor"] = f"/agendas/{demo['agenda'].pk}/edit/"
    if demo["report"]:
        pages["report"] = f"/reports/{demo['report'].pk}/"
    pages["roadmap"] = f"/roadmap/drafts/{RoadmapDraft.objects.order_by('-number').first().pk}/"
    for name, path in pages.items():
        page.goto(live_server.url + path)
        assert_fits(page, code)
        assert page.locator("h1").count() >= 1
        expect(page.locator("body")).not_to_contain_text("لا يجوز لك القيام بذلك")  # no refusal page
        expect(page.locator("body")).not_to_contain_text("您不能执行此操作")
        screenshot(page, f"i18n-{code}-{name}")
        if name == "register":  # WG-WSIS-14/5 keeps its own direction inside right-to-left text
            symbol = page.get_by_test_id("symbol").first
            assert symbol.evaluate("e => [getComputedStyle(e).direction, getComputedStyle(e).unicodeBidi]") == [
                "ltr",
                "isolate",
            ]
