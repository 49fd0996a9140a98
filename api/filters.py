"""Query parameters of the list endpoints: validated by a serializer (a bad value is a 400 with
the message of each parameter), then applied to a policy queryset. They only narrow it."""

import contextlib
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
            with contextlib.suppress(ValueError):  # not a date: DateTimeField says what is wrong
                return datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time(), datetime.UTC)
        return super().to_internal_value(value)

    def __init__(self, **kwargs):
        super().__init__(default_timezone=datetime.UTC, required=False, **kwargs)


def narrow(queryset, f, lookups):
    """`queryset` filtered by each given parameter ({parameter: field lookup})."""
    return queryset.filter(**{lookup: f[name] for name, lookup in lookups.items() if name in f})


def group_field():
    return serializers.SlugField(required=False, help_text=_("A group's code, e.g. WG-WSIS."))


class MeetingFilters(serializers.Serializer):
    group = group_field()
    number = serializers.IntegerField(required=False, min_value=0, help_text=_("The meeting's number (14)."))
    starts_after = serializers.DateField(required=False, help_text=_("First day on or after this date."))
    starts_before = serializers.DateField(required=False, help_text=_("First day on or before this date."))


def apply_meeting_filters(queryset, f):
    lookups = {"group": "group__code", "number": "number", "starts_after": "start_date__gte"}
    return narrow(queryset, f, {**lookups, "starts_before": "start_date__lte"})


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


DOCUMENT_LOOKUPS = {
    "meeting": "meeting_id", "group": "group__code", "kind": "kind", "status": "status", "symbol": "symbol",
    "available_after": "available_at__gte", "available_before": "available_at__lt",
}  # fmt: skip


def apply_document_filters(queryset, f):
    queryset = narrow(queryset, f, DOCUMENT_LOOKUPS)
    if "language" in f:
        queryset = queryset.with_language(f["language"])
    if "changed_since" in f:
        t = f["changed_since"]
        queryset = queryset.filter(
            Q(available_at__gte=t) | Q(withdrawn_at__gte=t) | Q(files__uploaded_at__gte=t) | Q(audit__at__gte=t)
        ).distinct()
    return queryset


class CallFilters(serializers.Serializer):
    meeting = serializers.IntegerField(required=False, min_value=0)
    group = group_field()
    due_after = MomentField(help_text=_("Due at or after this time."))
    due_before = MomentField(help_text=_("Due before this time."))


def apply_call_filters(queryset, f):
    lookups = {"meeting": "meeting_id", "group": "group__code", "due_after": "due_at__gte", "due_before": "due_at__lt"}
    return narrow(queryset, f, lookups)


class DraftFilters(serializers.Serializer):
    group = group_field()
    meeting = serializers.IntegerField(required=False, min_value=0)


def apply_draft_filters(queryset, f):
    return narrow(queryset, f, {"group": "roadmap__group__code", "meeting": "meeting_id"})


class RowFilters(serializers.Serializer):
    draft = serializers.IntegerField(required=False, min_value=0, help_text=_("A roadmap draft's id."))
    action_line = serializers.RegexField(
        r"^C[0-9]{1,2}$", required=False, max_length=3, help_text=_("An Action Line's code, e.g. C5.")
    )


def apply_row_filters(queryset, f):
    return narrow(queryset, f, {"draft": "draft_id", "action_line": "action_line__code"})


class ReportFilters(serializers.Serializer):
    meeting = serializers.IntegerField(required=False, min_value=0)
    group = group_field()
    kind = serializers.ChoiceField(choices=ReportKind.choices, required=False)
    changed_since = MomentField(help_text=_("Edited, approved or published at or after this time."))


def apply_report_filters(queryset, f):
    queryset = narrow(queryset, f, {"meeting": "meeting_id", "group": "group__code", "kind": "kind"})
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
    lookups = {"meeting": "report__meeting_id", "group": "report__group__code", "status": "action_status"}
    return narrow(queryset, f, lookups)
