"""Background jobs (jobs/): one row per thing built, keyed by what it shows; built at once when no
broker is configured (make demo, these tests); the page shows progress until the file is ready;
a second build of a done job changes nothing; a failure is recorded and a new request retries."""

import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile
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


# ---------------------------------------------------------------- pruning finished jobs

DAY = datetime.timedelta(days=1)


def _job(key, status, *, finished_ago, content=b"%PDF-1.4 built"):
    """A job row as a build leaves it, finished `finished_ago` before NOW (None: never finished)."""
    job = Job(kind="roadmap-pdf", key=key, status=status, filename="r.pdf", content_type="application/pdf")
    if status == JobStatus.DONE:
        job.file.save(f"{key}.pdf", ContentFile(content), save=False)
        job.sha256 = hashlib.sha256(content).hexdigest()
    job.finished_at = NOW - finished_ago if finished_ago is not None else None
    job.save()
    Job.objects.filter(pk=job.pk).update(created_at=NOW - (finished_ago or DAY) - datetime.timedelta(minutes=1))
    return job


NOW = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("status", "finished_ago", "pruned"),
    [
        (JobStatus.DONE, 30 * DAY + datetime.timedelta(seconds=1), True),  # just past the age
        (JobStatus.DONE, 30 * DAY, False),  # exactly the age: kept
        (JobStatus.DONE, 29 * DAY, False),
        (JobStatus.FAILED, 31 * DAY, True),
        (JobStatus.FAILED, 2 * DAY, False),
        (JobStatus.QUEUED, None, False),  # never touched, however old
        (JobStatus.RUNNING, None, False),
    ],
)
def test_prune_removes_finished_jobs_past_the_age_with_their_files(
    db, django_capture_on_commit_callbacks, status, finished_ago, pruned
):
    if finished_ago is None:  # a queued or running job created long ago
        job = _job("k", status, finished_ago=None)
        Job.objects.filter(pk=job.pk).update(created_at=NOW - 90 * DAY)
    else:
        job = _job("k", status, finished_ago=finished_ago)
    name = job.file.name
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the row's deletion commits
        removed, freed, more = services.prune(older_than=30 * DAY, now=NOW)
    assert (removed, Job.objects.filter(pk=job.pk).exists()) == (int(pruned), not pruned)
    if name:
        assert job.file.storage.exists(name) is not pruned
        assert freed == (len(b"%PDF-1.4 built") if pruned else 0)
    assert more is False


def test_prune_stops_at_its_limit_and_says_more_remain(db):
    for n in range(3):
        _job(f"old-{n}", JobStatus.DONE, finished_ago=40 * DAY)
    assert services.prune(older_than=30 * DAY, now=NOW, limit=2)[::2] == (2, True)
    assert Job.objects.count() == 1
    assert services.prune(older_than=30 * DAY, now=NOW, limit=2)[::2] == (1, False)
    assert not Job.objects.exists()


def test_prune_command_reports_what_it_removed(db, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import CommandError, call_command

    job = _job("old", JobStatus.DONE, finished_ago=400 * DAY)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("prune_jobs", "--days", "30", stdout=out)
    assert "Removed 1 jobs finished more than 30 days ago (14\xa0bytes)." in out.getvalue()
    assert not Job.objects.filter(pk=job.pk).exists() and not job.file.storage.exists(job.file.name)
    with pytest.raises(CommandError, match="at least 1"):
        call_command("prune_jobs", "--days", "0")


def test_a_pruned_pdf_is_built_again_when_asked_for(rw):
    job = _request(rw.draft)
    Job.objects.filter(pk=job.pk).update(finished_at=job.finished_at - 31 * DAY)
    assert services.prune(older_than=30 * DAY)[0] == 1
    again = _request(rw.draft)
    assert again.pk != job.pk and again.status == JobStatus.DONE and again.file.read().startswith(b"%PDF")
