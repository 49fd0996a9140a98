"""The rendering of an approved revision's PDF: keyed by the revision, safe to run twice
(reports/services.py render_revision_pdf); the same options as jobs/tasks.py build_job_task."""

from celery import shared_task

from . import services


@shared_task(bind=True, max_retries=3, acks_late=True, reject_on_worker_lost=True)
def render_revision_pdf_task(self, revision_pk):
    """Render and store one revision's PDF; on an error retry with back-off. The last failure is
    raised: in a worker the revision stays without its PDF (its pages say it is being prepared, and
    asking for it later queues it again); in the approving process (no broker) the approval fails
    whole and leaves nothing behind, as when approval rendered the PDF itself."""
    final = self.request.is_eager or self.request.retries >= self.max_retries
    try:
        services.render_revision_pdf(revision_pk, final_attempt=final)
    except Exception as exc:
        if final:
            raise
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
