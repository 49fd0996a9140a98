"""In Chromium: a delegate uploads a contribution and sees its symbol; a late upload to the
Dedicated Group is refused with the deadline shown."""

import datetime

import pytest
from playwright.sync_api import expect

from contributions import deadlines
from contributions.demo.pdf import tiny_pdf
from contributions.models import AuditEntry, DeadlineRule, Document
from tests.browser import login, screenshot
from tests.contributions.conftest import GENEVA
from tests.factories import World, make_session

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser_world(transactional_db):
    """The 14th meeting in session now (yesterday to tomorrow): the Dedicated Group sat yesterday
    at 09:00 under its 24-hour rule, so its deadline has passed; the working group has none."""
    world = World()
    yesterday = datetime.datetime.now(GENEVA).date() - datetime.timedelta(days=1)
    world.meeting.start_date, world.meeting.end_date = yesterday, yesterday + datetime.timedelta(days=2)
    world.meeting.save()
    make_session(world.meeting, group=world.dg, date=yesterday, start=datetime.time(9, 0))
    DeadlineRule.objects.create(group=world.dg, kind="contribution", mode="hours", amount=24)
    dg_start = datetime.datetime.combine(yesterday, datetime.time(9, 0), tzinfo=GENEVA)
    deadline = dg_start.astimezone(datetime.UTC) - datetime.timedelta(hours=24)  # elapsed hours
    world.shown_deadline = deadlines.format_moment(deadline, GENEVA)
    return world


def pdf_file(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": tiny_pdf([name])}


def test_delegate_uploads_and_a_late_upload_is_refused(browser_world, live_server, page):
    world = browser_world
    login(page, live_server, "ms")
    page.goto(f"{live_server.url}/documents/meetings/{world.meeting.pk}/submit/")
    expect(page.get_by_test_id("deadlines")).to_contain_text(world.shown_deadline)
    page.select_option("#id_group", label="WG-WSIS")
    page.fill("#id_title", "Views of Saudi Arabia on the Roadmap")
    page.fill("#id_summary", "Comments on the third draft.")
    page.set_input_files("#id_file", pdf_file("views-ksa.pdf"))
    screenshot(page, "contributions-upload-form")
    page.click("form [type=submit][name=preview]")  # what it will become, before the symbol
    expect(page.get_by_test_id("preview-symbol")).to_have_text("WG-WSIS-14/1")
    page.click("form [type=submit][name=submit]")
    # The confirmation names the symbol before it is allocated.
    expect(page.get_by_test_id("confirm-text")).to_contain_text("allocates the symbol WG-WSIS-14/1")
    screenshot(page, "contributions-submit-confirm")
    page.get_by_test_id("confirm-ok").click()
    expect(page.get_by_test_id("doc-symbol")).to_have_text("WG-WSIS-14/1")
    expect(page.locator(".alert-success")).to_contain_text("Its symbol is WG-WSIS-14/1")
    screenshot(page, "contributions-document-detail")

    page.goto(f"{live_server.url}/documents/meetings/{world.meeting.pk}/submit/")
    page.select_option("#id_group", label="DG-IPP")
    page.fill("#id_title", "Late contribution on Internet issues")
    page.set_input_files("#id_file", pdf_file("late.pdf"))
    page.click("form [type=submit][name=preview]")
    expect(page.get_by_test_id("preview-deadline")).to_contain_text("The deadline has passed")
    page.click("form [type=submit][name=submit]")
    page.get_by_test_id("confirm-ok").click()
    error = page.locator(".alert-danger, .alert-block").first
    expect(error).to_contain_text(world.shown_deadline)
    expect(error).to_contain_text("past the deadline")
    screenshot(page, "contributions-late-refusal")
    assert list(Document.objects.values_list("symbol", flat=True)) == ["WG-WSIS-14/1"]
    assert AuditEntry.objects.filter(action="refused_late").count() == 1

    page.goto(f"{live_server.url}/documents/meetings/{world.meeting.pk}/")
    expect(page.get_by_test_id("register")).to_contain_text("Views of Saudi Arabia on the Roadmap")
    screenshot(page, "contributions-register")
