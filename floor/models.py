"""The meeting in session: a sitting of the time-management plan run live (the item under
discussion, the list of speakers, the floor) and the session record written from it, from
which the report's working copy is drafted (drafting.py).

A sitting's `version` moves on with every change anyone may see (services.py bumps it in the
changing transaction): the live channel answers "unchanged" by comparing it, nothing else.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Organisation, Session


class Sitting(models.Model):
    """A session of the time-management plan while (and after) it is run from the floor."""

    session = models.OneToOneField(Session, on_delete=models.PROTECT, related_name="sitting", verbose_name=_("session"))
    opened_at = models.DateTimeField(_("opened at"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    current_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("item under discussion"),
    )
    list_closed = models.BooleanField(_("list of speakers closed"), default=False)
    speaking_limit = models.PositiveIntegerField(
        _("speaking time limit (seconds)"), default=180, help_text=_("0: no limit.")
    )
    version = models.PositiveBigIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        ordering = ["session__date", "session__start_time"]

    def __str__(self):
        return str(self.session)

    @property
    def is_open(self):
        return self.closed_at is None


class RequestKind(models.TextChoices):
    SPEAKER = "speaker", _("To speak")
    POINT_OF_ORDER = "point_of_order", _("Point of order")
    RIGHT_OF_REPLY = "right_of_reply", _("Right of reply")


# Points of order and rights of reply go ahead of the queue, in this order, also on a closed list.
PRIORITY = {RequestKind.POINT_OF_ORDER: 0, RequestKind.RIGHT_OF_REPLY: 1, RequestKind.SPEAKER: 2}


class RequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    SPEAKING = "speaking", _("Has the floor")
    SPOKE = "spoke", _("Spoke")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SpeakerRequest(models.Model):
    """A delegation's request for the floor on one item of one sitting. `position` is its place
    in the order requests arrived (allocated under the sitting's row lock; unique)."""

    sitting = models.ForeignKey(Sitting, on_delete=models.PROTECT, related_name="requests", verbose_name=_("sitting"))
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("agenda item"))
    delegation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("delegation")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices, default=RequestKind.SPEAKER)
    position = models.PositiveIntegerField(_("position"))
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.WAITING)
    requested_at = models.DateTimeField(_("requested at"))
    started_at = models.DateTimeField(_("given the floor at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request for the floor")
        verbose_name_plural = _("requests for the floor")
        ordering = ["sitting", "item", "position"]
        constraints = [
            models.UniqueConstraint(fields=["sitting", "position"], name="speaker_request_position_unique"),
            models.UniqueConstraint(
                fields=["sitting", "item", "delegation", "kind"],
                condition=Q(status="waiting"),
                name="speaker_request_one_waiting_per_delegation",
            ),
            models.UniqueConstraint(
                fields=["sitting"], condition=Q(status="speaking"), name="speaker_request_one_speaking"
            ),
        ]

    def __str__(self):
        return f"{self.delegation} ({self.get_kind_display()}) on {self.item}"

    @property
    def seconds(self):
        if self.started_at is None or self.ended_at is None:
            return None
        return int((self.ended_at - self.started_at).total_seconds())


class EntryKind(models.TextChoices):
    INTERVENTION = "intervention", _("Intervention")
    STATEMENT = "statement", _("Statement to be recorded")
    DECISION = "decision", _("Decision")
    PROPOSAL = "proposal", _("Proposal to Council")
    ACTION = "action", _("Action item")
    DOCUMENT = "document", _("Document requested in session")
    SECTION = "section", _("New section of the report (its title)")


class RecordEntry(models.Model):
    """One entry of the session record, attributed to the agenda item (and delegation).

    Saved as it is typed (`key` is the form's one-time key: each save of the same form updates
    the same row); `filed_at` is set when the secretariat files it, and from then on every
    change leaves a RecordCorrection with the previous text."""

    sitting = models.ForeignKey(Sitting, on_delete=models.PROTECT, related_name="entries", verbose_name=_("sitting"))
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("agenda item"))
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    delegation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("delegation")
    )
    text = models.TextField(_("text"), blank=True)
    lead = models.CharField(_("lead-in"), max_length=200, blank=True, help_text=_('e.g. "Saudi Arabia stated that"'))
    verbatim = models.BooleanField(_("verbatim"), default=False)
    owners = models.ManyToManyField(Organisation, blank=True, related_name="+", verbose_name=_("who"))
    owners_note = models.CharField(_("who (other)"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_next_meeting = models.BooleanField(_("due at the next meeting"), default=False)
    document = models.ForeignKey(
        "contributions.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"))
    updated_at = models.DateTimeField(_("saved at"))
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("record entry")
        verbose_name_plural = _("record entries")
        ordering = ["sitting", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="record_entry_filed_statement_has_delegation",
                condition=~Q(kind="statement") | Q(delegation__isnull=False) | Q(filed_at__isnull=True),
            ),
            models.CheckConstraint(
                name="record_entry_due_one_way", condition=Q(due_date__isnull=True) | Q(due_next_meeting=False)
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.item}"


class RecordCorrection(models.Model):
    """The trace of a correction to a filed entry: what it said before, who changed it, when."""

    entry = models.ForeignKey(
        RecordEntry, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("entry")
    )
    previous = models.JSONField(_("previous values"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("corrected by")
    )
    corrected_at = models.DateTimeField(_("corrected at"))

    class Meta:
        verbose_name = _("record correction")
        verbose_name_plural = _("record corrections")
        ordering = ["entry", "corrected_at", "pk"]

    def __str__(self):
        return f"Correction of {self.entry_id} at {self.corrected_at}"


class DraftLink(models.Model):
    """What a draft from the floor put in a report: the section made for an agenda item (entry
    empty) or the block made from an entry. A second draft adds only what has no link yet, and
    only when asked, so nothing already edited is overwritten."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="floor_links", verbose_name=_("report")
    )
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("agenda item"))
    entry = models.ForeignKey(
        RecordEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("entry")
    )
    block = models.ForeignKey(
        "reports.Block", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("block")
    )
    drafted_body = models.TextField(
        _("text as drafted"), blank=True, help_text=_("What the floor last put in the block's text.")
    )
    declined_body = models.TextField(
        _("correction left"), blank=True, help_text=_("A corrected text the secretariat chose not to take.")
    )

    class Meta:
        verbose_name = _("block drafted from the floor")
        verbose_name_plural = _("blocks drafted from the floor")
        constraints = [
            models.UniqueConstraint(fields=["report", "entry"], name="draft_link_entry_once_per_report"),
            models.UniqueConstraint(
                fields=["report", "item"], condition=Q(entry__isnull=True), name="draft_link_section_once_per_item"
            ),
        ]

    def __str__(self):
        return f"{self.report_id}: {self.item_id}/{self.entry_id}"
