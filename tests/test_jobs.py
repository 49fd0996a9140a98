"""Background jobs (jobs/): one row per thing built, keyed by what it shows; built at once when no
broker is configured (make demo, these tests); the page shows progress until the file is ready;
a second build of a done job changes nothing; a failure is recorded and a new request retries."""

import hashlib

import pytest
from django.urls import reverse

from jobs import services
from jobs.models import Job, JobStatus
from jobs.tasks import build_job_task
from roadmap import exports
from roadmap import services as roadmap_services
from tests.roadmap.conftest import RoadmapWorld


@pytest.fixture
def rw(world):
    return RoadmapWorld(world)


def _request(draft, language="en"):
    return services.request_job(
        kind="roadmap-pdf",
        key=exports.pdf_job_key(draft, language),
        params={"draft": draft.pk, "language": language},
        filename="roadmap.pdf",
        content_type="application/pdf",
    )


def test_the_pdf_is_built_once_and_stored_with_its_checksum(rw):
    job = _request(rw.draft)
    assert job.status == JobStatus.DONE and job.progress == 100 and job.attempts == 1
    content = job.file.read()
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == job.sha256
    assert job.file.name == f"jobs/roadmap-pdf/{job.pk}.pdf"
    again = _request(rw.draft)
    assert again.pk == job.pk and again.attempts == 1 and Job.objects.count() == 1
    build_job_task.delay(job.pk)  # a duplicate delivery: nothing is rendered or stored again
    assert Job.objects.get(pk=job.pk).attempts == 1


def test_an_edit_or_another_language_is_another_job(rw):
    first = exports.pdf_job_key(rw.draft, "en")
    assert exports.pdf_job_key(rw.draft, "fr") != first
    roadmap_services.update_row_cell(
        row=rw.row_a1,
        cell="outcome",
        data={"code": "A1", "outcome": "Changed", "source": "", "revision": rw.row_a1.revision},
        expected_revision=rw.row_a1.revision,
    )
    assert exports.pdf_job_key(rw.draft, "en") != first


def test_a_failed_build_is_recorded_and_retried_on_the_next_request(rw, monkeypatch):
    monkeypatch.setitem(services.BUILDERS, "roadmap-pdf", "tests.test_jobs.failing_builder")
    job = _request(rw.draft)
    assert job.status == JobStatus.FAILED and "no fonts today" in job.error and not job.file
    monkeypatch.setitem(services.BUILDERS, "roadmap-pdf", "roadmap.exports.build_pdf_job")
    job = _request(rw.draft)
    assert job.status == JobStatus.DONE and job.attempts == 2


def failing_builder(params, progress):
    raise RuntimeError("no fonts today")


def test_the_export_view_shows_progress_then_the_pdf(rw, client):
    client.force_login(rw.world.sm_delegate)
    url = reverse("roadmap:draft_export", args=[rw.draft.pk, "pdf"])
    queued = Job.objects.create(
        kind="roadmap-pdf",
        key=exports.pdf_job_key(rw.draft, "en"),
        params={"draft": rw.draft.pk, "language": "en"},
        filename="roadmap-draft-3.pdf",
        content_type="application/pdf",
    )  # fmt: skip (as a worker has not started it yet)
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 202 and "Waiting for a worker" in html and f'hx-get="{url}"' in html
    services.build_job(queued.pk)
    polled = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "The file is ready." in polled and "hx-get" not in polled and "roadmap-draft-3.pdf" in polled
    pdf = client.get(url)
    assert pdf.getvalue().startswith(b"%PDF") and pdf["ETag"] == f'"{Job.objects.get().sha256}"'


def test_a_reader_without_access_gets_no_job_and_no_file(rw, client, world):
    from tests.roadmap.factories import make_draft, make_roadmap

    dg_draft = make_draft(make_roadmap(world.dg), 1, meeting=world.meeting, symbol="DG/1")
    client.force_login(world.sm_delegate)
    assert client.get(reverse("roadmap:draft_export", args=[dg_draft.pk, "pdf"])).status_code == 404
    assert not Job.objects.exists()
