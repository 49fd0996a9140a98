"""An approved report whose PDF a worker has not rendered yet, in Chromium: the report page says the
PDF is being prepared (no checksum, no download link); its waiting page asks again by itself (htmx,
under the strict CSP) and offers the PDF once the worker has stored it. Looked at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

import meetings.demo
import reports.demo
from reports import services
from reports.models import Report
from reports.tasks import render_revision_pdf_task
from tests.browser import login, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def approved_not_rendered(transactional_db, monkeypatch):
    """The demo's reports, approved while no worker took their PDFs (the task is only recorded)."""
    queued = []
    monkeypatch.setattr(render_revision_pdf_task, "delay", queued.append)
    meetings.demo.load()
    reports.demo.load()
    assert queued
    return Report.objects.get(group__code="WG-WSIS", meeting__number=14, kind="report")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_report_page_and_the_waiting_page_until_the_pdf_is_stored(approved_not_rendered, live_server, page, width):
    report = approved_not_rendered
    revision = report.revisions.get()
    page.set_viewport_size({"width": width, "height": 800})
    login(page, live_server, "ms-delegate")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    expect(page.get_by_test_id(f"pdf-pending-{revision.number}")).to_have_text("The PDF is being prepared.")
    expect(page.get_by_test_id("revisions")).not_to_contain_text("SHA-256")
    screenshot(page, f"revision-pdf-pending-report-{width}")
    page.get_by_role("link", name="Follow its progress").click()
    expect(page.get_by_test_id("job-progress")).to_contain_text("Waiting for a worker")
    screenshot(page, f"revision-pdf-waiting-{width}")
    services.render_revision_pdf(revision.pk)  # the worker's part
    expect(page.get_by_test_id("job-download")).to_be_visible(timeout=10_000)
    screenshot(page, f"revision-pdf-ready-{width}")
    response = page.request.get(live_server.url + page.get_by_test_id("job-download").get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf" and response.body()[:4] == b"%PDF"
