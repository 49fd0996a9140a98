"""Forms of the roadmap: one per editable cell, comments and answers, filters. They validate only."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, Resolution
from wsisportal import formfields
from wsisportal.text_rules import TextRulesMixin

from .models import (
    CommentStatus,
    FundingSource,
    ItuRole,
    Partner,
    RoadmapDraft,
    RoadmapRow,
    RowRole,
    StrategicGoal,
    related,
)


class CellForm(TextRulesMixin, forms.Form):
    """A cell editor: the fields of one framework column, plus the row revision it started from."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, row, **kwargs):
        self.row = row
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    @classmethod
    def initial_for(cls, row):
        return {"revision": row.revision}


class OutcomeCellForm(CellForm):
    code = forms.CharField(label=_("Code"), max_length=10)
    outcome = forms.CharField(label=_("WSIS outcome"), widget=forms.Textarea(attrs={"rows": 4}))
    source = forms.CharField(label=_("Source paragraph"), max_length=200, required=False)

    @classmethod
    def initial_for(cls, row):
        return {**super().initial_for(row), "code": row.code, "outcome": row.outcome, "source": row.source}


class TimingCellForm(CellForm):
    start = forms.DateField(label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    milestones = forms.CharField(
        label=_("Intermediate stages"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: YYYY-MM-DD what happens"),
    )

    @classmethod
    def initial_for(cls, row):
        stages = "\n".join(f"{m.date:%Y-%m-%d} {m.label}" for m in related(row, "milestones"))
        return {**super().initial_for(row), "start": row.start, "end": row.end, "milestones": stages}

    def clean_milestones(self):
        stages = []
        for number, line in enumerate(self.cleaned_data["milestones"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            day, _sep, label = line.partition(" ")
            try:
                date = datetime.date.fromisoformat(day)
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(n)s does not start with a date (YYYY-MM-DD): %(line)s"),
                    params={"n": number, "line": line},
                ) from None
            if not label.strip():
                raise forms.ValidationError(_("Line %(n)s names no stage."), params={"n": number})
            stages.append((date, label.strip()))
        return stages

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end comes before the start."))
        return data


class LinksCellForm(CellForm):
    strategic_goals = formfields.ModelMultipleChoiceField(
        StrategicGoal.objects.all(),
        label=_("ITU strategic goals"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    resolutions = formfields.ModelMultipleChoiceField(
        Resolution.objects.all(),
        label=_("Relevant resolutions"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    @classmethod
    def initial_for(cls, row):
        return {
            **super().initial_for(row),
            "strategic_goals": list(related(row, "strategic_goals")),
            "resolutions": list(related(row, "resolutions")),
        }


class ResultsCellForm(CellForm):
    itu_role = forms.ChoiceField(label=_("ITU's role"), choices=[("", "—"), *RowRole.choices], required=False)
    expected_results = forms.CharField(
        label=_("Expected results"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    @classmethod
    def initial_for(cls, row):
        return {**super().initial_for(row), "itu_role": row.itu_role, "expected_results": row.expected_results}


class PartnersCellForm(CellForm):
    partners = formfields.ModelMultipleChoiceField(
        Partner.objects.all(), label=_("Other partners"), required=False, widget=forms.CheckboxSelectMultiple
    )

    @classmethod
    def initial_for(cls, row):
        return {**super().initial_for(row), "partners": list(related(row, "partners"))}


class ResourcesCellForm(CellForm):
    """Staff-months and amounts per year and funding source, for the roadmap's years."""

    def __init__(self, *args, row, **kwargs):
        super().__init__(*args, row=row, **kwargs)
        for year in resource_years(row):
            for source in FundingSource.values:
                self.fields[f"sm_{year}_{source}"] = forms.DecimalField(
                    required=False,
                    min_value=0,
                    max_digits=6,
                    decimal_places=1,
                    label=_("staff-months"),
                    widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.5"}),
                )
                self.fields[f"amt_{year}_{source}"] = forms.IntegerField(
                    required=False,
                    min_value=0,
                    label=_("CHF"),
                    widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "1000"}),
                )

    @classmethod
    def initial_for(cls, row):
        initial = super().initial_for(row)
        for r in related(row, "resources"):
            initial[f"sm_{r.year}_{r.source}"] = r.staff_months
            initial[f"amt_{r.year}_{r.source}"] = r.amount
        return initial

    def grid(self):
        """Rows of (year, [(source label, staff-months field, amount field), ...]) for the template."""
        sources = FundingSource.choices
        return [
            (year, [(label, self[f"sm_{year}_{value}"], self[f"amt_{year}_{value}"]) for value, label in sources])
            for year in resource_years(self.row)
        ]

    def estimates(self):
        """(year, source, staff_months, amount) for every non-empty pair of inputs."""
        result = []
        for year in resource_years(self.row):
            for source in FundingSource.values:
                sm, amt = self.cleaned_data.get(f"sm_{year}_{source}"), self.cleaned_data.get(f"amt_{year}_{source}")
                if sm is not None or amt is not None:
                    result.append((year, source, sm, amt))
        return result


def resource_years(row):
    """The years a row's resources are estimated for: 2009 to the roadmap's horizon, plus any stored."""
    stored = {r.year for r in related(row, "resources")}
    return sorted(stored | set(range(2009, row.draft.roadmap.horizon + 1)))


CELL_FORMS = {
    "outcome": OutcomeCellForm,
    "timing": TimingCellForm,
    "links": LinksCellForm,
    "results": ResultsCellForm,
    "resources": ResourcesCellForm,
    "partners": PartnersCellForm,
}


class DraftRecordForm(TextRulesMixin, forms.ModelForm):
    """What the secretariat records about a draft: its status, the meeting it went to, its symbol."""

    class Meta:
        model = RoadmapDraft
        fields = ["status", "meeting", "document_symbol"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.filter(group=self.instance.roadmap.group).order_by(
            "-start_date"
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(
                Column("status", css_class="col-md-4"),
                Column("meeting", css_class="col-md-4"),
                Column("document_symbol", css_class="col-md-2"),
                Column(Submit("record", _("Record")), css_class="col-md-2 pt-md-4 mt-md-1"),
            )
        )


class AddRowForm(TextRulesMixin, forms.ModelForm):
    class Meta:
        model = RoadmapRow
        fields = ["action_line", "sub_line", "code", "outcome", "source"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("add", _("Add the row")))


class CommentForm(TextRulesMixin, forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("comment", _("Send comment")))


class AnswerForm(TextRulesMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (CommentStatus.TAKEN, CommentStatus.TAKEN.label),
            (CommentStatus.NOT_TAKEN, CommentStatus.NOT_TAKEN.label),
        ],
        widget=forms.RadioSelect,
    )
    reply = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("answer", _("Answer")))


class ItuRoleForm(TextRulesMixin, forms.Form):
    role = forms.ChoiceField(label=_("ITU's role"), choices=ItuRole.choices)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, action_line, **kwargs):
        self.action_line = action_line
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_class = "row g-2 align-items-end"
        self.helper.add_input(Submit("record", _("Record the change")))

    def clean_valid_from(self):
        day = self.cleaned_data["valid_from"]
        if self.action_line.role_history.filter(valid_from=day).exists():
            raise forms.ValidationError(_("A role is already recorded from that day; choose another day."))
        return day


class FilterForm(TextRulesMixin, forms.Form):
    action_line = forms.ChoiceField(label=_("Action Line"), required=False)
    role = forms.ChoiceField(label=_("ITU's role"), required=False, choices=[("", _("Any")), *RowRole.choices])
    partner = forms.ChoiceField(label=_("Partner"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, action_lines, partners, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_line"].choices = [("", _("All")), *[(a.code, str(a)[:60]) for a in action_lines]]
        self.fields["partner"].choices = [("", _("Any")), *[(p.short_name, p.short_name) for p in partners]]
        self.fields["year"].choices = [("", _("Any")), *[(y, y) for y in years]]
        # Drawn by templates/roadmap/includes/matrix_filters.html (one loop over the choices): crispy's
        # widget templates cost ~10 ms a matrix page (`make bench`).

    def criteria(self):
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}
