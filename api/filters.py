"""Query parameters of the list endpoints: validated by a serializer (a bad value is a 400 with
the message of each parameter), then applied to a policy queryset. They only narrow it."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from contributions.models import DocumentKind, DocumentStatus, Language
from reports.models import ActionStatus, ReportKind

# What a symbol is made of (WG-WSIS-14/3(Rev.1)): said in the schema, so clients know it.
SYMBOL = r"^[A-Za-z0-9][A-Za-z0-9 ./()+-]*$"


class MomentField(serializers.DateTimeField):
    """An ISO 8601 date or time; a date alone is midnight UTC, a time without zone is UTC."""

    def to_internal_value(self, value):
        if isinstance(value, str) and len(value) == 10:
            try:
                return datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time(), datetime.UTC)
            except ValueError:
                pass
        return super().to_internal_value(value)

    def __init__(self, **kwargs):
        super().__init__(default_timezone=datetime.UTC, required=False, **kwargs)


def group_field():
    return serializers.SlugField(required=False, help_text=_("A group's code, e.g. WG-WSIS."))


class MeetingFilters(serializers.Serializer):
    group = group_field()
    number = serializers.IntegerField(required=False, min_value=0, help_text=_("The meeting's number (14)."))
    starts_after = serializers.DateField(required=False, help_text=_("First day on or after this date."))
    starts_before = serializers.DateField(required=False, help_text=_("First day on or before this date."))


def apply_meeting_filters(queryset, f):
    if "group" in f:
        queryset = queryset.filter(group__code=f["group"])
    if "number" in f:
        queryset = queryset.filter(number=f["number"])
    if "starts_after" in f:
        queryset = queryset.filter(start_date__gte=f["starts_after"])
    if "starts_before" in f:
        queryset = queryset.filter(start_date__lte=f["starts_before"])
    return queryset


class DocumentFilters(serializers.Serializer):
    meeting = serializers.IntegerField(required=False, min_value=0, help_text=_("A meeting's id."))
    group = group_field()
    kind = serializers.ChoiceField(choices=DocumentKind.choices, required=False)
    language = serializers.ChoiceField(choices=Language.choices, required=False, help_text=_("Has a file in it."))
    status = serializers.ChoiceField(choices=DocumentStatus.choices, required=False)
    symbol = serializers.RegexField(
        SYMBOL, required=False, max_length=80, help_text=_("The exact symbol, e.g. WG-WSIS-14/5.")
    )
    available_after = MomentField(help_text=_("Available at or after this time (ISO 8601; a date is 00:00 UTC)."))
    available_before = MomentField(help_text=_("Available before this time."))
    changed_since = MomentField(help_text=_("Made available, withdrawn, given a file or edited at or after this time."))


def apply_document_filters(queryset, f):
    simple = {"meeting": "meeting_id", "group": "group__code", "kind": "kind", "status": "status", "symbol": "symbol"}
    queryset = queryset.filter(**{lookup: f[name] for name, lookup in simple.items() if name in f})
    if "language" in f:
        queryset = queryset.filter(files__language=f["language"])
    if "available_after" in f:
        queryset = queryset.filter(available_at__gte=f["available_after"])
    if "available_before" in f:
        queryset = queryset.filter(available_at__lt=f["available_before"])
    if "changed_since" in f:
        t = f["changed_since"]
        queryset = queryset.filter(
            Q(available_at__gte=t) | Q(withdrawn_at__gte=t) | Q(files__uploaded_at__gte=t) | Q(audit__at__gte=t)
        )
    return queryset.distinct() if {"language", "changed_since"} & f.keys() else queryset


class CallFilters(serializers.Serializer):
    meeting = serializers.IntegerField(required=False, min_value=0)
    group = group_field()
    due_after = MomentField(help_text=_("Due at or after this time."))
    due_before = MomentField(help_text=_("Due before this time."))


def apply_call_filters(queryset, f):
    if "meeting" in f:
        queryset = queryset.filter(meeting_id=f["meeting"])
    if "group" in f:
        queryset = queryset.filter(group__code=f["group"])
    if "due_after" in f:
        queryset = queryset.filter(due_at__gte=f["due_after"])
    if "due_before" in f:
        queryset = queryset.filter(due_at__lt=f["due_before"])
    return queryset


class DraftFilters(serializers.Serializer):
    group = group_field()
    meeting = serializers.IntegerField(required=False, min_value=0)


def apply_draft_filters(queryset, f):
    if "group" in f:
        queryset = queryset.filter(roadmap__group__code=f["group"])
    if "meeting" in f:
        queryset = queryset.filter(meeting_id=f["meeting"])
    return queryset


class RowFilters(serializers.Serializer):
    draft = serializers.IntegerField(required=False, min_value=0, help_text=_("A roadmap draft's id."))
    action_line = serializers.RegexField(
        r"^C[0-9]{1,2}$", required=False, max_length=3, help_text=_("An Action Line's code, e.g. C5.")
    )


def apply_row_filters(queryset, f):
    if "draft" in f:
        queryset = queryset.filter(draft_id=f["draft"])
    if "action_line" in f:
        queryset = queryset.filter(action_line__code=f["action_line"])
    return queryset


class ReportFilters(serializers.Serializer):
    meeting = serializers.IntegerField(required=False, min_value=0)
    group = group_field()
    kind = serializers.ChoiceField(choices=ReportKind.choices, required=False)
    changed_since = MomentField(help_text=_("Edited, approved or published at or after this time."))


def apply_report_filters(queryset, f):
    if "meeting" in f:
        queryset = queryset.filter(meeting_id=f["meeting"])
    if "group" in f:
        queryset = queryset.filter(group__code=f["group"])
    if "kind" in f:
        queryset = queryset.filter(kind=f["kind"])
    if "changed_since" in f:
        t = f["changed_since"]
        changed = Q(updated_at__gte=t) | Q(revisions__approved_at__gte=t) | Q(revisions__published_at__gte=t)
        queryset = queryset.filter(pk__in=queryset.model.objects.filter(changed).values("pk"))
    return queryset


class ActionItemFilters(serializers.Serializer):
    meeting = serializers.IntegerField(required=False, min_value=0, help_text=_("The meeting of the report."))
    group = group_field()
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)


def apply_action_item_filters(queryset, f):
    if "meeting" in f:
        queryset = queryset.filter(report__meeting_id=f["meeting"])
    if "group" in f:
        queryset = queryset.filter(report__group__code=f["group"])
    if "status" in f:
        queryset = queryset.filter(action_status=f["status"])
    return queryset
