"""Forms validate and clean; the services act."""

import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from meetings import agenda_tree
from meetings.models import AgendaItem, Group, Organisation
from wsisportal import access, formfields
from wsisportal.text_rules import TextRulesMixin

from . import kept_uploads, uploads
from .models import CallForDocuments, DocumentKind, Language, Suffix


class UploadField(forms.FileField):
    """A file field whose clean() applies the safe-upload checks and returns
    (upload, display name, content type)."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        name, content_type = uploads.check_upload(upload)
        return upload, name, content_type


class SubmissionKeyField(forms.UUIDField):
    """The form's one-time key (hidden). A malformed key, which only a tampered client sends, is
    dropped rather than refused: the form could not show an error on a hidden field."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            return None


def newest_agenda_items(meeting, user):
    """The items of the meeting's newest agenda version the user may see (none if no such agenda)."""
    items = AgendaItem.objects.filter(agenda__meeting=meeting)
    if user is not None:
        items = access.visible_agenda_items(user, items)
    newest = items.order_by("-agenda__version").values_list("agenda__version", flat=True).first()
    return items.filter(agenda__version=newest) if newest is not None else items.none()


def agenda_choices(items):
    """Agenda items as choices by number, in agenda order ("7.1 Roadmap"), one agenda after another."""
    by_agenda = {}
    for item in items.select_related("agenda"):
        by_agenda.setdefault(item.agenda, []).append(item)
    choices = []
    for agenda in sorted(by_agenda, key=lambda a: a.version):
        for node in agenda_tree.flatten(agenda_tree.build_tree(by_agenda[agenda])):
            choices.append((node.item.pk, f"{node.label} {node.item.title}"))
    return choices


# A searchable picker (static/js/pickers.js) over a plain <select multiple> that works without JS.
PICKER_ATTRS = {"data-picker": "", "data-placeholder": _("Type to search"), "data-no-results": _("No match")}


def _helper(label):
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


# The preview buttons submit without the confirmation dialog (static/js/confirm.js): they allocate nothing.
NO_CONFIRM = {"data-confirm-skip": "1"}


