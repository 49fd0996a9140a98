"""Meeting reports and summaries: the working copy (Report + Block tree) and the frozen,
approved revisions (ReportRevision: snapshot, PDF in storage, SHA-256).

The working copy is edited by the secretariat; approval copies it into an immutable
ReportRevision. Numbering (1, 1.1, 8.4.1) is never stored: it is computed from the tree
(numbering.py), so reordering can never leave a stale number behind.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import Group, Meeting, Organisation


class ReportKind(models.TextChoices):
    REPORT = "report", _("Meeting report")
    SUMMARY = "summary", _("Meeting summary")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated for comment")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    AR = "ar", _("Arabic")
    ZH = "zh", _("Chinese")
    RU = "ru", _("Russian")


# The interface language (settings.LANGUAGES) a report's fixed texts are printed in, by its language.
PRINT_LANGUAGE = {Language.ZH: "zh-hans"}


class Report(models.Model):
    """The working copy of one report (or summary) of one group at one meeting.

    `group` is the meeting's group or a group that is an integral part of it (the Dedicated
    Group reports on its sitting during the WG-WSIS meeting). `revision` is the number the
    working copy will carry when approved; `lock_version` is the optimistic-lock counter.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="reports", verbose_name=_("meeting"))
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="reports", verbose_name=_("group"))
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices, default=ReportKind.REPORT)
    title = models.CharField(_("title"), max_length=300)
    symbol = models.CharField(_("document symbol"), max_length=60, blank=True, help_text=_("e.g. WG-WSIS-14/12"))
    date = models.DateField(_("date"), null=True, blank=True)
    place_and_date = models.CharField(_("place and date line"), max_length=120, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.EN
    )
    summary = models.TextField(_("summary"), blank=True)
    action_required = models.TextField(_("action required"), blank=True)
    references = models.TextField(_("references"), blank=True)
    signature = models.TextField(_("signature block"), blank=True, help_text=_("One line per line printed."))
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    lock_version = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("lock version"))
    annexed_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annexes",
        verbose_name=_("annexed to"),
        help_text=_("The parent group's report this report is an annex of."),
    )
    annex_position = models.PositiveSmallIntegerField(_("annex order"), default=1)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated"))

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["meeting", "group_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "group", "kind"], name="report_unique_per_meeting_group_kind"),
        ]

    def __str__(self):
        return self.title

    @property
    def print_language(self):
        """The language of the fixed texts of its record and PDF: the report's own, not the reader's."""
        return PRINT_LANGUAGE.get(self.original_language, self.original_language)

    @property
    def is_frozen(self):
        """Approved or published: the next edit starts a new revision."""
        return self.status in (ReportStatus.APPROVED, ReportStatus.PUBLISHED)


class BlockKind(models.TextChoices):
    SECTION = "section", _("Section")
    HEADING = "heading", _("Sub-heading")
    PARAGRAPH = "paragraph", _("Paragraph")
    STATEMENT = "statement", _("Statement by a delegation")
    PROPOSAL = "proposal", _("Proposal to Council")
    DECISION = "decision", _("Decision")
    ACTION = "action", _("Action item")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Block(models.Model):
    """One element of a report: a section (top level) or, inside it, a sub-heading, paragraph
    or structured element. `numbered` blocks get the next number at their level; `body` is
    HTML already sanitised by sanitise.clean_html."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("report"))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=BlockKind.choices, default=BlockKind.PARAGRAPH)
    numbered = models.BooleanField(_("numbered"), default=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    # Statements: who spoke, the lead-in ("The United States of America stated"), verbatim or reported.
    delegation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("delegation")
    )
    lead = models.CharField(_("lead-in"), max_length=200, blank=True)
    verbatim = models.BooleanField(_("verbatim quotation"), default=False)
    # Action items: who, by when, and how it ended.
    owners = models.ManyToManyField(Organisation, blank=True, related_name="+", verbose_name=_("who"))
    owners_note = models.CharField(_("who (other)"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_next_meeting = models.BooleanField(_("due at the next meeting"), default=False)
    action_status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("closed"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closed_at_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closed_action_items",
        verbose_name=_("closed at meeting"),
    )

    class Meta:
        verbose_name = _("report block")
        verbose_name_plural = _("report blocks")
        ordering = ["report", "parent_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                name="block_section_at_top_level",
                condition=(Q(kind="section") & Q(parent__isnull=True)) | (~Q(kind="section") & Q(parent__isnull=False)),
            ),
            models.CheckConstraint(
                name="block_action_due_one_way",
                condition=Q(due_date__isnull=True) | Q(due_next_meeting=False),
            ),
            models.CheckConstraint(
                name="block_statement_has_delegation", condition=~Q(kind="statement") | Q(delegation__isnull=False)
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk} of {self.report}"


class ReportRevision(models.Model):
    """An approved, frozen revision: the snapshot it was approved on, its PDF (rendered once from
    that snapshot by a background task, stored in Django storage) and the PDF's SHA-256. Never
    changed after creation, except `published_at` when it is released to the public and, once, the
    PDF: until it is stored, `pdf` and `sha256` are both empty ("being rendered"; see
    reports/services.py render_revision_pdf) and the `pdf_*` fields say how far its rendering got."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("report"))
    number = models.PositiveIntegerField(_("revision"))
    snapshot = models.JSONField(_("frozen content"))
    pdf = models.FileField(_("PDF"), upload_to="reports/", max_length=300, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("approved by")
    )
    approved_as = models.CharField(_("approved as"), max_length=40)
    approved_at = models.DateTimeField(_("approved at"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    render_seconds = models.FloatField(_("render time (s)"), default=0)
    # The PDF's rendering: when it was last handed to a worker, when a worker last began it, how often.
    pdf_queued_at = models.DateTimeField(_("PDF queued at"), null=True, blank=True)
    pdf_started_at = models.DateTimeField(_("PDF rendering started at"), null=True, blank=True)
    render_attempts = models.PositiveSmallIntegerField(_("rendering attempts"), default=0)
    annexed_reports = models.ManyToManyField(
        Report, blank=True, related_name="released_in", verbose_name=_("annexed reports")
    )

    class Meta:
        verbose_name = _("report revision")
        verbose_name_plural = _("report revisions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_revision_unique_number"),
            # Both or neither: a stored PDF always has the checksum of its bytes, and a checksum a file.
            models.CheckConstraint(
                name="report_revision_pdf_with_checksum",
                condition=(Q(pdf="") & Q(sha256="")) | (~Q(pdf="") & Q(sha256__regex=r"^[0-9a-f]{64}$")),
            ),
        ]

    def __str__(self):
        return f"{self.report} rev. {self.number}"

    @property
    def pdf_ready(self):
        """False while the approved PDF is being rendered (the snapshot is frozen already)."""
        return bool(self.sha256)

    @property
    def pdf_sha256(self):
        """The PDF's SHA-256, or None while it is being rendered."""
        return self.sha256 or None


class BlockComment(models.Model):
    """A member's comment on one block of a circulated report."""

    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="comments", verbose_name=_("block"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    text = models.TextField(_("comment"))
    revision = models.PositiveIntegerField(_("on revision"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("block comment")
        verbose_name_plural = _("block comments")
        ordering = ["block", "created_at", "pk"]

    def __str__(self):
        return f"Comment by {self.author} on {self.block_id}"
