"""Forms of the floor: they validate and clean; views call services to act."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contributions.models import Document
from meetings.models import Organisation
from wsisportal.text_rules import TextRulesMixin

from .models import EntryKind, RequestKind


class DateInput(forms.DateInput):
    input_type = "date"


class EntryForm(TextRulesMixin, forms.Form):
    """One entry of the session record. `key` is the form's one-time key: every save of the
    same form (as it is typed) updates the same entry."""

    key = forms.UUIDField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=EntryKind.choices, initial=EntryKind.INTERVENTION)
    delegation = forms.ModelChoiceField(
        label=_("Delegation"), queryset=Organisation.objects.none(), required=False, empty_label=_("— none —")
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            'Blank lines part paragraphs; lines starting "- " become a list. '
            "A new section of the report: its title, on one line."
        ),
    )
    lead = forms.CharField(label=_("Lead-in"), required=False, max_length=200)
    verbatim = forms.BooleanField(label=_("Verbatim"), required=False)
    owners = forms.ModelMultipleChoiceField(
        label=_("Who (action)"), queryset=Organisation.objects.none(), required=False
    )
    owners_note = forms.CharField(label=_("Who (other)"), required=False, max_length=200)
    due_date = forms.DateField(label=_("Due by"), required=False, widget=DateInput)
    due_next_meeting = forms.BooleanField(label=_("Due at the next meeting"), required=False)
    document = forms.ModelChoiceField(
        label=_("Document requested"), queryset=Document.objects.none(), required=False, empty_label=_("— none —")
    )

    def __init__(self, *args, delegations, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = delegations
        self.fields["owners"].queryset = delegations
        self.fields["document"].queryset = documents
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select form-select-sm"
            else:
                widget.attrs["class"] = "form-control form-control-sm"

    def clean(self):
        data = super().clean()
        if data.get("due_date") and data.get("due_next_meeting"):
            self.add_error("due_date", _("An action item is due by a date or at the next meeting, not both."))
        return data

    @property
    def entry_data(self):
        return {k: v for k, v in self.cleaned_data.items() if k not in ("key", "owners")}


class AskForm(TextRulesMixin, forms.Form):
    kind = forms.ChoiceField(choices=RequestKind.choices, initial=RequestKind.SPEAKER)


class MoveForm(TextRulesMixin, forms.Form):
    step = forms.TypedChoiceField(choices=[("1", "1"), ("-1", "-1")], coerce=int, required=False)
    item = forms.IntegerField(required=False)


class LimitForm(TextRulesMixin, forms.Form):
    seconds = forms.IntegerField(label=_("Speaking time (seconds)"), min_value=0, max_value=3600)


class OffersForm(TextRulesMixin, forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    entries = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = [(e.pk, str(e.pk)) for e in offered]


class CorrectionsForm(TextRulesMixin, forms.Form):
    """Corrections made in the record after the draft: take the chosen ones, or leave them."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    links = forms.TypedMultipleChoiceField(coerce=int)
    action = forms.ChoiceField(choices=[("take", "take"), ("leave", "leave")])

    def __init__(self, *args, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["links"].choices = [(o.link.pk, str(o.link.pk)) for o in offered]
