"""The six catalogs: every entry of the five non-English catalogs translated and not fuzzy, the
committed .mo files compiled from the current .po (`manage.py compile_catalogs`), and the pages
actually rendered in each language."""

import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import to_locale

from wsisportal import catalogs

NON_ENGLISH = [code for code, _name in settings.LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")


def po_path(code):
    return settings.LOCALE_PATHS[0] / to_locale(code) / "LC_MESSAGES" / "django.po"


def test_every_language_has_a_catalog():
    assert sorted(p.parent.parent.name for p in catalogs.po_files()) == sorted(
        to_locale(code) for code, _name in settings.LANGUAGES
    )


@pytest.mark.parametrize("code", NON_ENGLISH)
def test_catalog_is_complete_and_not_fuzzy(code):
    catalog = catalogs.read_catalog(po_path(code))
    untranslated, fuzzy, broken = [], [], []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
        source = message.id[-1] if isinstance(message.id, tuple) else message.id
        for text in strings:
            if text and not set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(source)):
                broken.append(message.id)
    assert (untranslated, fuzzy, broken) == ([], [], [])


@pytest.mark.parametrize("po", catalogs.po_files(), ids=lambda p: p.parent.parent.name)
def test_compiled_catalog_is_current(po):
    assert po.with_suffix(".mo").read_bytes() == catalogs.compiled(po), "run: manage.py compile_catalogs"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ar", "الدولة العضو"),
        ("zh-hans", "成员国"),
        ("fr", "État Membre"),
        ("es", "Estado Miembro"),
        ("ru", "Государство-Член"),
    ],
)
def test_itu_terminology_is_used(code, expected):
    with translation.override(code):
        assert translation.gettext("Member State") == expected
