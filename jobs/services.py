"""Asking for a file to be built in the background, and building it (the task's body).

Idempotent by construction, so a retry or a second worker is always safe:
- `request_job` finds the row for a key or creates it (the unique key decides between two
  requests at once) and enqueues its build after commit; a done job is never built again.
- `build_job` renders outside any transaction (a worker killed meanwhile has written nothing), then,
  holding the row's lock, stores the bytes under the one name the job owns (jobs/<kind>/<id><ext>),
  replacing whatever a killed earlier attempt left there, and records the checksum of those bytes.
  A second run that finds the job done returns at once. So a job has at most one file, and its
  SHA-256 is that of the stored content.
"""

import contextlib
import functools
import logging
import posixpath

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from wsisportal import stored_files

from .models import Job, JobStatus

logger = logging.getLogger(__name__)

# kind -> builder `f(params, progress) -> bytes`; `progress(percent)` records how far it got.
# A builder returns the bytes, or a binary file to read them from (a large file need not sit in memory).
BUILDERS = {
    "roadmap-pdf": "roadmap.exports.build_pdf_job",
    "meeting-pack": "contributions.exports.build_pack_job",
    "report-draft-pdf": "reports.draft_pdf.build_job",
}
EXTENSIONS = {"application/pdf": ".pdf", "application/zip": ".zip"}
# A queued job no worker has started after this long is enqueued again (its message was lost).
STALE_AFTER_SECONDS = 600


def request_job(*, kind, key, params, filename, content_type, now=None):
    """The job building `key`, created and enqueued if new (or requeued if it failed or was lost).
    A requeued job builds with this request's `params`: the same key shows the same thing, but
    who asked may differ (a report's draft PDF is rebuilt for a reader who may see it now).
    Side effects: at most one Job row; the build task enqueued after commit."""
    if kind not in BUILDERS:
        raise ValueError(f"No builder for jobs of kind {kind!r}")
    now = now or timezone.now()
    defaults = {"kind": kind, "params": params, "filename": filename, "content_type": content_type}
    try:
        with transaction.atomic():
            job, created = Job.objects.get_or_create(key=key, defaults=defaults)
    except IntegrityError:  # the same key was created by another request at the same moment
        job, created = Job.objects.get(key=key), False
    lost = job.status == JobStatus.QUEUED and (now - job.created_at).total_seconds() > STALE_AFTER_SECONDS
    if created or lost or job.status == JobStatus.FAILED:
        if not created:
            Job.objects.filter(pk=job.pk).update(
                status=JobStatus.QUEUED, error="", progress=0, created_at=now, params=params
            )
        _enqueue(job.pk)
        job.refresh_from_db()
    return job


def _enqueue(job_pk):
    """To a worker once the row is committed; without a broker, built here and now (the row is
    visible to this process already), so `make demo` and the tests get the file in one request."""
    from .tasks import build_job_task

    if eager():
        build_job_task.delay(job_pk)
    else:
        transaction.on_commit(lambda: build_job_task.delay(job_pk))


def build_job(job_pk, *, final_attempt=True):
    """Build the job's file (see the module's docstring). Returns the job. Side effects: the
    stored file and the row's status, progress, checksum; on failure the row says why (and,
    on the final attempt, is marked failed)."""
    job = Job.objects.get(pk=job_pk)
    if job.is_done:
        return job
    Job.objects.filter(pk=job_pk).update(
        status=JobStatus.RUNNING, progress=5, attempts=F("attempts") + 1, started_at=timezone.now()
    )
    try:
        content = import_string(BUILDERS[job.kind])(job.params, lambda p: _progress(job_pk, p))
    except Exception as exc:
        logger.exception("Building job %s (%s) failed", job_pk, job.key)
        status = JobStatus.FAILED if final_attempt else JobStatus.QUEUED
        Job.objects.filter(pk=job_pk).update(status=status, error=str(exc)[:2000])
        raise
    return _store(job_pk, content)


def _progress(job_pk, percent):
    Job.objects.filter(pk=job_pk, status=JobStatus.RUNNING).update(progress=max(5, min(percent, 95)))


def _store(job_pk, content):
    with content if not isinstance(content, bytes) else contextlib.nullcontext():
        with stored_files.removing_files_on_failure():
            job = Job.objects.select_for_update().get(pk=job_pk)
            if job.is_done:  # another attempt finished while this one rendered: keep its file
                return job
            name = posixpath.join("jobs", job.kind, f"{job.pk}{EXTENSIONS.get(job.content_type, '.bin')}")
            job.sha256, size = stored_files.replace(name, content, storage=job.file.storage)
            job.file.name = name
            job.status, job.progress, job.error, job.finished_at = JobStatus.DONE, 100, "", timezone.now()
            job.save()
    logger.info("Job %s built: %s (%d bytes)", job.pk, job.file.name, size)
    return job


def prune(*, older_than, now=None, limit=1000):
    """Remove the jobs that finished (built or failed) more than `older_than` (a timedelta) ago,
    with their files, at most `limit` per call: a build is a copy of what its object showed then,
    and asking again for the same thing builds it anew. Queued and running jobs are never touched.
    Each row is deleted in its own transaction and its file only once that has committed, so a
    failure leaves at worst a file without a row, never a row without its file.
    Returns (jobs removed, bytes freed, whether more remain)."""
    cutoff = (now or timezone.now()) - older_than
    finished = Job.objects.filter(status__in=[JobStatus.DONE, JobStatus.FAILED]).filter(
        Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff)
    )
    old = list(finished.order_by("pk")[: limit + 1])
    removed = freed = 0
    for job in old[:limit]:
        name, storage = job.file.name, job.file.storage
        size = _size(storage, name)
        with transaction.atomic():
            deleted, _ = Job.objects.filter(pk=job.pk, status=job.status).delete()
            if deleted and name:
                transaction.on_commit(functools.partial(_delete_file, storage, name))
        if deleted:
            removed += 1
            freed += size
    return removed, freed, len(old) > limit


def _size(storage, name):
    try:
        return storage.size(name) if name else 0
    except (OSError, NotImplementedError):
        return 0


def _delete_file(storage, name):
    try:
        storage.delete(name)
    except OSError:
        logger.warning("Could not delete %s of a pruned job; remove it by hand", name, exc_info=True)


def seconds_waiting(job, *, now=None):
    return int(((now or timezone.now()) - job.created_at).total_seconds())


def eager():
    """True when tasks run in the requesting process (no broker configured)."""
    return settings.CELERY_TASK_ALWAYS_EAGER
