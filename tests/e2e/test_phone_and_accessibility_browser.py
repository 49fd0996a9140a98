"""It works on a phone and for everyone: the demo's main pages in a real Chromium, for an anonymous
visitor, a delegate and the secretariat, in English and Arabic (right to left).

- axe-core finds no violation of any impact. axe is injected from tests/e2e/vendor/axe.min.js
  (axe-core 4.14.1, see the README there). The pages' strict CSP (script-src 'self') refuses an
  injected script, so the axe runs use a browser context with bypass_csp=True, for axe only; the
  other browser tests keep the CSP and fail on any violation of it.
- At 390 px nothing pushes the page sideways (wide tables scroll inside their own wrapper).
Screenshots at 390 px and 1280 px land in screenshots/ for a human to look at."""

from pathlib import Path

import pytest

from contributions.models import Document
from meetings.models import Agenda, Meeting
from reports.models import Report
from roadmap.models import RoadmapDraft
from tests.browser import SCREENSHOTS, login, track_requests, wait_until_settled
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PERSONAS = ["anonymous", "ms-delegate", "secretariat"]


@pytest.fixture
def demo_pages(transactional_db):
    load_demo()
    m14 = Meeting.objects.get(group__code="WG-WSIS", number=14)
    m16 = Meeting.objects.get(group__code="WG-WSIS", number=16)
    return {
        "home": "/",
        "group": "/groups/WG-WSIS/",
        "meeting": f"/meetings/{m14.pk}/",
        "next-meeting": f"/meetings/{m16.pk}/",
        "agenda": f"/agendas/{Agenda.objects.get(meeting=m14).pk}/",
        "agenda-editor": f"/agendas/{Agenda.objects.get(meeting=m16).pk}/edit/",
        "time-plan": f"/meetings/{m14.pk}/plan/",
        "register": f"/documents/meetings/{m14.pk}/",
        "document": f"/documents/{Document.objects.get(symbol='WG-WSIS-14/5').pk}/",
        "search": "/documents/search/?q=roadmap",
        "report": f"/reports/{Report.objects.get(meeting=m14, group__code='WG-WSIS', kind='report').pk}/",
        "roadmap": f"/roadmap/drafts/{RoadmapDraft.objects.order_by('-number').first().pk}/",
        "login": "/accounts/login/",
        "profile": "/profile/",
    }


def open_context(browser, live_server, persona, language, width, *, bypass_csp=False):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=bypass_csp)
    track_requests(context)
    page = context.new_page()
    if persona != "anonymous":
        login(page, live_server, persona)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return context, page


def shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_main_pages_have_no_axe_violations(demo_pages, live_server, browser, persona, language):
    context, page = open_context(browser, live_server, persona, language, 1280, bypass_csp=True)
    found = {}
    for name, path in demo_pages.items():
        page.goto(live_server.url + path)
        wait_until_settled(page)  # the htmx panels of the meeting page are in
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page)
        if violations:
            found[f"{name} ({path})"] = violations
    context.close()
    assert not found, f"axe violations for {persona} in {language}:\n" + "\n".join(
        f"  {page_name}:\n" + "\n".join(f"    {v}" for v in violations) for page_name, violations in found.items()
    )


SIDEWAYS = """() => {
  // How far the page itself scrolls sideways: content inside a wrapper that scrolls on its own
  // (.table-responsive, the roadmap matrix) does not count, it is meant to be swiped.
  return document.scrollingElement.scrollWidth - window.innerWidth;
}"""


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("persona", ["ms-delegate", "secretariat"])
def test_main_pages_fit_a_phone(demo_pages, live_server, browser, persona, language):
    context, page = open_context(browser, live_server, persona, language, 390)
    overflowing = {}
    for name, path in demo_pages.items():
        page.goto(live_server.url + path)
        wait_until_settled(page)
        sideways = page.evaluate(SIDEWAYS)
        if sideways > 0:
            overflowing[name] = sideways
        shot(page, f"phone-390-{persona}-{language}-{name}")
    context.close()
    assert not overflowing, f"pages wider than a 390 px phone (px too wide): {overflowing}"


def test_agenda_editor_keeps_titles_readable_on_a_phone(demo_pages, live_server, browser):
    context, page = open_context(browser, live_server, "secretariat", "en", 390)
    page.goto(live_server.url + demo_pages["agenda-editor"])
    widths = page.locator("[data-testid=editor-item] .agenda-body").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert len(widths) == 9 and min(widths) >= 190  # the title's box; before: one letter a line
    context.close()


def test_time_plan_rows_stack_on_a_phone_and_stay_a_table_on_a_desktop(demo_pages, live_server, browser):
    for width, display in [(390, "block"), (1280, "table-row")]:
        context, page = open_context(browser, live_server, "secretariat", "en", width)
        page.goto(live_server.url + demo_pages["time-plan"])
        row = page.locator("[data-testid=plan-sessions] tbody tr").first
        assert row.evaluate("e => getComputedStyle(e).display") == display
        shot(page, f"time-plan-{width}")
        context.close()


@pytest.mark.parametrize("persona", ["ms-delegate", "secretariat"])
def test_main_pages_at_1280(demo_pages, live_server, browser, persona):
    context, page = open_context(browser, live_server, persona, "en", 1280)
    for name, path in demo_pages.items():
        page.goto(live_server.url + path)
        wait_until_settled(page)
        assert page.evaluate(SIDEWAYS) <= 0, name
        shot(page, f"desktop-1280-{persona}-{name}")
    context.close()
