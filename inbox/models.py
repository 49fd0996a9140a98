"""What waits for a user: their notifications (the in-portal inbox) and the e-mails that tell them.

A notice is written in the same transaction as the change it announces (no change, no notice);
its e-mail is a row of the outbox, sent after the commit by `services.deliver_pending` and, for
whatever failed (a mail server down), again by the `send_notifications` command: nothing is lost.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import Group


class NotificationKind(models.TextChoices):
    AGENDA_CIRCULATED = "agenda_circulated", _("Agenda circulated")
    AGENDA_ADOPTED = "agenda_adopted", _("Agenda adopted")
    REPORT_CIRCULATED = "report_circulated", _("Report circulated for comment")
    REPORT_APPROVED = "report_approved", _("Report approved")
    REPORT_PUBLISHED = "report_published", _("Report published")
    DOCUMENT = "document", _("New document")
    CALL = "call", _("Call for documents")
    ACTION_DUE = "action_due", _("Action item coming due")


class Notification(models.Model):
    """One notice to one user. Its access follows `group`: the inbox shows it only while the
    recipient may still see that group's content (wsisportal.access.visible_notifications)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+", verbose_name=_("group"))
    subject = models.CharField(_("subject"), max_length=300)
    url = models.CharField(_("link"), max_length=300, help_text=_("A path in the portal."))
    created_at = models.DateTimeField(_("created"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "group"], condition=Q(read_at__isnull=True), name="notification_unread")
        ]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"

    @property
    def is_read(self):
        return self.read_at is not None


class OutgoingMail(models.Model):
    """One e-mail of the outbox: sent once (`sent_at`), retried while it fails (`attempts`, `last_error`)."""

    notification = models.ForeignKey(
        Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("notification")
    )
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("created"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["pk"]
        indexes = [models.Index(fields=["id"], condition=Q(sent_at__isnull=True), name="outgoing_mail_pending")]

    def __str__(self):
        return f"{self.to}: {self.subject}"


class ActionDueNotice(models.Model):
    """That the owners of an action item were told it is coming due, for this due date: the
    `notify_due_actions` command never tells them twice (a new due date is told again)."""

    block = models.ForeignKey(
        "reports.Block", on_delete=models.CASCADE, related_name="+", verbose_name=_("action item")
    )
    due_date = models.DateField(_("due date"))
    notified_at = models.DateTimeField(_("notified"))

    class Meta:
        verbose_name = _("action item reminder")
        verbose_name_plural = _("action item reminders")
        constraints = [models.UniqueConstraint(fields=["block", "due_date"], name="action_due_notice_once")]

    def __str__(self):
        return f"{self.block_id} due {self.due_date}"
