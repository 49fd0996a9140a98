"""Notify users and deliver the outbox.

`notify` writes, inside the caller's transaction, one Notification per recipient and one
OutgoingMail per recipient with an e-mail address, each in the recipient's language; after the
commit it calls `deliver_pending` for those mails (never inside the transaction, so a rolled-back
change tells nobody and a slow mail server holds no lock of the request). `deliver_pending` is a
plain function, callable from a worker as is; the `send_notifications` command calls it for
everything still unsent, so a mail server that was down loses nothing.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wsisportal import access, languages

from .models import Notification, OutgoingMail

logger = logging.getLogger(__name__)

# After this many failed attempts a mail is no longer retried; its row keeps the last error for a human.
MAX_ATTEMPTS = 10


def notify(*, recipients, kind, group, path, render, now=None):
    """Tell each recipient (once each, active users only) about something of `group` at `path`.

    `render(user)` returns (subject, body) and is called in the recipient's language.
    Side effects: Notification rows, OutgoingMail rows, and after commit their delivery.
    Returns the notifications written."""
    now = now or timezone.now()
    notes, mails, seen = [], [], set()
    for user in recipients:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        with translation.override(languages.language_for(user)):
            subject, body = render(user)
        subject = " ".join(subject.split())[:300]
        note = Notification(recipient=user, kind=kind, group=group, subject=subject, url=path, created_at=now)
        notes.append(note)
        if user.email:
            mails.append(OutgoingMail(notification=note, to=user.email, subject=subject, body=body, created_at=now))
    with transaction.atomic():
        Notification.objects.bulk_create(notes)
        for mail in mails:
            mail.notification_id = mail.notification.pk
        created = OutgoingMail.objects.bulk_create(mails)
        ids = [m.pk for m in created]
        if ids:
            transaction.on_commit(lambda: _enqueue_delivery(ids))
    return notes


def _enqueue_delivery(ids):
    from .tasks import deliver_pending_task  # the task module imports this one

    deliver_pending_task.delay(ids)


def simple_render(subject, text, path):
    """A render for `notify`: the (lazy) subject, and a mail that greets, says `text` and links to `path`."""

    def render(user):
        return str(subject), render_to_string(
            "inbox/email/notification.txt",
            {"user": user, "text": str(text), "url": settings.PORTAL_URL + path},
        )

    return render


def deliver_pending(*, ids=None, limit=500, now=None):
    """Send the unsent mails of the outbox (only `ids` if given), oldest first, each at most once:
    a row is locked while it is sent (another worker skips it) and marked sent on success; a
    failure is counted with its error and left for the next run. Returns (sent, failed)."""
    pending = OutgoingMail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    sent = failed = 0
    for pk in list(pending.values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            mail = OutgoingMail.objects.select_for_update(skip_locked=True).filter(pk=pk, sent_at__isnull=True)
            mail = mail.first()
            if mail is None:  # sent meanwhile, or being sent by another worker
                continue
            mail.attempts += 1
            try:
                EmailMessage(subject=mail.subject, body=mail.body, to=[mail.to]).send()
            except Exception as exc:  # any failure of the mail server: keep the mail, say why
                logger.warning("Mail %s to %s not sent (attempt %s): %s", mail.pk, mail.to, mail.attempts, exc)
                mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
                failed += 1
            else:
                mail.sent_at = now or timezone.now()
                mail.last_error = ""
                sent += 1
            mail.save(update_fields=["attempts", "last_error", "sent_at"])
    return sent, failed


def unread_count(user):
    """Unread notices in the user's inbox (one query, once the request knows its groups)."""
    return access.visible_notifications(user).filter(read_at__isnull=True).count()


def mark_read(*, user, ids=None, now=None):
    """Mark the user's notices read (all of them, or `ids`). Side effects: read_at. Returns how many."""
    notes = access.visible_notifications(user).filter(read_at__isnull=True)
    if ids is not None:
        notes = notes.filter(pk__in=ids)
    return notes.update(read_at=now or timezone.now())
