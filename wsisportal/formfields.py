"""Form fields the portal's forms share."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, except that a posted id too large for the database (SQLite raises
    OverflowError for integers beyond 64 bits, found by fuzzing) is refused as an invalid
    choice instead of escaping as a server error."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": "…"}
            ) from None


# What crispy-bootstrap5's `as_crispy_field` adds to a text input's and a select's CSS class.
_BOOTSTRAP_CLASS = {forms.TextInput: "form-control", forms.Select: "form-select"}


def plain_field_html(field):
    """A bound field as `{{ field|as_crispy_field }}` (crispy-bootstrap5) prints it, without its
    templates: the same elements, attributes and text, with a line break where that printed a run of
    blank lines and indentation. For the filter row above the register (four fields, a fifth of its
    time through crispy's and the widgets' templates, `make bench`). Only a plain case is written
    out: an optional text input or select (without option groups), not hidden, with a label, no help text and no errors;
    for any other field it returns None and the caller prints it with crispy
    (tests/contributions/test_rendering.py holds both equal)."""
    widget = field.field.widget
    bootstrap_class = _BOOTSTRAP_CLASS.get(type(widget))
    if (
        bootstrap_class is None
        or field.is_hidden
        or field.field.required
        or field.errors
        or field.help_text
        or not field.label
        or field.css_classes()
        or not field.auto_id
    ):
        return None
    attrs = field.build_widget_attrs({"class": f"{type(widget).__name__.lower()} {bootstrap_class}"})
    attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if isinstance(widget, forms.Select):
        if any(name for name, _group, _index in context["optgroups"]):
            return None  # option groups: crispy prints them
        options = mark_safe(
            "".join(
                format_html(
                    '\n<option value="{}"{}>{}</option>', option["value"], _attrs(option["attrs"]), option["label"]
                )
                for _name, group, _index in context["optgroups"]
                for option in group
            )
        )
        control = format_html('<select name="{}"{}>{}\n</select>', context["name"], _attrs(context["attrs"]), options)
    else:
        value = "" if context["value"] is None else format_html(' value="{}"', context["value"])
        control = format_html(
            '<input type="{}" name="{}"{}{}>', context["type"], context["name"], value, _attrs(context["attrs"])
        )
    return format_html(
        '\n<div id="div_{}" class="mb-3">\n<label for="{}" class="form-label">\n{}\n</label>\n{}\n</div>\n',
        field.auto_id,
        field.id_for_label,
        field.label,
        control,
    )


def _attrs(attrs):
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    return mark_safe(
        "".join(
            ""
            if value is False
            else format_html(" {}", name)
            if value is True
            else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
        )
    )
