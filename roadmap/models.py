"""The roadmap of ITU's activities per WSIS Action Line: reference records, numbered drafts,
their rows (WSIS outcomes with the framework columns agreed at the 14th meeting) and comments."""

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from meetings.models import Group, Meeting, Organisation, Resolution

# ---------------------------------------------------------------------------------------------
# Reference records


class ItuRole(models.TextChoices):
    """ITU's role in an Action Line (WSIS facilitation mechanism)."""

    FACILITATOR = "facilitator", _("Facilitator")
    TEMPORARY_FACILITATOR = "temporary_facilitator", _("Facilitator (temporary)")
    CO_FACILITATOR = "co_facilitator", _("Co-facilitator")
    PARTNER = "partner", _("Partner")
    NONE = "none", _("No role")


class RowRole(models.TextChoices):
    """The capacity in which ITU delivers a row's expected results."""

    SOLE_FACILITATOR = "sole_facilitator", _("Sole facilitator")
    CO_FACILITATOR = "co_facilitator", _("Co-facilitator")
    PARTNER = "partner", _("Partner")


class ActionLine(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("e.g. C5"))
    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    name = models.CharField(_("name"), max_length=300)
    lead_facilitators = models.CharField(
        _("lead facilitators"), max_length=200, blank=True, help_text=_("Agency codes, e.g. UNDESA, UNESCO")
    )

    class Meta:
        verbose_name = _("Action Line")
        verbose_name_plural = _("Action Lines")
        ordering = ["position"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def role_on(self, day):
        """ITU's role on `day` from the loaded or stored history (latest entry not after it)."""
        entries = [e for e in related(self, "role_history") if e.valid_from <= day]
        return max(entries, key=lambda e: e.valid_from) if entries else None


ROLE_FIELDS = ["id", "action_line_id", "role", "valid_from", "note"]  # what `action_lines_with_roles` reads


def action_lines_with_roles():
    """{pk: Action Line} in order, each with ITU's role history where `role_on` reads it, in one
    query: the lines joined with their history, not a second, prefetching query (two queries and
    Django's prefetch machinery were ~2 ms of the matrix, found by `make bench`). The entries hold
    what `role_on` and the pages read; their other fields load if asked for."""
    line_fields = [f.attname for f in ActionLine._meta.concrete_fields]
    split = len(line_fields)
    history = [f"role_history__{f}" for f in ROLE_FIELDS if f != "action_line_id"]
    lines, db = {}, ActionLine.objects.db
    for values in ActionLine.objects.values_list(*line_fields, *history):
        line = lines.get(values[0])
        if line is None:
            line = lines[values[0]] = ActionLine.from_db(db, line_fields, values[:split])
            line.__dict__[PREFETCHED + "role_history"] = []
        if values[split] is not None:
            role_id, *role_values = values[split:]  # from_db takes the values in the model's field order
            role = ActionLineRole.from_db(db, ROLE_FIELDS, (role_id, line.pk, *role_values))
            line.__dict__[PREFETCHED + "role_history"].append(role)
    return lines


class SubLine(models.Model):
    """A sub-line of an Action Line (C7 ICT applications: e-government … e-science)."""

    action_line = models.ForeignKey(
        ActionLine, on_delete=models.PROTECT, related_name="sub_lines", verbose_name=_("action line")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=120)
    lead_facilitators = models.CharField(_("lead facilitators"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sub-line")
        verbose_name_plural = _("sub-lines")
        ordering = ["action_line", "position"]
        constraints = [
            models.UniqueConstraint(fields=["action_line", "name"], name="subline_name_unique_per_action_line"),
        ]

    def __str__(self):
        return f"{self.action_line.code} {self.name}"


class ActionLineRole(models.Model):
    """One entry of ITU's dated role history in an Action Line. A change of role is a new entry
    from a later date, so what the roadmap said at any time can still be shown."""

    action_line = models.ForeignKey(
        ActionLine, on_delete=models.PROTECT, related_name="role_history", verbose_name=_("action line")
    )
    role = models.CharField(_("ITU's role"), max_length=30, choices=ItuRole.choices)
    valid_from = models.DateField(_("valid from"))
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("e.g. at UNDP's request"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ITU role in an Action Line")
        verbose_name_plural = _("ITU roles in Action Lines")
        ordering = ["action_line", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["action_line", "valid_from"], name="one_itu_role_per_action_line_and_day"),
        ]

    def __str__(self):
        return f"{self.action_line.code}: {self.get_role_display()} from {self.valid_from}"


class StrategicGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_title = models.CharField(_("short title"), max_length=120)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        ordering = ["number"]

    def __str__(self):
        return f"Goal {self.number}: {self.short_title}"


class Partner(models.Model):
    """An organisation named as an "other partner" of a roadmap outcome (UNESCO, UNDP, ...)."""

    short_name = models.CharField(_("short name"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name


# ---------------------------------------------------------------------------------------------
# Roadmaps and drafts


class Roadmap(models.Model):
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="roadmaps", verbose_name=_("group"))
    title = models.CharField(_("title"), max_length=300)
    horizon = models.PositiveSmallIntegerField(_("up to year"), default=2015)

    class Meta:
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        ordering = ["group", "title"]
        constraints = [models.UniqueConstraint(fields=["group", "title"], name="roadmap_title_unique_per_group")]

    def __str__(self):
        return self.title


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LIVING = "living", _("Agreed as a living document")


class RoadmapDraft(models.Model):
    """A numbered draft ("third draft") of a roadmap, issued as a document of a meeting."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.PROTECT, related_name="drafts", verbose_name=_("roadmap"))
    number = models.PositiveSmallIntegerField(_("draft number"))
    status = models.CharField(_("status"), max_length=20, choices=DraftStatus.choices, default=DraftStatus.DRAFT)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roadmap_drafts",
        verbose_name=_("meeting it went to"),
    )
    document_symbol = models.CharField(
        _("document symbol"), max_length=60, blank=True, help_text=_("e.g. WG-WSIS-14/3")
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("started from"),
    )
    # Set when a later draft is started from this one: the draft is then frozen history.
    superseded = models.BooleanField(_("superseded"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("roadmap draft")
        verbose_name_plural = _("roadmap drafts")
        ordering = ["roadmap", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="draft_number_unique_per_roadmap"),
            models.CheckConstraint(name="draft_number_positive", condition=Q(number__gte=1)),
        ]

    def __str__(self):
        return f"{self.roadmap} — {self.label}"

    @property
    def ordinal(self):
        n = self.number
        words = {1: _("First"), 2: _("Second"), 3: _("Third"), 4: _("Fourth"), 5: _("Fifth"), 6: _("Sixth")}
        return words.get(n) or _("Draft no. %(n)s") % {"n": n}

    @property
    def label(self):
        text = _("%(ordinal)s draft") % {"ordinal": self.ordinal}
        return f"{text} ({self.document_symbol})" if self.document_symbol else str(text)

    @property
    def is_editable(self):
        """Only the newest draft changes; earlier drafts are the record of what was issued."""
        return not self.superseded


# ---------------------------------------------------------------------------------------------
# Rows


def related(row, name):
    """A row's related objects of relation `name` (a list): as attached by `load_for_matrix`, else
    from the prefetch cache, else queried. Readers of rows use this rather than `row.<name>.all()`."""
    prefetched = row.__dict__.get(PREFETCHED + name)
    if prefetched is not None:
        return prefetched
    cache = getattr(row, "_prefetched_objects_cache", {})
    return list(cache[name]) if name in cache else list(getattr(row, name).all())


PREFETCHED = "prefetched_"


# What each reader loads besides the rows: the resource totals and the timeline read the estimates
# and stages (`load_for_figures`), the matrix's other cells the goals, resolutions, partners and comments.
FIGURE_RELATIONS = ("milestones", "resources")
CELL_RELATIONS = ("strategic_goals", "resolutions", "partners", "comments")
ROW_RELATIONS = FIGURE_RELATIONS + CELL_RELATIONS


def _related_lists(name, row_ids):
    """{row id: [related objects]} of relation `name` for the rows `row_ids`, in one plain query.

    Django's `Prefetch` did the same at about twice the cost (its per-lookup machinery, the related
    manager's queryset per relation and the extra row-id column of many-to-many prefetches were two
    thirds of the matrix's row loading, found by `make bench`). The related rows are ordered within
    their row only: the models' default ordering starts with `row`, which joins the row and its draft,
    roadmap and group to sort by their orderings."""
    lists = {pk: [] for pk in row_ids}
    if name in ("milestones", "resources", "comments"):
        model, order = {
            "milestones": (Milestone, ("date", "label")),
            "resources": (ResourceEstimate, ("year", "source")),
            "comments": (RowComment, ("created_at",)),
        }[name]
        related_rows = model.objects.filter(row_id__in=lists).order_by(*order)
        if name == "comments":
            related_rows = related_rows.select_related("author", "organisation", "replied_by")
        for obj in related_rows:
            lists[obj.row_id].append(obj)
        return lists
    field = RoadmapRow._meta.get_field(name)
    target = field.m2m_reverse_field_name()  # the through model's foreign key to the related model
    links = field.remote_field.through.objects.filter(roadmaprow_id__in=lists).select_related(target)
    for link in links.order_by(*(f"{target}__{f}" for f in field.related_model._meta.ordering)):
        lists[link.roadmaprow_id].append(getattr(link, target))
    return lists


def attach_related(rows, names):
    """Store the relations `names` of `rows` where `related()` reads them."""
    ids = [row.pk for row in rows]
    for name in names:
        lists = _related_lists(name, ids)
        for row in rows:
            row.__dict__[PREFETCHED + name] = lists[row.pk]


def load_for_figures(rows):
    """The rows of `rows` (a queryset) with what the resource totals and the timeline read (the line,
    estimates and stages): a list, the related rows stored where `related()` reads them."""
    loaded = list(rows.select_related("action_line", "sub_line"))
    attach_related(loaded, FIGURE_RELATIONS)
    return loaded


def load_for_matrix(rows):
    """The rows of `rows` (a queryset) with everything a matrix, comparison or export reads, in a fixed
    number of queries: a list, the related rows stored as plain lists (read with `related()`). Django's
    default prefetch builds a queryset per row and relation, ~75 ms of a 330-row matrix, and its
    `Prefetch` objects twice the cost of these plain queries (found by `make bench`)."""
    loaded = load_for_figures(rows)
    attach_related(loaded, CELL_RELATIONS)
    return loaded


class RoadmapRowQuerySet(models.QuerySet):
    def filtered(self, *, action_line=None, role=None, partner=None, year=None):
        """The matrix filters; each is skipped when empty."""
        rows = self
        if action_line:
            rows = rows.filter(action_line__code=action_line)
        if role:
            rows = rows.filter(itu_role=role)
        if partner:
            rows = rows.filter(partners__short_name=partner)
        if year:
            rows = rows.filter(Q(start__year__lte=year) | Q(start__isnull=True))
            rows = rows.filter(Q(end__year__gte=year) | Q(end__isnull=True)).exclude(start=None, end=None)
        return rows.distinct() if partner else rows


class RoadmapRow(models.Model):
    """A WSIS outcome under an Action Line, with the framework columns of the roadmap."""

    draft = models.ForeignKey(RoadmapDraft, on_delete=models.PROTECT, related_name="rows", verbose_name=_("draft"))
    # The same outcome keeps its key from draft to draft: comparisons match rows by it.
    key = models.UUIDField(default=uuid.uuid4, editable=False, verbose_name=_("row key"))
    action_line = models.ForeignKey(
        ActionLine, on_delete=models.PROTECT, related_name="rows", verbose_name=_("action line")
    )
    sub_line = models.ForeignKey(
        SubLine, on_delete=models.PROTECT, null=True, blank=True, related_name="rows", verbose_name=_("sub-line")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    code = models.CharField(_("outcome code"), max_length=10, help_text=_("A, or A1, A2 … for a subdivision"))
    outcome = models.TextField(_("WSIS outcome"))
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("e.g. Geneva Plan of Action, para. 12 a)")
    )
    start = models.DateField(_("proposed start"), null=True, blank=True)
    end = models.DateField(_("proposed end"), null=True, blank=True)
    strategic_goals = models.ManyToManyField(
        StrategicGoal, blank=True, related_name="rows", verbose_name=_("strategic goals")
    )
    resolutions = models.ManyToManyField(
        Resolution, blank=True, related_name="roadmap_rows", verbose_name=_("resolutions")
    )
    expected_results = models.TextField(_("expected results of ITU activities"), blank=True)
    itu_role = models.CharField(_("ITU's role"), max_length=30, choices=RowRole.choices, blank=True)
    partners = models.ManyToManyField(Partner, blank=True, related_name="rows", verbose_name=_("other partners"))
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("e.g. demo content"))
    # Optimistic lock: every edit bumps it; a save carrying an older value is refused.
    revision = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("revision"))

    objects = RoadmapRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("roadmap row")
        verbose_name_plural = _("roadmap rows")
        ordering = ["draft", "action_line__position", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "key"], name="row_key_unique_per_draft"),
            models.CheckConstraint(
                name="row_ends_after_start",
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=models.F("start")),
            ),
        ]

    def __str__(self):
        return f"{self.action_line.code} {self.code}"

    def get_matrix_url(self):
        """The row in its draft's matrix: its Action Line with every row shown, scrolled to the row
        (a large draft shows one line, and its first rows, at a time)."""
        query = urlencode({"action_line": self.action_line.code, "rows": "all"})
        return f"{reverse('roadmap:draft', args=[self.draft_id])}?{query}#row-{self.pk}"

    @property
    def itu_role_label(self):
        """get_itu_role_display() without its per-call rebuild of the choices (70 µs a row, found by
        `make bench` on the matrix)."""
        return RowRole(self.itu_role).label if self.itu_role else ""

    @property
    def estimates_by_year(self):
        """[(year, regular estimate or None, extra-budgetary estimate or None)] from the prefetched estimates."""
        years = {}
        for estimate in related(self, "resources"):
            years.setdefault(estimate.year, {})[estimate.source] = estimate
        return [(y, e.get(FundingSource.REGULAR), e.get(FundingSource.EXTRA)) for y, e in sorted(years.items())]


class Milestone(models.Model):
    """An intermediate stage of a row's proposed timing."""

    row = models.ForeignKey(RoadmapRow, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("row"))
    date = models.DateField(_("date"))
    label = models.CharField(_("stage"), max_length=200)

    class Meta:
        verbose_name = _("intermediate stage")
        verbose_name_plural = _("intermediate stages")
        ordering = ["row", "date", "label"]

    def __str__(self):
        return f"{self.date}: {self.label}"


class FundingSource(models.TextChoices):
    REGULAR = "regular", _("Regular budget")
    EXTRA = "extra", _("Extra-budgetary")


class ResourceEstimate(models.Model):
    """Impact on ITU's human and financial resources: one year, one funding source."""

    row = models.ForeignKey(RoadmapRow, on_delete=models.CASCADE, related_name="resources", verbose_name=_("row"))
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("funding source"), max_length=10, choices=FundingSource.choices)
    staff_months = models.DecimalField(_("staff-months"), max_digits=6, decimal_places=1, null=True, blank=True)
    amount = models.PositiveIntegerField(_("amount (CHF)"), null=True, blank=True)

    class Meta:
        verbose_name = _("resource estimate")
        verbose_name_plural = _("resource estimates")
        ordering = ["row", "year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["row", "year", "source"], name="one_estimate_per_row_year_source"),
            models.CheckConstraint(name="estimate_year_plausible", condition=Q(year__gte=2000, year__lte=2100)),
            models.CheckConstraint(name="estimate_staff_months_not_negative", condition=Q(staff_months__gte=0)),
            models.CheckConstraint(
                name="estimate_has_a_figure", condition=Q(staff_months__isnull=False) | Q(amount__isnull=False)
            ),
        ]

    def __str__(self):
        return f"{self.row} {self.year} {self.source}"

    @property
    def amount_display(self):
        return f"{self.amount:,}".replace(",", "\u00a0") if self.amount is not None else ""


# ---------------------------------------------------------------------------------------------
# Comments


class CommentStatus(models.TextChoices):
    OPEN = "open", _("Awaiting the secretariat")
    TAKEN = "taken", _("Taken into account")
    NOT_TAKEN = "not_taken", _("Not taken into account")


class RowComment(models.Model):
    """A member's comment on a row, answered by the secretariat."""

    row = models.ForeignKey(RoadmapRow, on_delete=models.PROTECT, related_name="comments", verbose_name=_("row"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="roadmap_comments", verbose_name=_("author")
    )
    # The organisation the author represented when commenting (users may change organisation).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("organisation")
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("made at"))
    status = models.CharField(_("status"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.OPEN)
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replied by"),
    )
    replied_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("row comment")
        verbose_name_plural = _("row comments")
        ordering = ["row", "created_at"]
        constraints = [
            models.CheckConstraint(
                name="answered_comment_has_record",
                condition=Q(status="open") | (Q(replied_by__isnull=False) & Q(replied_at__isnull=False)),
            ),
        ]

    def __str__(self):
        return f"Comment on {self.row} by {self.author}"
