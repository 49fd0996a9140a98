"""What the API answers, field by field. Times are UTC, ISO 8601 with `Z`; links are absolute.

Serializers read only what api/querysets.py fetched: no serializer runs a query per row."""

import copy
import datetime
from collections.abc import Mapping

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField, get_attribute
from rest_framework.relations import PKOnlyObject

from contributions.models import CallForDocuments, Document, DocumentFile, DocumentKind, Language
from meetings.models import Agenda, Group, Meeting, Session
from reports.models import Block, Report, ReportRevision
from roadmap.models import ActionLine, ActionLineRole, RoadmapDraft, RoadmapRow, SubLine, related

from .links import links_for


class UtcDateTimeField(serializers.DateTimeField):
    def __init__(self, **kwargs):
        super().__init__(default_timezone=datetime.UTC, **kwargs)


class ApiModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        **{f: UtcDateTimeField for f, v in serializers.ModelSerializer.serializer_field_mapping.items()
           if v is serializers.DateTimeField},
    }  # fmt: skip

    def get_fields(self):
        """The fields ModelSerializer builds by inspecting the model depend on the class alone:
        built once per class, copied for each serializer (as DRF copies declared fields)."""
        built = _BUILT_FIELDS.get(type(self))
        if built is None:
            built = _BUILT_FIELDS[type(self)] = super().get_fields()
        return copy.deepcopy(built)

    @cached_property
    def _plan(self):
        """(name, how, attribute, field) of each readable field. How: COLUMN, the field reads a
        plain column as it is (`getattr` is all DRF's `get_attribute` would do); PK, a foreign key
        given by its id (what DRF's PKOnlyObject optimisation reads: the column `<name>_id`);
        else FIELD, DRF's own `get_attribute`."""
        meta = self.Meta.model._meta
        columns = {f.name for f in meta.concrete_fields if not f.is_relation}
        keys = {f.name: f.attname for f in meta.concrete_fields if f.many_to_one}
        plan = []
        for field in self._readable_fields:
            source = field.source_attrs[0] if len(field.source_attrs) == 1 else None
            if type(field).get_attribute is serializers.Field.get_attribute and source in columns:
                plan.append((field.field_name, COLUMN, source, field))
            elif type(field) is serializers.PrimaryKeyRelatedField and field.pk_field is None and source in keys:
                plan.append((field.field_name, PK, keys[source], field))
            else:
                plan.append((field.field_name, FIELD, None, field))
        return plan

    def to_representation(self, instance):
        """DRF's `Serializer.to_representation` (every value through its field's own
        `to_representation`), reading plain columns and foreign keys' ids directly: on a page of
        100 documents with their files DRF's generic attribute lookup cost more than the fields."""
        mapping = isinstance(instance, Mapping)
        read = instance.__getitem__ if mapping else instance.__getattribute__
        ret = {}
        for name, how, attr, field in self._plan:
            if how is COLUMN:
                value = read(attr)
                ret[name] = None if value is None else field.to_representation(value)
            elif how is PK and not mapping:
                ret[name] = read(attr)
            else:
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
                check_for_none = value.pk if isinstance(value, PKOnlyObject) else value
                ret[name] = None if check_for_none is None else field.to_representation(value)
        return ret


_BUILT_FIELDS = {}  # ApiModelSerializer subclass: its fields as ModelSerializer.get_fields() built them
COLUMN, PK, FIELD = "column", "pk", "field"


def absolute(context, name, *args):
    """`request.build_absolute_uri(reverse(name, args=args))`, built by api/links.py."""
    return links_for(context["request"])(name, *args)


class LinkField(serializers.SerializerMethodField):
    """An absolute link to the named URL, filled with the named attributes of the object."""

    def __init__(self, url_name, *attrs, **kwargs):
        self.url_name, self.attrs = url_name, attrs or ("pk",)
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        self.method_name = None
        serializers.Field.bind(self, field_name, parent)

    @cached_property
    def links(self):  # a field object serves one answer (DRF copies declared fields per serializer)
        return links_for(self.context["request"])

    def to_representation(self, obj):
        return self.links(self.url_name, *(getattr(obj, a) for a in self.attrs))


extend_schema_field({"type": "string", "format": "uri"})(LinkField)


