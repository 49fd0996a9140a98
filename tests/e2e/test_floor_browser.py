"""The meeting in session in four real Chromium contexts at once: the chair, the secretariat, a
Member State delegate and a Sector Member delegate. Every change reaches every page that may
show it within two seconds without reloading; the Dedicated Group's sitting reaches neither the
Sector Member's page nor its live channel."""

import contextlib
import datetime
import time

import pytest
from django.db import OperationalError
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from floor.models import EntryKind, RecordEntry, SpeakerRequest
from tests.browser import login, screenshot
from tests.factories import World, make_session
from tests.floor.helpers import make_agenda

pytestmark = pytest.mark.e2e
LIVE = 2000  # ms: the bound for every participant to see a change
MARKER = "DG-LIVE-MARKER"


@pytest.fixture
def floor_world(transactional_db):
    world = World()
    make_agenda(world.meeting)
    world.wg_session = make_session(world.meeting, title="Opening and information reports")
    world.dg_session = make_session(
        world.meeting, group=world.dg, date=world.meeting.start_date + datetime.timedelta(days=1), title="DG sitting"
    )
    return world


def _saved_as_typed(text, seconds=3):
    """The entry autosave wrote with this text (it saves half a second after typing stops)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        # SQLite: the live server shares this connection and may hold the table for a moment.
        with contextlib.suppress(OperationalError):
            entry = RecordEntry.objects.filter(text=text).first()
            if entry is not None:
                return entry
        time.sleep(0.1)
    raise AssertionError(f"never saved: {text}")


def _context(browser, live_server, username, width=1280, height=900):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda m: violations.append(f"{m.text[:60]} {m.location}") if "Content Security Policy" in m.text else None,
    )
    page.violations = violations
    login(page, live_server, username)
    return page


@pytest.fixture
def pages(live_server, browser):
    """Pages opened in their own contexts; closed before the live server's database is flushed
    (a poll still in flight would hold the tables)."""
    opened = []

    def open_page(username, **viewport):
        page = _context(browser, live_server, username, **viewport)
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        with contextlib.suppress(PlaywrightError):
            page.context.close()


def test_four_contexts_follow_the_sitting_live(floor_world, live_server, pages):
    world = floor_world
    chair, secretariat, delegate, sector = (pages(name) for name in ("chairperson", "sec", "ms", "sm"))
    sector_bodies = []

    def keep_floor_answers(response):
        if "/floor/" in response.url and response.status == 200:
            with contextlib.suppress(PlaywrightError):  # a poll cut short by the page closing
                sector_bodies.append(response.text())

    sector.on("response", keep_floor_answers)
    meeting_url = f"{live_server.url}/meetings/{world.meeting.pk}/"
    for page in (delegate, sector):
        page.goto(meeting_url)
        expect(page.get_by_test_id("no-sitting")).to_be_visible()

    # The chair opens the sitting and moves to the next item.
    chair.goto(f"{live_server.url}/floor/sessions/{world.wg_session.pk}/")
    chair.get_by_test_id("open-sitting").click()
    expect(chair.get_by_test_id("current-item")).to_contain_text("Opening")
    for page in (delegate, sector):
        expect(page.get_by_test_id("current-item")).to_contain_text("Opening", timeout=LIVE + 1000)
    chair.get_by_test_id("next-item-button").click()
    for page in (delegate, sector):
        expect(page.get_by_test_id("current-item")).to_contain_text("Information reports", timeout=LIVE)
        expect(page.get_by_test_id("next-item")).to_contain_text("ITU-D activities", timeout=LIVE)

    # The delegate asks for the floor; the chair sees the queue and gives it.
    delegate.get_by_test_id("ask-floor").click()
    expect(delegate.get_by_test_id("withdraw")).to_be_visible()
    expect(chair.get_by_test_id("queue-row")).to_contain_text("Saudi Arabia", timeout=LIVE)
    expect(chair.get_by_test_id("queue-row")).to_contain_text("Member State")
    chair.get_by_test_id("give-floor").click()
    for page in (delegate, sector, chair):
        expect(page.get_by_test_id("speaking-now")).to_contain_text("Saudi Arabia", timeout=LIVE)
    expect(delegate.get_by_test_id("countdown")).to_contain_text(":")
    # The delegate's own buttons follow: their request left the list, so they may ask again.
    expect(delegate.get_by_test_id("withdraw")).to_have_count(0, timeout=LIVE)
    expect(delegate.get_by_test_id("ask-floor")).to_be_visible()
    expect(chair.get_by_test_id("totals")).to_contain_text("Saudi Arabia")
    screenshot(chair, "floor-chair-1280")
    screenshot(delegate, "floor-delegate-1280")

    # The secretariat records a statement and a decision.
    secretariat.goto(f"{live_server.url}/floor/sessions/{world.wg_session.pk}/")
    form = secretariat.get_by_test_id("record-form")
    form.locator("select[name=entry-kind]").select_option("statement")
    form.locator("select[name=entry-delegation]").select_option(label="Saudi Arabia")
    form.locator("textarea[name=entry-text]").fill("Saudi Arabia supports the draft roadmap.")
    expect(secretariat.get_by_test_id("record-status")).to_contain_text("Saved at", timeout=LIVE)
    assert _saved_as_typed("Saudi Arabia supports the draft roadmap.").filed_at is None
    secretariat.get_by_test_id("file-entry").click()
    expect(secretariat.get_by_test_id("record-status")).to_contain_text("Saved as you type")  # a fresh form
    form = secretariat.get_by_test_id("record-form")
    form.locator("select[name=entry-kind]").select_option("decision")
    form.locator("textarea[name=entry-text]").fill("The Group took note of the information reports.")
    _saved_as_typed("The Group took note of the information reports.")
    expect(secretariat.get_by_test_id("record-status")).to_contain_text("Saved at")
    secretariat.get_by_test_id("file-entry").click()
    expect(secretariat.get_by_test_id("record-status")).to_contain_text("Saved as you type")
    for page in (delegate, sector, chair):
        expect(page.get_by_test_id("entry-statement")).to_contain_text("Saudi Arabia supports", timeout=LIVE)
        expect(page.get_by_test_id("entry-decision"), page.url).to_contain_text("took note", timeout=LIVE)
    assert RecordEntry.objects.filter(kind=EntryKind.DECISION, filed_at__isnull=False).count() == 1
    screenshot(secretariat, "floor-secretariat-1280")

    # The Dedicated Group sits: the secretariat opens it and records; Member States follow it,
    # the Sector Member's page and live channel carry none of it.
    secretariat.goto(f"{live_server.url}/floor/sessions/{world.dg_session.pk}/")
    secretariat.get_by_test_id("open-sitting").click()
    form = secretariat.get_by_test_id("record-form")
    form.locator("select[name=entry-kind]").select_option("statement")
    form.locator("select[name=entry-delegation]").select_option(label="Saudi Arabia")
    form.locator("textarea[name=entry-text]").fill(f"{MARKER} on Internet public policy.")
    _saved_as_typed(f"{MARKER} on Internet public policy.")
    expect(secretariat.get_by_test_id("record-status")).to_contain_text("Saved at")
    secretariat.get_by_test_id("file-entry").click()
    expect(secretariat.get_by_test_id("record-status")).to_contain_text("Saved as you type")
    expect(delegate.locator("[data-testid=live-sitting]", has_text="DG-IPP")).to_contain_text(MARKER, timeout=LIVE)
    delegate.get_by_test_id("ask-buttons").filter(has_text="DG-IPP").get_by_test_id("ask-floor").click()
    expect(delegate.get_by_test_id("ask-buttons").filter(has_text="DG-IPP").get_by_test_id("withdraw")).to_be_visible()
    sector.wait_for_timeout(LIVE + 500)
    expect(sector.locator("body")).not_to_contain_text(MARKER)
    expect(sector.locator("body")).not_to_contain_text("DG-IPP")
    expect(sector.get_by_test_id("live-sitting")).to_have_count(1)
    assert sector_bodies and not any(MARKER in body or "DG-IPP" in body for body in sector_bodies)
    assert SpeakerRequest.objects.filter(sitting__session=world.dg_session).count() == 1
    screenshot(delegate, "floor-delegate-dg-1280")
    screenshot(sector, "floor-sector-member-1280")
    for page in (chair, secretariat, delegate, sector):
        assert not page.violations, page.violations


def test_chair_screen_and_delegate_page_at_390px(floor_world, live_server, pages):
    world = floor_world
    chair = pages("chairperson", width=390, height=844)
    chair.goto(f"{live_server.url}/floor/sessions/{world.wg_session.pk}/")
    chair.get_by_test_id("open-sitting").click()
    delegate = pages("ms", width=390, height=844)
    delegate.goto(f"{live_server.url}/meetings/{world.meeting.pk}/")
    delegate.get_by_test_id("ask-floor").click()
    expect(chair.get_by_test_id("queue-row")).to_have_count(1, timeout=LIVE)
    chair.get_by_test_id("give-floor").click()
    expect(delegate.get_by_test_id("speaking-now")).to_contain_text("Saudi Arabia", timeout=LIVE)
    # The whole chair's screen fits; on the meeting page, the floor's card does (the plan's table
    # beside it scrolls sideways on its own, as before).
    for page, name, box in (
        (chair, "floor-chair-390", "main"),
        (delegate, "floor-delegate-390", "[data-testid=floor-card]"),
    ):
        screenshot(page, name)
        right = page.evaluate(f"document.querySelector('{box}').getBoundingClientRect().right")
        assert right <= 390, f"{name} overflows sideways: {right}px"
        width = page.evaluate(
            f"document.querySelector('{box}').scrollWidth <= document.querySelector('{box}').clientWidth"
        )
        assert width, f"{name}: content wider than its box"
        assert not page.violations, page.violations
