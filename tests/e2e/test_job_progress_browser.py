"""The page of a PDF being built, in Chromium: it shows the job waiting, asks again by itself
(htmx, under the strict CSP) and offers the file once a worker has built it. Looked at 1280 and
390 px wide."""

import pytest
from playwright.sync_api import expect

import meetings.demo
import roadmap.demo
from jobs import services
from jobs.models import Job
from roadmap import exports
from roadmap.models import RoadmapDraft
from tests.browser import login, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_world(transactional_db):
    meetings.demo.load()
    roadmap.demo.load()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_pdf_page_polls_until_the_worker_has_built_it(demo_world, live_server, page, width):
    page.set_viewport_size({"width": width, "height": 800})
    draft = RoadmapDraft.objects.get(number=3)
    job = Job.objects.create(  # queued, as when a worker has not reached it yet
        kind="roadmap-pdf", key=exports.pdf_job_key(draft, "en"), params={"draft": draft.pk, "language": "en"},
        filename=exports.filename(draft, "pdf"), content_type="application/pdf",
    )  # fmt: skip
    login(page, live_server, "ms-delegate")
    page.goto(f"{live_server.url}/roadmap/drafts/{draft.pk}/export/pdf/")
    progress = page.get_by_test_id("job-progress")
    expect(progress).to_contain_text("Waiting for a worker")
    screenshot(page, f"job-progress-waiting-{width}")
    services.build_job(job.pk)  # the worker's part
    expect(page.get_by_test_id("job-download")).to_be_visible(timeout=10_000)
    screenshot(page, f"job-progress-ready-{width}")
    response = page.request.get(live_server.url + page.get_by_test_id("job-download").get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf" and response.body()[:4] == b"%PDF"