class SubmitDocumentForm(TextRulesMixin, forms.Form):
    group = forms.ModelChoiceField(queryset=None, label=_("For"), empty_label=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices, initial=DocumentKind.CONTRIBUTION)
    title = forms.CharField(label=_("Title"), max_length=400)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    sources = formfields.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(), label=_("Source"), required=False
    )
    agenda_items = formfields.ModelMultipleChoiceField(
        queryset=AgendaItem.objects.none(), label=_("Agenda items"), required=False
    )
    call = forms.ModelChoiceField(
        queryset=CallForDocuments.objects.none(), label=_("In answer to a call for documents"), required=False
    )
    language = forms.ChoiceField(label=_("Language of the file"), choices=Language.choices, initial=Language.E)
    file = UploadField(
        label=_("File"),
        required=False,  # a file kept from the last try (kept_file) will do: see clean()
        help_text=_("PDF, DOCX, DOC, XLSX, PPTX, ODT or TXT; the type is checked from the content."),
    )
    kept_file = forms.CharField(widget=forms.HiddenInput, required=False)
    accept_detected_type = forms.BooleanField(widget=forms.HiddenInput, required=False)
    late_reason = forms.CharField(
        label=_("Admit after the deadline as requested by the group during the session: reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Leave empty unless the group requested this document during the session."),
    )
    # A new key each time the empty form is shown: sending the same form again (its answer lost)
    # shows the document already created instead of creating a second one.
    submission_key = SubmissionKeyField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    def __init__(self, *args, meeting, groups, is_secretariat, can_admit, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.chosen_file = None  # (file, display name, content type) once cleaned, even with other errors
        self.fields["group"].queryset = Group.objects.filter(pk__in=[g.pk for g in groups])
        self.fields["agenda_items"].queryset = newest_agenda_items(meeting, user)
        self.fields["call"].queryset = CallForDocuments.objects.filter(meeting=meeting, group__in=groups)
        for name in ["agenda_items", "call"]:
            if not self.fields[name].queryset.exists():
                del self.fields[name]
        if is_secretariat:
            self.fields["sources"].queryset = Organisation.objects.all()
        else:
            del self.fields["sources"]
            self.fields["kind"].choices = [(DocumentKind.CONTRIBUTION, DocumentKind.CONTRIBUTION.label)]
        if not can_admit:
            del self.fields["late_reason"]
        if "agenda_items" in self.fields:
            self.fields["agenda_items"].choices = agenda_choices(self.fields["agenda_items"].queryset)
        self.helper = _helper(_("Submit"))
        self.helper.attrs = {
            "data-upload-progress": _("Uploading… {percent}%"),
            "data-upload-failed": _("The upload was interrupted. Press the button again."),
        }
        for name in ("sources", "agenda_items"):
            if name in self.fields:
                self.fields[name].widget.attrs.update(PICKER_ATTRS)
        self.set_buttons(previewed=False)

    def set_buttons(self, *, previewed):
        """Before the preview: Preview only. After it: Submit, and Preview again after a change."""
        self.helper.inputs = []
        if previewed:
            self.helper.add_input(Submit("submit", _("Submit and allocate the symbol")))
            again = Submit("preview", _("Preview again"), **NO_CONFIRM)
            again.field_classes = "btn btn-outline-secondary"
            self.helper.add_input(again)
        else:
            self.helper.add_input(Submit("preview", _("Preview"), **NO_CONFIRM))

    def clean(self):
        data = super().clean()
        chosen = data.get("file")
        if not chosen and "file" not in self.errors:
            token = data.get("kept_file")
            chosen = kept_uploads.restore(token, user=self.user) if token and self.user else None
            if chosen is None:
                self.add_error(
                    "file", forms.ValidationError(self.fields["file"].error_messages["required"], "required")
                )
        self.chosen_file = chosen or None
        if chosen:
            data["file"] = self._agreed_type(*chosen, accepted=data.get("accept_detected_type"))
        return data

    def _agreed_type(self, upload, name, content_type, *, accepted):
        """A file whose name claims another type than its content ("notes.pdf" holding text) is
        stored only once the user agrees to the detected type, under a name that says it."""
        claimed = uploads.misnamed(name, content_type)
        if claimed is None:
            return upload, name, content_type
        renamed = uploads.renamed_for(name, content_type)
        if accepted:
            return upload, renamed, content_type
        detected = uploads.type_label(content_type)
        field = self.fields["accept_detected_type"]
        field.widget = forms.CheckboxInput()
        field.label = format_lazy(
            _("Yes, store it as {detected}, named “{renamed}”"), detected=detected, renamed=renamed
        )
        self.add_error(
            "file",
            format_lazy(
                _("“{name}” is named as {claimed} but its content is {detected}. Tick the box below to store it as "
                  "{detected}, or choose the right file."),
                name=name, claimed=uploads.type_label(claimed), detected=detected,
            ),
        )  # fmt: skip
        return upload, name, content_type

    def show_kept(self, name, size):
        """Say, under the file field, which file is kept from the last try."""
        self.fields["file"].help_text = self["file"].help_text = format_lazy(
            _("Kept from your last try: “{name}” ({size}). Choose another file only to replace it."),
            name=name,
            size=filesizeformat(size),
        )


class RevisionForm(TextRulesMixin, forms.Form):
    suffix = forms.ChoiceField(label=_("What it is"), choices=[c for c in Suffix.choices if c[0]])
    title = forms.CharField(label=_("Title"), max_length=400)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    language = forms.ChoiceField(label=_("Language of the file"), choices=Language.choices, initial=Language.E)
    file = UploadField(label=_("File"))
    late_reason = forms.CharField(
        label=_("Admit after the deadline as requested by the group during the session: reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Submit"))


class AddFileForm(TextRulesMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    file = UploadField(label=_("File"))

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        taken = set(document.languages)
        self.fields["language"].choices = [c for c in Language.choices if c[0] not in taken]
        self.helper = _helper(_("Add language version"))
        self.helper.form_tag = False


class EditDocumentForm(TextRulesMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=400)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    sources = formfields.ModelMultipleChoiceField(
        queryset=Organisation.objects.all(), label=_("Source"), required=False
    )
    agenda_items = formfields.ModelMultipleChoiceField(
        queryset=AgendaItem.objects.none(), label=_("Agenda items"), required=False
    )

    title_language = forms.ChoiceField(label=_("Language of the title"), choices=Language.choices, required=False)

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_language = document.title_language
        self.fields["agenda_items"].queryset = AgendaItem.objects.filter(agenda__meeting=document.meeting)
        self.fields["agenda_items"].choices = agenda_choices(self.fields["agenda_items"].queryset)
        for name in ("sources", "agenda_items"):
            self.fields[name].widget.attrs.update(PICKER_ATTRS)
        # The title in each language of the Union; empty where none is given.
        given = {t.language: t.title for t in document.titles.all()}
        for letter, name in Language.choices:
            self.fields[f"title_{letter}"] = forms.CharField(
                label=format_lazy(_("Title in {language}"), language=name),
                max_length=400,
                required=False,
                initial=given.get(letter, ""),
            )
        self.helper = _helper(_("Save"))

    def clean_title_language(self):
        return self.cleaned_data["title_language"] or self.original_language

    def translated_titles(self):
        """{language letter: title} of the non-empty titles in other languages than the original's."""
        data = self.cleaned_data
        return {
            letter: data[f"title_{letter}"].strip()
            for letter in Language.values
            if letter != data["title_language"] and data.get(f"title_{letter}", "").strip()
        }


class ReplaceFileForm(TextRulesMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language version"), choices=Language.choices)
    file = UploadField(label=_("New file"))

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        present = set(document.languages)
        self.fields["language"].choices = [c for c in Language.choices if c[0] in present]
        self.helper = _helper(_("Replace the file"))
        self.helper.form_tag = False
        self.helper.inputs[0].field_classes = "btn btn-outline-primary"


class WithdrawForm(TextRulesMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Withdraw"))
        self.helper.form_tag = False
        self.helper.inputs[0].field_classes = "btn btn-outline-danger"


# Each ends with the id: documents with the same title or time keep one order from page to page.
SORTS = {
    "symbol": ("number", "suffix", "suffix_number", "pk"),
    "-symbol": ("-number", "-suffix", "-suffix_number", "-pk"),
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
    "available": ("available_at", "pk"),
    "-available": ("-available_at", "-pk"),
}


class RegisterFilterForm(TextRulesMixin, forms.Form):
    q = forms.CharField(label=_("Text"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *DocumentKind.choices], required=False)
    group = forms.ChoiceField(label=_("For"), required=False)
    language = forms.ChoiceField(
        label=_("Language version"), choices=[("", _("All languages")), *Language.choices], required=False
    )
    sort = forms.ChoiceField(choices=[(k, k) for k in SORTS], required=False)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("All groups")), *((g.code, g.code) for g in groups)]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_tag = False

    def chosen_language(self):
        """The Language filtered on, or None."""
        language = self.cleaned_data.get("language") if self.is_valid() else ""
        return Language(language) if language else None

    def apply(self, queryset):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("q"):
            queryset = queryset.search(data["q"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("group"):
            queryset = queryset.filter(group__code=data["group"])
        if data.get("language"):
            queryset = queryset.with_language(data["language"])
        return queryset.order_by(*SORTS.get(data.get("sort") or "symbol", SORTS["symbol"]))


class SearchForm(TextRulesMixin, forms.Form):
    q = forms.CharField(label=_("Search documents"), max_length=200, required=False)
