"""Which characters text in the portal may hold: the rule every form applies to what people type,
and the same rule applied to what is already stored when it is put into a feed, a calendar or a
spreadsheet.

Refused, because they are invisible and break or disguise the outputs:
- C0 controls U+0000–U+001F, DELETE U+007F and C1 controls U+0080–U+009F (with NEXT LINE U+0085).
  XML 1.0 (Atom, XLSX) cannot carry the C0 ones at all: one BEL in a title made the meeting's feed
  and register answer 500 for everyone. A multi-line field (a Textarea) may hold tab, line feed and
  carriage return; a single-line field none of them.
- the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069: they make
  text display in an order other than the one it is stored in ("Trojan Source", CVE-2021-42574),
  so a title or file name could read as something it is not.
- the noncharacters U+FFFE and U+FFFF and lone surrogates, which XML cannot carry either.

Allowed on purpose: the implicit direction marks U+200E LRM, U+200F RLM and U+061C ALM (they only
settle the direction of neutral characters, which Arabic and Hebrew text mixed with Latin symbols
such as "WG-WSIS-14/5" needs, and cannot reorder a run of text), the joiners U+200C ZWNJ and
U+200D ZWJ (Persian, Indic scripts, emoji sequences), and every letter, mark, symbol and emoji.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import pretty_name
from django.utils.translation import gettext_lazy as _

_LINE_BREAKS_AND_TAB = "\t\n\r"
_DIRECTION_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Everything refused in a multi-line field; a single-line field refuses _LINE_BREAKS_AND_TAB too.
_REFUSED = f"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_DIRECTION_CONTROLS}\ufffe\uffff\ud800-\udfff"
_REFUSED_MULTI_LINE = re.compile(f"[{_REFUSED}]")
_REFUSED_SINGLE_LINE = re.compile(f"[{_REFUSED}{_LINE_BREAKS_AND_TAB}]")
_DIRECTION = re.compile(f"[{_DIRECTION_CONTROLS}]")


def refused_character(text, *, multiline):
    """The first character of `text` the rule refuses, or None."""
    found = (_REFUSED_MULTI_LINE if multiline else _REFUSED_SINGLE_LINE).search(text)
    return found.group() if found else None


def printable(text):
    """Stored text without what a multi-line field would refuse: safe for XML (Atom, XLSX), iCalendar
    and CSV. Outputs call this on every string they take from the database."""
    return _REFUSED_MULTI_LINE.sub("", text)


def _code_point(char):
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"


class TextRule:
    """The validator a form field gets: refuses the characters listed in this module's docstring."""

    def __init__(self, *, label, multiline):
        self.label = label
        self.multiline = multiline

    def __call__(self, value):
        char = refused_character(str(value), multiline=self.multiline)
        if char is None:
            return
        if _DIRECTION.match(char):
            message = _(
                "%(field)s contains an invisible text-direction character (%(char)s) that can make the text "
                "read differently from what is stored; remove it."
            )
            code = "direction_control"
        else:
            message = _("%(field)s contains a control character (%(char)s) that cannot be stored; remove it.")
            code = "control_character"
        raise ValidationError(message, code=code, params={"field": self.label, "char": _code_point(char)})


def apply_text_rule(fields):
    """Give every text field of a form (a name → field mapping) its TextRule, once. Passwords are
    left alone: they are never shown and may hold whatever their owner chose."""
    for name, field in fields.items():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        if any(isinstance(v, TextRule) for v in field.validators):
            continue
        multiline = isinstance(field.widget, forms.Textarea)
        field.validators.append(TextRule(label=field.label or pretty_name(name), multiline=multiline))


class TextRulesMixin:
    """Every form of the portal inherits this (a test checks it), so every text field, including
    one a form adds in its __init__, is checked before the form's own clean methods run."""

    def full_clean(self):
        apply_text_rule(self.fields)
        super().full_clean()
