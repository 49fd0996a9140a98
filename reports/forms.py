"""Forms of the report editor and workflow: they validate and clean; views call services."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import ProseEditorWidget

from meetings.models import Meeting, Organisation
from wsisportal import formfields, rich_text
from wsisportal.text_rules import TextRulesMixin

from .models import ActionStatus, Block, BlockKind, Report


class DateInput(forms.DateInput):
    input_type = "date"


class LockForm(TextRulesMixin, forms.Form):
    """The optimistic lock every change carries: the lock version the editor saw."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class RichTextarea(ProseEditorWidget):
    """A rich-text field (wsisportal/rich_text.py): the page loads the editor once, through
    templates/includes/rich_text_media.html, so the widget brings no media of its own."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, config={"extensions": rich_text.EXTENSIONS}, preset="configurable")

    @property
    def media(self):
        return forms.Media()


class CoverForm(TextRulesMixin, forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Report
        fields = ["title", "symbol", "date", "place_and_date", "original_language", "summary", "action_required",
                  "references", "signature"]  # fmt: skip
        widgets = {
            "date": DateInput(),
            "summary": RichTextarea(attrs={"rows": 3}),
            "action_required": RichTextarea(attrs={"rows": 3}),
            "references": RichTextarea(attrs={"rows": 2}),
            "signature": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "lock_version",
            Div(Div("title", css_class="col-md-8"), Div("symbol", css_class="col-md-4"), css_class="row"),
            Div(
                Div("date", css_class="col-md-4"),
                Div("place_and_date", css_class="col-md-4"),
                Div("original_language", css_class="col-md-4"),
                css_class="row",
            ),
            "summary",
            "action_required",
            "references",
            "signature",
            Submit("save", _("Save cover and summary")),
        )


class BlockForm(TextRulesMixin, forms.ModelForm):
    """One block: its kind decides which fields matter (the template shows them all; the
    clean step insists on what a statement or an action item needs)."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    owners = formfields.ModelMultipleChoiceField(
        Organisation.objects.order_by("kind", "name"),
        required=False,
        label=_("Who (organisations or Secretariat units)"),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    class Meta:
        model = Block
        fields = ["kind", "numbered", "title", "body", "delegation", "lead", "verbatim", "owners", "owners_note",
                  "due_date", "due_next_meeting"]  # fmt: skip
        widgets = {"body": RichTextarea(attrs={"rows": 5, "class": "r-body"}), "due_date": DateInput()}

    def __init__(self, *args, parent_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        prefix_id = self.prefix or "new"
        if parent_choices is not None:
            self.fields["parent"] = forms.TypedChoiceField(label=_("Inside"), choices=parent_choices, coerce=int)
        if self.instance.pk:
            self.fields["kind"].disabled = True
        else:
            self.fields["kind"].choices = [c for c in BlockKind.choices if c[0] != BlockKind.SECTION]
        self.fields["delegation"].queryset = Organisation.objects.order_by("name")
        self.fields["body"].help_text = _(
            "Paragraphs, lists, emphasis, links and simple tables. Document symbols (WG-WSIS-14/5) become links."
        )
        body_id = f"body-{prefix_id}"
        self.fields["body"].widget.attrs.update(
            {
                "id": body_id,
                "hx-post": reverse_lazy("reports:preview"),
                "hx-trigger": "input changed delay:300ms, load",
                "hx-target": f"#preview-{prefix_id}",
                "hx-swap": "innerHTML",
            }
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self._layout()

    @staticmethod
    def _layout():
        return Layout(
            "lock_version",
            "parent",
            Div(Div("kind", css_class="col-md-6"), Div(Field("numbered"), css_class="col-md-6 pt-4"), css_class="row"),
            Field("title", wrapper_class="r-field-title"),
            "body",
            Div(
                Div("delegation", css_class="col-md-4"),
                Div("lead", css_class="col-md-5"),
                Div("verbatim", css_class="col-md-3 pt-4"),
                css_class="row r-fields-statement",
            ),
            Div(
                Div("owners", css_class="col-md-4"),
                Div("owners_note", css_class="col-md-3"),
                Div("due_date", css_class="col-md-3"),
                Div("due_next_meeting", css_class="col-md-2 pt-4"),
                css_class="row r-fields-action",
            ),
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind") or (self.instance.kind if self.instance.pk else None)
        if kind == BlockKind.STATEMENT and not data.get("delegation"):
            self.add_error("delegation", _("A statement is attributed to a delegation."))
        if kind == BlockKind.ACTION:
            if not data.get("owners") and not data.get("owners_note"):
                self.add_error("owners", _("Say who must act."))
            if data.get("due_date") and data.get("due_next_meeting"):
                self.add_error("due_date", _("Give a due date or 'next meeting', not both."))
        if kind in (BlockKind.HEADING,) and not data.get("title"):
            self.add_error("title", _("A sub-heading needs a title."))
        return data


class ReportCreateForm(TextRulesMixin, forms.ModelForm):
    class Meta:
        model = Report
        fields = ["meeting", "group", "kind", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.select_related("group").order_by("-start_date")
        self.fields["title"].initial = _("Report of the meeting")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(
                Div("meeting", css_class="col-md-4"),
                Div("group", css_class="col-md-2"),
                Div("kind", css_class="col-md-2"),
                Div("title", css_class="col-md-4"),
                css_class="row",
            ),
            Submit("create", _("Start drafting")),
        )


class SectionForm(TextRulesMixin, forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    title = forms.CharField(label=_("New section title"), max_length=300)
    numbered = forms.BooleanField(label=_("numbered"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("lock_version", "title", "numbered", Submit("add", _("Add section")))


class CommentForm(TextRulesMixin, forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("text", Submit("comment", _("Comment"), css_class="btn-sm"))


class CloseActionForm(TextRulesMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Close as"), choices=[(ActionStatus.DONE, _("Done")), (ActionStatus.DROPPED, _("Dropped"))]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