class Prefetched(serializers.ManyRelatedField):
    """A to-many relation given as the list api/querysets.py put in `api_<name>`: already what
    `child_relation` would show of each related row (its slug, its id), read without a related
    manager or a model instance per row. `source` stays the model's relation, so the schema still
    describes it from the model."""

    def __init__(self, child_relation, **kwargs):
        super().__init__(child_relation=child_relation, read_only=True, **kwargs)

    def get_attribute(self, instance):
        return getattr(instance, f"api_{self.source}")

    def to_representation(self, values):
        return list(values)


class ChoiceLabelField(serializers.CharField):
    """A choice's label in the caller's language (what the model's `<field>_label` property gives),
    translated once per value for the whole answer instead of once per row; the field object lives
    for one answer (DRF copies declared fields into every serializer instance)."""

    def __init__(self, choices, value_attr, **kwargs):
        self.choices, self.value_attr, self.labels = choices, value_attr, {}
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return get_attribute(instance, [self.value_attr])

    def to_representation(self, value):
        if value not in self.labels:
            self.labels[value] = str(self.choices(value).label)
        return self.labels[value]


# ---------------------------------------------------------------- groups


class GroupSerializer(ApiModelSerializer):
    """Every group's code, name and who it is open to are public (as its page); its mandate and
    terms of reference only to those the page shows them to (`record_group_ids` in the context)."""

    parent = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text=_("The group it is part of.")
    )
    mandate = serializers.SerializerMethodField(help_text=_("Null when the group's record is not shown to you."))
    terms_of_reference = serializers.SerializerMethodField(
        help_text=_("Null when the group's record is not shown to you.")
    )
    open_to = serializers.ListField(child=serializers.CharField(), help_text=_("Membership categories."))
    url = LinkField("api:group-detail", "code")
    web_url = LinkField("meetings:group_detail", "code")

    class Meta:
        model = Group
        fields = ["code", "name", "parent", "open_to", "mandate", "terms_of_reference", "url", "web_url"]

    def shows_record(self, group):
        return group.pk in self.context["record_group_ids"]

    def get_mandate(self, group) -> list[str] | None:
        return [r.ref for r in group.mandate.all()] if self.shows_record(group) else None

    def get_terms_of_reference(self, group) -> str | None:
        return group.terms_of_reference if self.shows_record(group) else None


# ---------------------------------------------------------------- meetings, sessions, agendas


class SessionSerializer(ApiModelSerializer):
    group = serializers.SlugRelatedField(slug_field="code", read_only=True)
    starts_at = UtcDateTimeField(read_only=True)
    ends_at = UtcDateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Session
        fields = ["id", "group", "date", "start_time", "end_time", "starts_at", "ends_at", "title"]


class AgendaItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="item.pk")
    number = serializers.CharField(help_text=_("The number shown (an override such as 7c, else 1, 7.1 …)."))
    parent = serializers.IntegerField(source="item.parent_id", allow_null=True)
    title = serializers.CharField(source="item.title")
    description = serializers.CharField(source="item.description")
    presenter = serializers.CharField(source="item.presenter")
    documents = serializers.SerializerMethodField(help_text=_("Symbols of the linked documents you may see."))

    def get_documents(self, node) -> list[str]:
        return [doc.symbol for doc in node["item"].documents.all()]


class AgendaSerializer(ApiModelSerializer):
    items = serializers.SerializerMethodField()

    class Meta:
        model = Agenda
        fields = ["id", "version", "status", "adopted_as", "adopted_on", "items"]

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_items(self, agenda):
        from meetings.agenda_tree import build_tree, flatten

        nodes = flatten(build_tree(list(agenda.items.all())))
        return AgendaItemSerializer([{"item": n.item, "number": n.label} for n in nodes], many=True).data


class MeetingSerializer(ApiModelSerializer):
    group = serializers.SlugRelatedField(slug_field="code", read_only=True)
    opens_at = UtcDateTimeField(read_only=True, help_text=_("The opening, in UTC."))
    url = LinkField("api:meeting-detail")
    web_url = LinkField("meetings:meeting_detail")
    documents_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id", "group", "number", "title", "start_date", "end_date", "venue", "time_zone", "opens_at",
            "status", "url", "web_url", "documents_url",
        ]  # fmt: skip

    def get_documents_url(self, meeting) -> str:
        return absolute(self.context, "api:document-list") + f"?meeting={meeting.pk}"


class DeadlineSerializer(serializers.Serializer):
    group = serializers.CharField()
    kind = serializers.CharField(help_text=_("Document kind; empty: every kind."))
    due_at = UtcDateTimeField()
    basis = serializers.CharField()


