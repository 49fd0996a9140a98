"""Forms of the meetings app: they validate and clean; views call services to act."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wsisportal.text_rules import TextRulesMixin

from .models import AdoptedAs, AgendaItem, ExternalEvent, Group, Meeting, MeetingStatus, Session, WorkingListIssue


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class RevisionForm(TextRulesMixin, forms.Form):
    """The optimistic lock every agenda edit carries: the revision the editor saw."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AgendaItemForm(TextRulesMixin, forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "label", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["label"].help_text = _("Empty: automatic numbering. Or the group's own label, e.g. 7c.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "revision",
            Field("title", autocomplete="off"),
            "presenter",
            "label",
            "description",
        )


class MoveForm(RevisionForm):
    direction = forms.ChoiceField(choices=[(d, d) for d in ("up", "down", "in", "out")])


class ReorderForm(RevisionForm):
    """The tree order posted by the drag-and-drop editor: "id:parent,id:parent,…" (parent may be
    empty for the top level)."""

    order = forms.CharField()

    def clean_order(self):
        pairs = []
        for chunk in self.cleaned_data["order"].split(","):
            pk, _sep, parent = chunk.partition(":")
            if not pk.isdigit() or (parent and not parent.isdigit()):
                raise forms.ValidationError(_("The order of the items could not be read."))
            pairs.append((int(pk), int(parent) if parent else None))
        return pairs


class AdoptAgendaForm(RevisionForm):
    adopted_as = forms.ChoiceField(label=_("Adopted"), choices=AdoptedAs.choices, widget=forms.RadioSelect)
    adopted_on = forms.DateField(label=_("Date of adoption"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("revision", "adopted_as", "adopted_on", Submit("adopt", _("Record adoption")))


class SessionForm(TextRulesMixin, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["group", "date", "start_time", "end_time", "title"]
        widgets = {"date": DateInput, "start_time": TimeInput, "end_time": TimeInput}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["group"].queryset = Group.objects.filter(Q(pk=meeting.group_id) | Q(parent=meeting.group_id))
        self.fields["group"].initial = meeting.group_id
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Div(
                Div("group", css_class="col-md-3"),
                Div("date", css_class="col-md-3"),
                Div("start_time", css_class="col-md-2"),
                Div("end_time", css_class="col-md-2"),
                css_class="row",
            ),
            "title",
            Submit("add", _("Add session")),
        )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if not self.meeting.start_date <= date <= self.meeting.end_date:
            raise forms.ValidationError(_("A session must fall within the meeting's dates."))
        return date


class AdoptTimePlanForm(TextRulesMixin, forms.Form):
    adopted_on = forms.DateField(label=_("Date of adoption"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("adopted_on", Submit("adopt", _("Record adoption of the plan")))


class DateRangeMixin:
    """A form with start_date and end_date: the last day may not come before the first."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        return cleaned


class ProposeMeetingForm(DateRangeMixin, TextRulesMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["number", "title", "start_date", "end_date", "venue", "time_zone", "opening_time"]
        widgets = {"start_date": DateInput, "end_date": DateInput, "opening_time": TimeInput}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        self.instance.status = MeetingStatus.PROPOSED
        self.helper = FormHelper()
        self.helper.attrs = {"data-testid": "propose-form"}
        self.helper.layout = Layout(
            Div(Div("number", css_class="col-md-2"), Div("title", css_class="col-md-10"), css_class="row"),
            Div(
                Div("start_date", css_class="col-md-4"),
                Div("end_date", css_class="col-md-4"),
                Div("opening_time", css_class="col-md-4"),
                css_class="row",
            ),
            Div(Div("venue", css_class="col-md-8"), Div("time_zone", css_class="col-md-4"), css_class="row"),
            Submit("propose", _("Propose these dates")),
        )

    def clean_number(self):
        number = self.cleaned_data["number"]
        if Meeting.objects.filter(group=self.instance.group, number=number).exists():
            raise forms.ValidationError(_("This group already has a meeting with that number."))
        return number


class ConfirmDatesForm(TextRulesMixin, DateRangeMixin, forms.Form):
    """The proposed dates, to confirm as they are or as moved."""

    start_date = forms.DateField(label=_("First day"), widget=DateInput)
    end_date = forms.DateField(label=_("Last day"), widget=DateInput)

    def __init__(self, *args, meeting, **kwargs):
        kwargs.setdefault("initial", {"start_date": meeting.start_date, "end_date": meeting.end_date})
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("meetings:meeting_confirm_dates", args=[meeting.pk])
        self.helper.attrs = {"data-testid": "confirm-dates-form"}
        self.helper.layout = Layout(
            Div(Div("start_date", css_class="col-sm-6"), Div("end_date", css_class="col-sm-6"), css_class="row"),
            Submit("confirm", _("Confirm these dates")),
        )


class ExternalEventForm(DateRangeMixin, TextRulesMixin, forms.ModelForm):
    class Meta:
        model = ExternalEvent
        fields = ["name", "place", "start_date", "end_date", "note"]
        widgets = {"start_date": DateInput, "end_date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "name",
            Div(
                Div("place", css_class="col-md-4"),
                Div("start_date", css_class="col-md-4"),
                Div("end_date", css_class="col-md-4"),
                css_class="row",
            ),
            "note",
            Submit("record", _("Record event")),
        )


class WorkingListIssueForm(TextRulesMixin, forms.ModelForm):
    class Meta:
        model = WorkingListIssue
        fields = ["number", "title", "category", "status", "proposed_by", "note"]
        widgets = {"proposed_by": forms.CheckboxSelectMultiple, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        self.fields["proposed_by"].queryset = self.fields["proposed_by"].queryset.filter(kind="member_state")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Div(Div("number", css_class="col-md-2"), Div("title", css_class="col-md-10"), css_class="row"),
            Div(Div("category", css_class="col-md-6"), Div("status", css_class="col-md-6"), css_class="row"),
            "proposed_by",
            "note",
            Submit("save", _("Save issue")),
        )


class AttendanceForm(TextRulesMixin, forms.Form):
    attended = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(p.pk, p.pk) for p in participants]
