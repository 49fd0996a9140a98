"""Background work of the documents' side: small tasks that take ids, never objects."""

from celery import shared_task

from . import services
from .models import Document


@shared_task(acks_late=True)
def notify_subscribers_task(document_pk):
    """E-mail the group's subscribers about a new document (services.notify_subscribers). Not
    retried automatically: a retry would mail again those already mailed (the notifications
    outbox, which records each delivery, is the place for retries)."""
    document = Document.objects.select_related("group", "meeting").filter(pk=document_pk).first()
    if document is not None:
        services.notify_subscribers(document=document)
