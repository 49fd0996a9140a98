"""The generic build task: small, keyed by the Job row, safe to run twice (jobs/services.py)."""

from celery import shared_task

from . import services


@shared_task(bind=True, max_retries=3, acks_late=True, reject_on_worker_lost=True)
def build_job_task(self, job_pk):
    """Build one job; on an error retry with back-off. The last failure (or the only one, when the
    task runs in the requesting process) marks the job failed, and its page says so."""
    final = self.request.is_eager or self.request.retries >= self.max_retries
    try:
        services.build_job(job_pk, final_attempt=final)
    except Exception as exc:
        if not final:
            raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