class MeetingDetailSerializer(MeetingSerializer):
    sessions = SessionSerializer(many=True, read_only=True)
    agendas = AgendaSerializer(many=True, read_only=True)
    deadlines = DeadlineSerializer(many=True, read_only=True, source="api_deadlines")

    class Meta(MeetingSerializer.Meta):
        fields = MeetingSerializer.Meta.fields + ["sessions", "agendas", "deadlines"]


# ---------------------------------------------------------------- documents


class DocumentFileSerializer(ApiModelSerializer):
    language_label = ChoiceLabelField(Language, "language")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DocumentFile
        fields = ["language", "language_label", "size", "sha256", "content_type", "uploaded_at", "download_url"]

    @cached_property
    def links(self):
        return links_for(self.context["request"])

    def get_download_url(self, docfile) -> str:  # docfile: a dict of querysets.DOCUMENT_FILE_COLUMNS
        return self.links("api:document-file", docfile["document_id"], docfile["language"])


class DocumentSerializer(ApiModelSerializer):
    group = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="symbol", read_only=True, allow_null=True)
    kind_label = ChoiceLabelField(DocumentKind, "kind")
    source_organisations = Prefetched(serializers.SlugRelatedField(slug_field="short_name", read_only=True))
    agenda_items = Prefetched(serializers.PrimaryKeyRelatedField(read_only=True))
    files = DocumentFileSerializer(many=True, read_only=True, source="api_files")
    url = LinkField("api:document-detail")
    web_url = LinkField("contributions:document_detail")

    class Meta:
        model = Document
        fields = [
            "id", "symbol", "series", "number", "suffix", "suffix_number", "parent", "title", "summary", "kind",
            "kind_label", "group", "meeting", "call", "source_organisations", "agenda_items", "available_at",
            "status", "withdrawn_at", "withdrawn_reason", "files", "url", "web_url",
        ]  # fmt: skip

    def to_representation(self, doc):
        """What the declared fields answer (`ApiModelSerializer.to_representation`; tests/api/
        test_document_rows.py holds the two equal, byte for byte, for every document every persona
        sees), written out: a page holds 100 documents and 200 files, and DRF's loop over the
        fields cost as much again as this. Plain columns are given as they are (what their CharField,
        IntegerField and ChoiceField return for a stored value); every other value goes through
        its declared field."""
        fields, file_fields = self.fields, self.fields["files"].child.fields
        when, label, link = fields["available_at"], fields["kind_label"], fields["url"]
        uploaded, language_label, download = (
            file_fields["uploaded_at"],
            file_fields["language_label"],
            file_fields["download_url"],
        )
        return {
            "id": doc.pk,
            "symbol": doc.symbol,
            "series": doc.series,
            "number": doc.number,
            "suffix": doc.suffix,
            "suffix_number": doc.suffix_number,
            "parent": None if doc.parent_id is None else doc.parent.symbol,
            "title": doc.title,
            "summary": doc.summary,
            "kind": doc.kind,
            "kind_label": label.to_representation(doc.kind),
            "group": doc.group.code,
            "meeting": doc.meeting_id,
            "call": doc.call_id,
            "source_organisations": list(doc.api_source_organisations),
            "agenda_items": list(doc.api_agenda_items),
            "available_at": when.to_representation(doc.available_at),
            "status": doc.status,
            "withdrawn_at": None
            if doc.withdrawn_at is None
            else fields["withdrawn_at"].to_representation(doc.withdrawn_at),
            "withdrawn_reason": doc.withdrawn_reason,
            "files": [
                {
                    "language": f["language"],
                    "language_label": language_label.to_representation(f["language"]),
                    "size": f["size"],
                    "sha256": f["sha256"],
                    "content_type": f["content_type"],
                    "uploaded_at": uploaded.to_representation(f["uploaded_at"]),
                    "download_url": download.to_representation(f),
                }
                for f in doc.api_files
            ],
            "url": link.to_representation(doc),
            "web_url": fields["web_url"].to_representation(doc),
        }


class CallForDocumentsSerializer(ApiModelSerializer):
    group = serializers.SlugRelatedField(slug_field="code", read_only=True)
    addressees = serializers.SlugRelatedField(slug_field="short_name", many=True, read_only=True)
    url = LinkField("api:call-detail")

    class Meta:
        model = CallForDocuments
        fields = ["id", "meeting", "group", "title", "text", "due_at", "addressees", "url"]


# ---------------------------------------------------------------- roadmap


class SubLineSerializer(ApiModelSerializer):
    class Meta:
        model = SubLine
        fields = ["id", "position", "name", "lead_facilitators"]


