"""A report's draft preview PDF, in Chromium: the report page's "Draft PDF" link opens the job's page,
which shows it waiting for a worker, asks again by itself (htmx, under the strict CSP) and offers the
PDF once a worker has built it; the PDF carries the DRAFT mark. Looked at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

import meetings.demo
import reports.demo
from jobs import services
from jobs.models import Job
from jobs.tasks import build_job_task
from reports.models import Report
from tests.browser import login, screenshot
from tests.pdf_checks import words

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_reports(transactional_db, monkeypatch):
    meetings.demo.load()
    reports.demo.load()
    queued = []
    monkeypatch.setattr(build_job_task, "delay", queued.append)  # no worker takes the job yet
    return queued


@pytest.mark.parametrize("width", [1280, 390])
def test_the_draft_pdf_link_waits_for_the_worker_then_gives_the_pdf(demo_reports, live_server, page, width):
    report = Report.objects.get(group__code="WG-WSIS", meeting__number=14, kind="report")
    page.set_viewport_size({"width": width, "height": 800})
    login(page, live_server, "secretariat")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    page.get_by_test_id("draft-pdf").click()
    expect(page.get_by_test_id("job-progress")).to_contain_text("Waiting for a worker")
    job = Job.objects.get(kind="report-draft-pdf")
    assert demo_reports == [job.pk]  # enqueued once, for a worker
    screenshot(page, f"draft-pdf-waiting-{width}")
    services.build_job(job.pk)  # the worker's part
    expect(page.get_by_test_id("job-download")).to_be_visible(timeout=10_000)
    screenshot(page, f"draft-pdf-ready-{width}")
    response = page.request.get(live_server.url + page.get_by_test_id("job-download").get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    printed = {word for _page, _x, _y, word in words(response.body())}
    assert "DRAFT" in printed and "Council" in printed and "Working" in printed
