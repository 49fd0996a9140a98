"""Which characters typed text may hold (wsisportal/text_rules.py), that every portal form applies
the rule, and the cells the spreadsheet exports write (wsisportal/spreadsheet_cells.py)."""

import importlib
import pathlib
from decimal import Decimal

import pytest
from django import forms

from wsisportal import spreadsheet_cells, text_rules

ROOT = pathlib.Path(__file__).resolve().parent.parent
PORTAL_PACKAGES = ("contributions", "meetings", "reports", "roadmap", "wsisportal")


class Sample(text_rules.TextRulesMixin, forms.Form):
    line = forms.CharField(label="Title")
    block = forms.CharField(label="Summary", widget=forms.Textarea)


# (text, allowed in a single-line field, allowed in a multi-line field)
CASES = [
    ("Views of Saudi Arabia", True, True),
    ("Roadmap - third draft (C1-C11)", True, True),
    ("tab\there", False, True),
    ("line\nbreak", False, True),
    ("carriage\r\nreturn", False, True),
    ("bell\x07inside", False, False),
    ("unit\x1fseparator", False, False),
    ("vertical\x0btab", False, False),
    ("delete\x7finside", False, False),
    ("next\x85line", False, False),
    ("c1\x9fcontrol", False, False),
    ("nul\x00inside", False, False),
    ("evil\u202etxt.exe", False, False),  # RIGHT-TO-LEFT OVERRIDE
    ("embedding\u202aLTR\u202c", False, False),
    ("isolate\u2066x\u2069", False, False),
    ("first strong\u2068isolate", False, False),
    ("non\ufffecharacter", False, False),
    ("تقرير الفريق العامل", True, True),  # Arabic
    ("الوثيقة \u200fWG-WSIS-14/5\u200f", True, True),  # Arabic with RIGHT-TO-LEFT MARKs: allowed
    ("信息社会世界峰会", True, True),  # Chinese
    ("می\u200cخواهم", True, True),  # Persian with ZERO WIDTH NON-JOINER
    ("Merci 👍🏽 👨\u200d👩\u200d👧", True, True),  # emoji, a ZWJ family sequence
    ("Réunion à Genève — «WSIS»", True, True),
]


@pytest.mark.parametrize(("text", "single_ok", "multi_ok"), CASES)
def test_text_rule_at_the_boundaries(text, single_ok, multi_ok):
    form = Sample({"line": text, "block": text})
    assert form.is_valid() is (single_ok and multi_ok)
    assert ("line" not in form.errors) is single_ok
    assert ("block" not in form.errors) is multi_ok


def test_refused_control_character_message_names_field_and_code_point():
    form = Sample({"line": "Agenda\x07 item", "block": "ok"})
    assert form.errors["line"] == ["Title contains a control character (U+0007) that cannot be stored; remove it."]


def test_refused_direction_override_message_names_the_character():
    form = Sample({"line": "ok", "block": "see \u202eexe.txt"})
    (message,) = form.errors["block"]
    assert message.startswith("Summary contains an invisible text-direction character (U+202E RIGHT-TO-LEFT OVERRIDE)")
    assert message.endswith("remove it.")


def test_fields_added_after_init_are_checked_too():
    form = Sample({"line": "ok", "block": "ok", "late": "late\x07"})
    form.fields["late"] = forms.CharField()
    assert not form.is_valid() and "U+0007" in form.errors["late"][0]


def test_password_fields_are_left_alone():
    class Login(text_rules.TextRulesMixin, forms.Form):
        password = forms.CharField(widget=forms.PasswordInput)

    assert Login({"password": "pass\x07word\t"}).is_valid()


def test_validating_twice_adds_the_rule_once():
    form = Sample({"line": "x\x07", "block": "ok"})
    form.full_clean()
    form.full_clean()
    assert len(form.errors["line"]) == 1


def _portal_form_classes():
    for path in sorted(p for package in PORTAL_PACKAGES for p in (ROOT / package).rglob("forms.py")):
        relative = path.relative_to(ROOT)
        module = importlib.import_module(".".join(relative.with_suffix("").parts))
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                yield value


def test_every_portal_form_applies_the_text_rule():
    classes = list(_portal_form_classes())
    names = {cls.__name__ for cls in classes}
    assert {"SubmitDocumentForm", "AgendaItemForm", "OutcomeCellForm", "BlockForm", "LoginForm"} <= names
    assert [c.__qualname__ for c in classes if not issubclass(c, text_rules.TextRulesMixin)] == []


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Agenda\x07 item", "Agenda item"),
        ("keeps\ttab\nand\r\nlines", "keeps\ttab\nand\r\nlines"),
        ("\x00\x08\x0b\x0c\x0e\x1f\x7f\x85\x9f", ""),
        ("evil\u202etxt\u2066", "eviltxt"),
        ("non\ufffe\uffffcharacters", "noncharacters"),
        ("lone\ud800surrogate", "lonesurrogate"),
        ("تقرير \u200fWG-WSIS\u200f 信息 👨\u200d👩\u200d👧", "تقرير \u200fWG-WSIS\u200f 信息 👨\u200d👩\u200d👧"),
    ],
)
def test_printable_drops_what_outputs_cannot_carry(stored, shown):
    assert text_rules.printable(stored) == shown


@pytest.mark.parametrize(
    ("value", "csv_cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("\x07=1+1", "'=1+1"),  # cleaned first, so a leading control cannot hide the formula
        ("Report", "Report"),
        ("Report - draft, 2-3 pages", "Report - draft, 2-3 pages"),
        ("", ""),
        (-60000, -60000),
        (Decimal("-1.5"), Decimal("-1.5")),
        (None, ""),
    ],
)
def test_csv_value_neutralises_formulas_and_keeps_numbers(value, csv_cell):
    assert spreadsheet_cells.csv_value(value) == csv_cell