class ActionLineRoleSerializer(ApiModelSerializer):
    class Meta:
        model = ActionLineRole
        fields = ["role", "valid_from", "note"]


class ActionLineSerializer(ApiModelSerializer):
    sub_lines = SubLineSerializer(many=True, read_only=True)
    role_history = ActionLineRoleSerializer(many=True, read_only=True)

    class Meta:
        model = ActionLine
        fields = ["id", "code", "position", "name", "lead_facilitators", "sub_lines", "role_history"]


class RoadmapDraftSerializer(ApiModelSerializer):
    roadmap = serializers.CharField(source="roadmap.title", read_only=True)
    group = serializers.CharField(source="roadmap.group.code", read_only=True)
    rows_url = serializers.SerializerMethodField()
    url = LinkField("api:roadmap-draft-detail")
    web_url = LinkField("roadmap:draft")

    class Meta:
        model = RoadmapDraft
        fields = [
            "id", "roadmap", "group", "number", "status", "meeting", "document_symbol", "based_on", "superseded",
            "created_at", "rows_url", "url", "web_url",
        ]  # fmt: skip

    def get_rows_url(self, draft) -> str:
        return absolute(self.context, "api:roadmap-row-list") + f"?draft={draft.pk}"


class FiguresSerializer(serializers.Serializer):
    staff_months = serializers.DecimalField(max_digits=12, decimal_places=1)
    amount = serializers.IntegerField(help_text=_("CHF"))


class SplitSerializer(serializers.Serializer):
    regular = FiguresSerializer()
    extra = FiguresSerializer()
    total = FiguresSerializer()


class ActionLineTotalSerializer(SplitSerializer):
    action_line = serializers.CharField()


class YearTotalSerializer(SplitSerializer):
    year = serializers.IntegerField()


class TotalsSerializer(serializers.Serializer):
    by_action_line = ActionLineTotalSerializer(many=True)
    by_year = YearTotalSerializer(many=True)
    overall = SplitSerializer()
    rows_without_amounts = serializers.ListField(child=serializers.IntegerField())


def totals_data(totals):
    def split(s):
        return {"regular": s.regular, "extra": s.extra, "total": s.total}

    return {
        "by_action_line": [{"action_line": line.code, **split(s)} for line, s in totals.by_action_line],
        "by_year": [{"year": year, **split(s)} for year, s in totals.by_year],
        "overall": split(totals.overall),
        "rows_without_amounts": [row.pk for row in totals.rows_without_amounts],
    }


class RoadmapDraftDetailSerializer(RoadmapDraftSerializer):
    totals = serializers.SerializerMethodField()

    class Meta(RoadmapDraftSerializer.Meta):
        fields = RoadmapDraftSerializer.Meta.fields + ["totals"]

    @extend_schema_field(TotalsSerializer)
    def get_totals(self, draft):
        return TotalsSerializer(totals_data(draft.api_totals)).data


class MilestoneSerializer(serializers.Serializer):
    date = serializers.DateField()
    label = serializers.CharField()


class EstimateSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    source = serializers.CharField()
    staff_months = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)
    amount = serializers.IntegerField(allow_null=True, help_text=_("CHF"))


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.short_name", allow_null=True, default=None)
    text = serializers.CharField()
    created_at = UtcDateTimeField()
    status = serializers.CharField()
    reply = serializers.CharField()
    replied_at = UtcDateTimeField(allow_null=True)


class RelatedList(serializers.ListField):
    """A row's related objects read through roadmap.models.related (the matrix's prefetched
    lists), each given as its `attr` (or through the child serializer)."""

    def __init__(self, relation, child, attr=None, **kwargs):
        self.relation, self.attr = relation, attr
        super().__init__(child=child, read_only=True, **kwargs)

    def get_attribute(self, row):
        return related(row, self.relation)

    def to_representation(self, data):
        return [self.child.to_representation(getattr(o, self.attr) if self.attr else o) for o in data]


class RoadmapRowSerializer(ApiModelSerializer):
    action_line = serializers.CharField(source="action_line.code", read_only=True)
    sub_line = serializers.CharField(source="sub_line.name", read_only=True, allow_null=True, default=None)
    strategic_goals = RelatedList("strategic_goals", serializers.IntegerField(), "number")
    resolutions = RelatedList("resolutions", serializers.CharField(), "ref")
    partners = RelatedList("partners", serializers.CharField(), "short_name")
    milestones = RelatedList("milestones", MilestoneSerializer())
    resources = RelatedList("resources", EstimateSerializer())
    comments = RelatedList("comments", CommentSerializer())
    url = LinkField("api:roadmap-row-detail")

    class Meta:
        model = RoadmapRow
        fields = [
            "id", "draft", "key", "action_line", "sub_line", "position", "code", "outcome", "source", "start", "end",
            "strategic_goals", "resolutions", "expected_results", "itu_role", "partners", "note", "milestones",
            "resources", "comments", "url",
        ]  # fmt: skip


