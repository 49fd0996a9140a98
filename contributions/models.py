"""Documents of a meeting: official symbols, revisions, language files, deadlines and the audit log."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Group, Meeting, Organisation

# "14/5", "WG-WSIS-14/3(Rev.1)": a query with a slash or a parenthesis is looked up as a symbol.
SYMBOL_LIKE = re.compile(r"[/()]")


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    INFORMATION = "information", _("Information document")
    CONTRIBUTION = "contribution", _("Contribution")
    DRAFT = "draft", _("Draft")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Suffix(models.TextChoices):
    """A revision, addendum or corrigendum keeps its parent's number and adds `(Rev.1)`."""

    NONE = "", _("Original")
    REV = "Rev", _("Revision")
    ADD = "Add", _("Addendum")
    CORR = "Corr", _("Corrigendum")


class Language(models.TextChoices):
    E = "E", _("English")
    F = "F", _("French")
    S = "S", _("Spanish")
    A = "A", _("Arabic")
    C = "C", _("Chinese")
    R = "R", _("Russian")


class SymbolCounter(models.Model):
    """The last number given in a meeting series (`WG-WSIS-14`). Locked while a symbol is allocated."""

    series = models.CharField(max_length=60, unique=True, verbose_name=_("series"))
    last_number = models.PositiveIntegerField(default=0, verbose_name=_("last number"))

    class Meta:
        verbose_name = _("symbol counter")
        verbose_name_plural = _("symbol counters")

    def __str__(self):
        return f"{self.series}: {self.last_number}"


class DocumentQuerySet(models.QuerySet):
    def with_language(self, language):
        """The documents that have a file in `language` (a letter: "F" for the French versions)."""
        return self.filter(
            models.Exists(DocumentFile.objects.filter(document=models.OuterRef("pk"), language=language))
        )

    def for_register(self):
        return self.select_related(
            "group__parent", "parent", "submitted_by", "late_admission__granted_by"
        ).prefetch_related("source_organisations", "agenda_items", "files")

    def search(self, text):
        """Symbols by substring ("14/5"); words by prefix ("Charl" finds Charlie): PostgreSQL full-text
        search on the stored, GIN-indexed column of migration 0003, a plain icontains elsewhere."""
        from django.db import connection

        text = text.strip()
        if not text:
            return self.none()
        if SYMBOL_LIKE.search(text):
            return self.filter(symbol__icontains=text)
        if connection.vendor != "postgresql":
            return self.filter(Q(title__icontains=text) | Q(summary__icontains=text) | Q(symbol__icontains=text))
        words = re.findall(r"\w+", text)
        if not words:
            return self.none()
        # Only \w+ tokens reach the raw query, so nothing the user types can break its syntax; it is
        # passed as a parameter. `search_document` is maintained by the database (migration 0003).
        query = " & ".join(f"{w}:*" for w in words)
        column = f'"{self.model._meta.db_table}"."search_document"'  # qualified: the register joins parents
        matches = RawSQL(f"{column} @@ to_tsquery('simple', %s)", [query], output_field=models.BooleanField())
        return self.filter(matches)


