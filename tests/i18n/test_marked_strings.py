"""Every string a user is shown is marked for translation: templates, model and form labels.

Templates: the text and the visible attributes (title, alt, placeholder, aria-label, data-confirm …)
left once every template tag, variable and {% blocktranslate %} block is taken out must hold no
word. Models: every field's verbose name and help text, every model's verbose names and every
choice label is a lazy translation. Forms: every label, help text and error message set on a form
of ours is a lazy translation (or comes from the model field).
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.utils.functional import Promise

TEMPLATES = Path(settings.BASE_DIR) / "templates"
OUR_APPS = ["meetings", "contributions", "roadmap", "reports"]
VISIBLE_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "data-confirm", "label", "aria-description"}
# Words that are the same in every language: symbols, acronyms, file formats, units of the ITU record.
NOT_WORDS = {
    "WSIS",
    "ITU",
    "WG",
    "PDF",
    "CSV",
    "XLSX",
    "ZIP",
    "SHA",
    "Atom",
    "iCal",
    "UTC",
    "Rev",
    "Add",
    "Corr",
    "CHF",
    "ics",
    "xlsx",
    "csv",
    "pdf",
    "zip",
    "sha",
    "htmx",
}
PLACEHOLDER = " "  # a space keeps tags that a template tag splits parseable
WORD = re.compile(r"[^\W\d_]{2,}")


def template_text(source):
    """The template with every tag and variable replaced by a placeholder, and blocktranslate,
    comment and verbatim-free blocks removed: what remains is literal text."""
    parts, skip_until = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if skip_until:
                if name == skip_until:
                    skip_until = None
                continue
            if name in {"blocktranslate", "blocktrans"}:
                skip_until = "end" + name
            elif name == "comment":
                skip_until = "endcomment"
            elif name == "block" and token.contents.split()[1].endswith(("testid", "class")):
                skip_until = "endblock"  # a test hook or a CSS class, not text
            parts.append(PLACEHOLDER)
        elif skip_until:
            continue
        elif token.token_type == TokenType.TEXT:
            parts.append(token.contents)
        else:
            parts.append(PLACEHOLDER)
    return "".join(parts)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.in_raw = [], False

    def handle_starttag(self, tag, attrs):
        self.in_raw = tag in {"script", "style"}
        for name, value in attrs:
            if value and (name in VISIBLE_ATTRIBUTES or name.endswith("-text")):
                self.found.append(value)

    def handle_endtag(self, tag):
        self.in_raw = False

    def handle_data(self, data):
        if not self.in_raw:
            self.found.append(data)


def unmarked_words(source):
    text = template_text(source)
    if re.match(r"[\w-]+=", text.replace(PLACEHOLDER, "").lstrip()):  # attributes for the caller's tag
        text = f"<span {text}>"  # (includes/confirm_attrs.html): read them as attributes, not text
    collector = _Collector()
    collector.feed(text)
    words = []
    for text in collector.found:
        words += [w for w in WORD.findall(text.replace(PLACEHOLDER, " ")) if w not in NOT_WORDS]
    return words


ALL_TEMPLATES = sorted(p.relative_to(TEMPLATES) for p in TEMPLATES.rglob("*.html"))


def test_scanner_finds_unmarked_text_and_attributes():
    assert unmarked_words('<p title="Open it">{% translate "Fine" %} Loose</p>') == ["Open", "it", "Loose"]
    assert unmarked_words("{% blocktranslate %}Fine {{ x }}{% endblocktranslate %} WG-WSIS-14/5") == []
    assert unmarked_words('{% load i18n %} data-confirm="{{ t }}" title="Loose"') == ["Loose"]


@pytest.mark.parametrize("name", ALL_TEMPLATES, ids=str)
def test_template_strings_are_marked(name):
    source = (TEMPLATES / name).read_text()
    assert unmarked_words(source) == [], name
    if re.search(r"{%-? *(translate|blocktranslate|trans|blocktrans) ", source):
        assert re.search(r"{% load [^%]*\bi18n\b", source), f"{name} uses translation tags without {{% load i18n %}}"


def our_models():
    return [m for app in OUR_APPS for m in apps.get_app_config(app).get_models()]


@pytest.mark.parametrize("model", our_models(), ids=lambda m: m._meta.label)
def test_model_labels_are_marked(model):
    meta = model._meta
    unmarked = [n for n in ("verbose_name", "verbose_name_plural") if not isinstance(getattr(meta, n), Promise)]
    for field in meta.get_fields(include_hidden=False):
        if field.auto_created or not field.concrete and not field.many_to_many:
            continue
        if not isinstance(field.verbose_name, Promise):
            unmarked.append(f"{field.name}.verbose_name")
        if field.help_text and not isinstance(field.help_text, Promise):
            unmarked.append(f"{field.name}.help_text")
        for _value, label in field.flatchoices or ():
            if not isinstance(label, Promise) and field.name != "language":  # languages name themselves
                unmarked.append(f"{field.name} choice {label!r}")
    assert unmarked == []


# Fields posted by buttons or scripts, or labelled by their template or by Django itself.
NEVER_LABELLED = {
    "MoveForm.direction",  # the editor's arrow buttons, each with its own translated label
    "ReorderForm.order",  # posted by the drag-and-drop script
    "AttendanceForm.attended",  # the template lists each participant's name
    "RegisterFilterForm.sort",  # the register's column headings are the sort links
    "LoginForm.username",  # Django labels it with the user model's verbose name
}


def our_forms():
    found = []
    for app in [*OUR_APPS, "wsisportal"]:
        module = __import__(f"{app}.forms", fromlist=["*"])
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found.append(value)
    return found


@pytest.mark.parametrize("form_class", our_forms(), ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_form_labels_are_marked(form_class):
    unmarked = []
    for name, field in form_class.base_fields.items():
        if isinstance(field.widget, forms.HiddenInput) or f"{form_class.__name__}.{name}" in NEVER_LABELLED:
            continue
        if field.label is not None and not isinstance(field.label, Promise):
            unmarked.append(f"{name}.label {field.label!r}")
        if field.label is None and not getattr(form_class, "_meta", None):
            unmarked.append(f"{name}: label derived from the field's name")
        if field.help_text and not isinstance(field.help_text, Promise):
            unmarked.append(f"{name}.help_text")
        if isinstance(field, forms.ModelChoiceField):
            continue  # its choices are objects, named by their own data
        for _value, label in getattr(field, "choices", None) or ():
            if isinstance(label, str) and WORD.search(label) and not isinstance(label, Promise):
                unmarked.append(f"{name} choice {label!r}")
    assert unmarked == []
