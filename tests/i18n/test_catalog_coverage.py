"""Every marked string of the portal is in every catalog: what `make messages` would extract today
(Python sources through Babel's extractor; Django and Jinja2 templates through Django's own
`templatize`, as makemessages does) must already be a msgid of each of the six catalogs. A string
added to a template, a model or a view without re-running `make messages` and translating it fails
here, before any reader meets an English word on a French page. Pure Python: no gettext needed."""

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from django.conf import settings
from django.utils.translation import to_locale
from django.utils.translation.template import templatize

from wsisportal import catalogs

ROOT = Path(settings.BASE_DIR)
SOURCE_DIRS = ["wsisportal", "meetings", "contributions", "roadmap", "reports", "api", "ops"]
TEMPLATE_DIRS = ["templates", "jinja2"]
KEYWORDS = {
    "_": None, "gettext": None, "gettext_lazy": None, "gettext_noop": None,
    "ngettext": (1, 2), "ngettext_lazy": (1, 2), "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3), "npgettext_lazy": ((1, "c"), 2, 3),
}  # fmt: skip


def python_sources():
    for name in SOURCE_DIRS:
        for path in sorted((ROOT / name).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def template_sources():
    for name in TEMPLATE_DIRS:
        for suffix in ("*.html", "*.txt"):
            yield from sorted((ROOT / name).rglob(suffix))


def msgids(code, path):
    found = set()
    for _line, func, message, _comments in extract_python(io.BytesIO(code.encode()), KEYWORDS, [], {}):
        message = message if isinstance(message, tuple) else (message,)
        context, singular = (
            (message[0], message[1]) if func.startswith(("pgettext", "npgettext")) else (None, message[0])
        )
        if singular:
            found.add((path, context, singular))
    return found


def extracted():
    found = set()
    for path in python_sources():
        found |= msgids(path.read_text(encoding="utf-8"), path.relative_to(ROOT))
    for path in template_sources():
        # templatize() writes each marked string as a Python call amid filler letters, keeping lines;
        # its indentation means nothing, so it is dropped for Python's tokenizer.
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        code = "\n".join(line.lstrip() for line in code.splitlines())
        found |= msgids(code, path.relative_to(ROOT))
    return found


@pytest.fixture(scope="module")
def marked():
    found = extracted()
    assert len(found) > 800, "the extractor finds the portal's strings"
    return found


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_marked_string_is_in_the_catalog(marked, code):
    po = Path(settings.LOCALE_PATHS[0]) / to_locale(code) / "LC_MESSAGES" / "django.po"
    known = {
        (message.context, message.id[0] if isinstance(message.id, tuple) else message.id)
        for message in catalogs.read_catalog(po)
    }
    missing = sorted(f"{path}: {msgid!r}" for path, context, msgid in marked if (context, msgid) not in known)
    assert missing == [], "run `make messages` and translate:\n" + "\n".join(missing)


def test_the_extractor_sees_django_and_jinja2_templates_and_python(marked):
    """The three kinds of source are read (a string known to be in each)."""
    paths = {str(path) for path, _context, msgid in marked if msgid in {"Withdrawn", "Document register"}}
    assert any(p.startswith("jinja2/") for p in paths) and any(p.startswith("templates/") for p in paths)
    assert any(str(path).endswith(".py") for path, _context, _msgid in marked)
    assert any(context for _path, context, _msgid in marked), "strings with a context (pgettext) are read"
