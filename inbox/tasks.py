"""Mail leaves in a worker: the outbox rows written in the request's transaction are delivered by
this task after the commit (at once in the same process where no broker is configured)."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def deliver_pending_task(ids=None):
    """Send the given outbox rows (services.deliver_pending: each row at most once, a failure kept
    for `manage.py send_notifications` to retry). Safe to run twice: a sent row is skipped."""
    return services.deliver_pending(ids=ids)