# ---------------------------------------------------------------- reports


class RevisionSerializer(ApiModelSerializer):
    pdf_ready = serializers.BooleanField(
        read_only=True,
        help_text=_("False while the approved PDF is being rendered: pdf_url then answers 202 until it is ready."),
    )
    sha256 = serializers.CharField(
        source="pdf_sha256",
        read_only=True,
        allow_null=True,
        help_text=_("The SHA-256 of the approved PDF; null while it is being rendered."),
    )
    pdf_url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportRevision
        fields = ["number", "approved_at", "approved_as", "published_at", "pdf_ready", "sha256", "pdf_url", "web_url"]

    def get_pdf_url(self, revision) -> str:
        return absolute(self.context, "api:report-revision-pdf", revision.report_id, revision.number)

    def get_web_url(self, revision) -> str:
        return absolute(self.context, "reports:revision_detail", revision.report_id, revision.number)


class PdfPendingSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="202")
    code = serializers.CharField(help_text="pdf_pending")
    detail = serializers.CharField()
    retry_after = serializers.IntegerField(help_text=_("Seconds to wait before asking again (also Retry-After)."))


class WorkingCopySerializer(serializers.Serializer):
    status = serializers.CharField()
    revision = serializers.IntegerField(help_text=_("The number it will carry when approved."))
    updated_at = UtcDateTimeField()
    summary = serializers.CharField()


class ReportSerializer(ApiModelSerializer):
    group = serializers.SlugRelatedField(slug_field="code", read_only=True)
    revisions = RevisionSerializer(many=True, read_only=True, source="visible_revisions")
    working_copy = serializers.SerializerMethodField(
        help_text=_("The draft, to those who may read it (its officers; the group while circulated); else null.")
    )
    url = LinkField("api:report-detail")
    web_url = LinkField("reports:report_detail")

    class Meta:
        model = Report
        fields = [
            "id", "meeting", "group", "kind", "title", "symbol", "date", "original_language", "revisions",
            "working_copy", "url", "web_url",
        ]  # fmt: skip

    @extend_schema_field(WorkingCopySerializer(allow_null=True))
    def get_working_copy(self, report):
        if report.pk not in self.context["readable_drafts"]:
            return None
        return WorkingCopySerializer(report).data


class ParagraphSerializer(ApiModelSerializer):
    number = serializers.SerializerMethodField()
    delegation = serializers.CharField(source="delegation.short_name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Block
        fields = ["id", "parent", "number", "kind", "title", "body", "delegation", "lead", "verbatim"]

    def get_number(self, block) -> str:
        return self.context["numbers"].get(block.pk, "")


class ReportDetailSerializer(ReportSerializer):
    paragraphs = serializers.SerializerMethodField(help_text=_("The working copy's text, when you may read it."))

    class Meta(ReportSerializer.Meta):
        fields = ReportSerializer.Meta.fields + ["paragraphs"]

    @extend_schema_field(ParagraphSerializer(many=True))
    def get_paragraphs(self, report):
        return ParagraphSerializer(report.api_paragraphs, many=True, context=self.context).data


class ActionItemSerializer(ApiModelSerializer):
    report = serializers.PrimaryKeyRelatedField(read_only=True)
    meeting = serializers.IntegerField(source="report.meeting_id", read_only=True)
    group = serializers.CharField(source="report.group.code", read_only=True)
    owners = serializers.SlugRelatedField(slug_field="short_name", many=True, read_only=True)
    status = serializers.CharField(source="action_status", read_only=True)

    class Meta:
        model = Block
        fields = [
            "id", "report", "meeting", "group", "title", "body", "owners", "owners_note", "due_date",
            "due_next_meeting", "status", "closed_at", "closed_at_meeting",
        ]  # fmt: skip


# ---------------------------------------------------------------- probes


class WhoAmISerializer(serializers.Serializer):
    authenticated = serializers.BooleanField()
    username = serializers.CharField(allow_null=True)
    organisation = serializers.CharField(allow_null=True)
    token_expires_at = UtcDateTimeField(allow_null=True)