class Document(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="documents", verbose_name=_("meeting"))
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="documents",
        help_text=_("Its access follows this group."),
        verbose_name=_("group"),
    )
    series = models.CharField(_("series"), max_length=60, editable=False, help_text=_("e.g. WG-WSIS-14"))
    number = models.PositiveIntegerField(_("number"), editable=False)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    suffix = models.CharField(_("suffix"), max_length=4, choices=Suffix.choices, blank=True, editable=False)
    suffix_number = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("suffix number")
    )
    symbol = models.CharField(_("symbol"), max_length=80, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=400)
    title_language = models.CharField(
        _("language of the title"),
        max_length=1,
        choices=Language.choices,
        default=Language.E,
        help_text=_("The language the title was given in; translations are kept as document titles."),
    )
    summary = models.TextField(_("summary"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    source_organisations = models.ManyToManyField(
        Organisation, related_name="documents", verbose_name=_("source"), blank=True
    )
    agenda_items = models.ManyToManyField(
        AgendaItem, related_name="documents", blank=True, verbose_name=_("agenda items")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    available_at = models.DateTimeField(_("available since"))
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.AVAILABLE
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, verbose_name=_("withdrawn"))
    withdrawn_reason = models.CharField(max_length=300, blank=True, verbose_name=_("reason for withdrawal"))
    call = models.ForeignKey(
        "CallForDocuments",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("call for documents"),
    )
    # The one-time key of the form it was submitted with: a repeat of the same submission (its
    # answer lost, sent again) finds this document instead of allocating a second symbol.
    submission_key = models.UUIDField(null=True, blank=True, editable=False, verbose_name=_("submission key"))

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["series", "number", "suffix", "suffix_number"]
        # Search answers the newest matches first (contributions/views/search.py): with this index
        # PostgreSQL walks the documents newest first and stops at the 50th match, whatever the
        # number of matches; a rare word is still found through the GIN index (`make bench SCALE=10`).
        indexes = [models.Index(fields=["-available_at", "id"], name="document_newest_first")]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"], condition=Q(parent__isnull=True), name="document_number_once_per_series"
            ),
            models.UniqueConstraint(fields=["parent", "suffix", "suffix_number"], name="document_suffix_once"),
            models.UniqueConstraint(
                fields=["submitted_by", "submission_key"], name="document_submission_key_once_per_submitter"
            ),
            models.CheckConstraint(
                name="document_suffix_iff_parent",
                condition=(Q(parent__isnull=True) & Q(suffix="") & Q(suffix_number__isnull=True))
                | (Q(parent__isnull=False) & ~Q(suffix="") & Q(suffix_number__isnull=False)),
            ),
            models.CheckConstraint(
                name="document_withdrawn_has_time",
                condition=~Q(status="withdrawn") | Q(withdrawn_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.symbol

    @property
    def is_withdrawn(self):
        return self.status == DocumentStatus.WITHDRAWN

    @property
    def sources_display(self):
        return ", ".join(o.short_name for o in self.source_organisations.all())

    @property
    def languages(self):
        return [f.language for f in self.files.all()]

    @property
    def kind_label(self):
        """get_kind_display() without its per-call rebuild of the choices (70 µs, found by `make bench`
        on the register's rows)."""
        return DocumentKind(self.kind).label


class DocumentFile(models.Model):
    """One language version of a document. `original_filename` is shown, never used as a path."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="files", verbose_name=_("document"))
    language = models.CharField(_("language"), max_length=1, choices=Language.choices)
    file = models.FileField(max_length=200, verbose_name=_("file"))
    size = models.PositiveBigIntegerField(verbose_name=_("size"))
    sha256 = models.CharField(max_length=64, verbose_name=_("SHA-256"))
    content_type = models.CharField(max_length=120, verbose_name=_("content type"))
    original_filename = models.CharField(max_length=255, verbose_name=_("original file name"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(verbose_name=_("uploaded"))

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="document_file_once_per_language"),
            models.CheckConstraint(name="document_file_not_empty", condition=Q(size__gt=0)),
        ]

    def __str__(self):
        return f"{self.document.symbol}-{self.language}"

    @property
    def language_label(self):
        """get_language_display() without its per-call rebuild of the choices (see kind_label)."""
        return Language(self.language).label


class DeadlineMode(models.TextChoices):
    HOURS_BEFORE_START = "hours", _("hours before the group's first session")
    DAYS_BEFORE_OPENING = "days", _("calendar days before the opening")


class DeadlineRule(models.Model):
    """When documents of a kind must be available for a group's meetings (blank kind: every kind)."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="deadline_rules", verbose_name=_("group"))
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, blank=True, verbose_name=_("kind"))
    mode = models.CharField(max_length=10, choices=DeadlineMode.choices, verbose_name=_("mode"))
    amount = models.PositiveSmallIntegerField(verbose_name=_("amount"))
    source = models.CharField(
        max_length=300, blank=True, help_text=_("Where the rule comes from."), verbose_name=_("source")
    )

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        constraints = [models.UniqueConstraint(fields=["group", "kind"], name="deadline_rule_once_per_kind")]

    def __str__(self):
        return f"{self.group}: {self.amount} {self.get_mode_display()}"


class CallForDocuments(models.Model):
    """A dated request for documents ("not later than 15 May 2009") addressed to named organisations."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="calls_for_documents", verbose_name=_("meeting")
    )
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="calls_for_documents", verbose_name=_("group")
    )
    title = models.CharField(max_length=300, verbose_name=_("title"))
    text = models.TextField(blank=True, verbose_name=_("text"))
    due_at = models.DateTimeField(verbose_name=_("due"))
    addressees = models.ManyToManyField(Organisation, related_name="calls_for_documents", verbose_name=_("addressees"))

    class Meta:
        verbose_name = _("call for documents")
        verbose_name_plural = _("calls for documents")
        ordering = ["due_at"]
        constraints = [models.UniqueConstraint(fields=["meeting", "group", "title"], name="call_once_per_title")]

    def __str__(self):
        return self.title


class LateAdmission(models.Model):
    """The recorded exemption: a document admitted after its deadline as requested by the group."""

    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, related_name="late_admission", verbose_name=_("document")
    )
    deadline = models.DateTimeField(verbose_name=_("deadline"))
    reason = models.TextField(verbose_name=_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("granted by")
    )
    granted_at = models.DateTimeField(verbose_name=_("granted"))
    on_behalf_of_chair = models.BooleanField(default=False, verbose_name=_("on behalf of the chair"))

    class Meta:
        verbose_name = _("late admission")
        verbose_name_plural = _("late admissions")
        constraints = [models.CheckConstraint(name="late_admission_has_reason", condition=~Q(reason=""))]

    def __str__(self):
        return f"{self.document}: admitted late"


class AuditAction(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    REVISED = "revised", _("revision, addendum or corrigendum submitted")
    FILE_ADDED = "file_added", _("language version added")
    FILE_REPLACED = "file_replaced", _("file replaced")
    EDITED = "edited", _("metadata edited")
    WITHDRAWN = "withdrawn", _("withdrawn")
    ADMITTED_LATE = "admitted_late", _("admitted after the deadline")
    REFUSED_LATE = "refused_late", _("refused: after the deadline")
    REGISTERED_AFTER_MEETING = "after_meeting", _("registered after the meeting ended")


class AuditEntry(models.Model):
    """Who did what, when, to which document of a meeting. Read by the secretariat only."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="document_audit", verbose_name=_("meeting")
    )
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+", verbose_name=_("group"))
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="audit", verbose_name=_("document")
    )
    action = models.CharField(max_length=20, choices=AuditAction.choices, verbose_name=_("action"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("actor")
    )
    at = models.DateTimeField(verbose_name=_("time"))
    detail = models.TextField(blank=True, verbose_name=_("detail"))

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.document or self.group}"


class Subscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("user")
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("group"))

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="subscription_once")]

    def __str__(self):
        return f"{self.user} → {self.group}"


class DocumentTitle(models.Model):
    """A document's title in one more language of the Union (the original stays on the document)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="titles", verbose_name=_("document"))
    language = models.CharField(_("language"), max_length=1, choices=Language.choices)
    title = models.CharField(_("title"), max_length=400)

    class Meta:
        verbose_name = _("translated title")
        verbose_name_plural = _("translated titles")
        constraints = [models.UniqueConstraint(fields=["document", "language"], name="one_title_per_language")]

    def __str__(self):
        return f"{self.document.symbol}-{self.language}: {self.title}"
