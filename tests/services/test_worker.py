"""A real Celery worker on the Redis broker builds a roadmap PDF, and renders an approved report
revision's PDF, into the S3 store; killed in the middle of rendering, the job (the revision's
rendering) is retried and exactly one PDF exists, with the checksum of its content."""

import hashlib
import os
import signal
import time

import pytest
from django.core.cache import cache

from jobs.models import Job, JobStatus
from jobs.services import request_job
from ops.benchdata import Prose, _report, _roadmap
from reports.models import ReportRevision
from roadmap import exports
from tests.factories import World
from tests.roadmap.factories import make_action_line
from tests.services.conftest import S3_ENDPOINT, object_names, storage_url, wait_for

pytestmark = pytest.mark.services


@pytest.fixture
def big_draft(transactional_db):
    """A draft of 11 Action Lines x 12 rows: rendering its PDF takes seconds."""
    cache.clear()
    world = World()
    for position in range(1, 12):
        make_action_line(f"C{position}", f"Action Line {position}", position=position)
    return _roadmap(world.wg, world.meeting, Prose(14), "Roadmap for the worker test", 12)


def _request(draft):
    return request_job(
        kind="roadmap-pdf",
        key=exports.pdf_job_key(draft, "en"),
        params={"draft": draft.pk, "language": "en"},
        filename="roadmap.pdf",
        content_type="application/pdf",
    )


def _job(pk):
    return Job.objects.get(pk=pk)


def test_a_worker_killed_while_rendering_leaves_exactly_one_pdf_with_its_checksum(
    big_draft, object_storage, real_broker, start_worker
):
    bucket, s3 = object_storage
    worker = start_worker(STORAGE_URL=storage_url(bucket, S3_ENDPOINT), CELERY_BROKER_URL=real_broker)
    job = _request(big_draft)
    assert job.status == JobStatus.QUEUED
    # The layout phase (progress 30) lasts seconds for 330 rows: the child is killed inside it.
    wait_for(lambda: _job(job.pk).progress >= 30, timeout=120, what="the worker to start rendering")
    [child] = worker.children()
    os.kill(child, signal.SIGKILL)
    done = wait_for(lambda: _job(job.pk).is_done and _job(job.pk), timeout=180, what="the retried job")
    assert done.attempts == 2, worker.output()
    assert "WorkerLostError" in worker.output()
    name, content = _the_one_pdf(s3, bucket, "jobs/")
    assert name == done.file.name
    assert hashlib.sha256(content).hexdigest() == done.sha256
    # Asking again for the same draft finds the built job: nothing is rendered twice.
    assert _request(big_draft).pk == done.pk and Job.objects.count() == 1


def test_a_worker_killed_while_rendering_a_revision_pdf_leaves_exactly_one_with_its_checksum(
    transactional_db, object_storage, real_broker, start_worker
):
    bucket, s3 = object_storage
    cache.clear()
    world = World()
    worker = start_worker(STORAGE_URL=storage_url(bucket, S3_ENDPOINT), CELERY_BROKER_URL=real_broker)
    # 10 sections x 60 paragraphs: approval returns at once; rendering its PDF takes seconds.
    report = _report(world.meeting, world.wg, Prose(14), 60, by=world.chair, now=None)
    [revision] = report.revisions.all()
    assert not revision.pdf_ready and object_names(s3, bucket, "reports/") == []
    wait_for(lambda: _revision(revision.pk).pdf_started_at, timeout=120, what="the worker to start rendering")
    time.sleep(1)  # inside WeasyPrint's layout, which lasts seconds
    assert not _revision(revision.pk).pdf_ready, "rendered before the kill: make the report bigger"
    [child] = worker.children()
    os.kill(child, signal.SIGKILL)
    done = wait_for(lambda: _revision(revision.pk).pdf_ready and _revision(revision.pk), timeout=180, what="the retry")
    assert done.render_attempts == 2, worker.output()
    assert "WorkerLostError" in worker.output()
    name, content = _the_one_pdf(s3, bucket, "reports/")
    assert name == done.pdf.name == "reports/WG-WSIS/14/WG-WSIS-report-rev1.pdf"
    assert hashlib.sha256(content).hexdigest() == done.sha256
    assert done.render_seconds > 1, done.render_seconds


def _the_one_pdf(s3, bucket, prefix):
    """(name, bytes) of the one object under `prefix`: a PDF (a second object fails the test)."""
    [name] = object_names(s3, bucket, prefix)
    content = s3.get_object(Bucket=bucket, Key=name)["Body"].read()
    assert content.startswith(b"%PDF"), content[:20]
    return name, content


def _revision(pk):
    return ReportRevision.objects.get(pk=pk)


def test_readyz_reports_the_real_cache_storage_and_broker(db, client, redis_cache, object_storage, real_broker):
    report = client.get("/readyz").json()
    assert report["ready"] is True and "mode" not in report["checks"]["queue"], report  # a broker, not inline
