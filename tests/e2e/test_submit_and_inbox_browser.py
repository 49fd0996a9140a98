"""In Chromium: the delegate previews, submits and withdraws; a form error keeps the chosen file;
the header's inbox counts what is unread; My work lists what waits. Screenshots at 1280 and 390 px."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from contributions.demo.pdf import tiny_pdf
from contributions.models import AuditEntry, Document
from reports.models import ReportStatus
from tests.browser import login, screenshot
from tests.factories import World
from tests.meetings.conftest import make_agenda, make_item
from tests.reports.factories import circulate, make_block, make_report, make_section

pytestmark = pytest.mark.e2e

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def browser_world(transactional_db):
    """The 14th meeting a month ahead (no deadline rule for WG-WSIS: until the meeting ends), its
    circulated agenda, and a circulated report with an action item for Saudi Arabia."""
    world = World()
    start = timezone.localdate() + datetime.timedelta(days=30)
    world.meeting.start_date, world.meeting.end_date = start, start + datetime.timedelta(days=2)
    world.meeting.save()
    agenda = make_agenda(world.meeting, status="circulated")
    make_item(agenda, "Opening of the meeting", position=0)
    roadmap = make_item(agenda, "Roadmap of ITU's activities", position=1)
    make_item(agenda, "Third draft of the roadmap", parent=roadmap, position=0)
    return world


def pdf_file(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": tiny_pdf([name])}


def both_widths(page, name):
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        screenshot(page, f"{name}-{label}")
    page.set_viewport_size(WIDTHS["desktop"])


def test_delegate_previews_submits_and_withdraws(browser_world, live_server, page):
    world = browser_world
    page.set_viewport_size(WIDTHS["desktop"])
    login(page, live_server, "ms")
    page.goto(f"{live_server.url}/documents/meetings/{world.meeting.pk}/submit/")
    page.select_option("#id_group", label="WG-WSIS")
    page.fill("#id_title", "Views of Saudi Arabia on the Roadmap")
    # The agenda picker is searchable and lists the items by number.
    page.locator("#id_agenda_items-ts-control").fill("third")
    expect(page.locator(".ts-dropdown .option")).to_have_text(["2.1 Third draft of the roadmap"])
    page.locator(".ts-dropdown .option").first.click()
    page.set_input_files("#id_file", pdf_file("views-ksa.pdf"))
    both_widths(page, "submit-form")
    page.click("form [type=submit][name=preview]")
    expect(page.get_by_test_id("preview-symbol")).to_have_text("WG-WSIS-14/1")
    expect(page.get_by_test_id("submit-preview")).to_contain_text("Third draft of the roadmap")
    assert not Document.objects.exists()  # nothing allocated by the preview
    both_widths(page, "submit-preview")
    page.click("form [type=submit][name=submit]")
    # The dialog names the symbol the preview showed, before it is allocated.
    expect(page.get_by_test_id("confirm-text")).to_contain_text("allocates the symbol WG-WSIS-14/1")
    page.get_by_test_id("confirm-ok").click()
    expect(page.get_by_test_id("doc-symbol")).to_have_text("WG-WSIS-14/1")
    expect(page.locator(".alert-success")).to_contain_text("Its symbol is WG-WSIS-14/1")
    expect(page.get_by_test_id("change-until")).to_be_visible()
    both_widths(page, "document-own")

    page.fill("#id_reason", "Sent by mistake")
    page.get_by_test_id("withdraw-form").locator("[type=submit]").click()
    expect(page.get_by_test_id("withdrawn-notice")).to_contain_text("Sent by mistake")
    expect(page.get_by_test_id("status-withdrawn")).to_be_visible()
    assert AuditEntry.objects.filter(action="withdrawn", actor=world.ms_delegate).count() == 1
    both_widths(page, "document-withdrawn")


def test_a_form_error_keeps_the_chosen_file(browser_world, live_server, page):
    world = browser_world
    page.set_viewport_size(WIDTHS["desktop"])
    login(page, live_server, "ms")
    page.goto(f"{live_server.url}/documents/meetings/{world.meeting.pk}/submit/")
    # A title pasted with an invisible direction override: the server refuses it, the form comes back.
    page.fill("#id_title", "Views\u202e of Saudi Arabia")
    page.set_input_files("#id_file", pdf_file("kept-file.pdf"))
    with page.expect_request(lambda r: r.method == "POST" and r.resource_type == "xhr"):  # with upload progress
        page.click("form [type=submit][name=preview]")
    expect(page.locator("#div_id_title")).to_contain_text("U+202E")
    expect(page.locator("#div_id_file")).to_contain_text("Kept from your last try: “kept-file.pdf”")
    both_widths(page, "submit-kept-file")
    page.fill("#id_title", "A title at last")
    page.click("form [type=submit][name=preview]")
    expect(page.get_by_test_id("submit-preview")).to_contain_text("kept-file.pdf")
    page.click("form [type=submit][name=submit]")
    page.get_by_test_id("confirm-ok").click()
    expect(page.get_by_test_id("doc-symbol")).to_have_text("WG-WSIS-14/1")
    assert Document.objects.get().files.get().original_filename == "kept-file.pdf"


def test_inbox_unread_count_and_my_work(browser_world, live_server, page):
    world = browser_world
    report = make_report(world.meeting, title="Draft report of the 14th meeting")
    make_block(report, make_section(report, "Conclusions"), kind="action", body="<p>Send comments on the roadmap.</p>",
               owners=[world.member_state], due_date=timezone.localdate() + datetime.timedelta(days=20))  # fmt: skip
    circulate(report)
    assert report.__class__.objects.get().status == ReportStatus.CIRCULATED
    page.set_viewport_size(WIDTHS["desktop"])
    login(page, live_server, "ms")
    expect(page.get_by_test_id("unread-count")).to_contain_text("1")
    page.goto(f"{live_server.url}/my-work/")
    expect(page.get_by_test_id("my-actions")).to_contain_text("Send comments on the roadmap.")
    expect(page.get_by_test_id("my-circulated")).to_contain_text("Draft report of the 14th meeting")
    both_widths(page, "my-work")
    page.get_by_test_id("nav-inbox").click()
    expect(page.get_by_test_id("notice")).to_contain_text("Circulated for comment: Draft report of the 14th meeting")
    both_widths(page, "inbox")
    page.get_by_test_id("notice").locator("button").click()
    expect(page).to_have_url(f"{live_server.url}/reports/{report.pk}/")
    expect(page.get_by_test_id("unread-count")).to_have_count(0)

    page.get_by_test_id("nav-search").fill("roadmap")
    page.get_by_test_id("nav-search").press("Enter")
    expect(page.get_by_test_id("search-agenda")).to_contain_text("Roadmap of ITU's activities")
    expect(page.get_by_test_id("search-reports")).to_contain_text("Draft report of the 14th meeting")
    both_widths(page, "search")
