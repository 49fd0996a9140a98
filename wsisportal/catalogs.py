"""The six translation catalogs in locale/: compiled with Babel (pure Python), so neither a
developer nor a server needs the system's gettext tools.

The .mo files are committed beside their .po; `manage.py compile_catalogs` (`make messages`)
rewrites them, and tests/test_catalogs.py fails when one is stale or a translation is missing.
"""

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings


def po_files():
    return sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"))


def read_catalog(po_path):
    with open(po_path, "rb") as f:
        return read_po(f)


def compiled(po_path):
    """The .mo bytes for one .po; fuzzy entries are left out, as gettext does."""
    out = io.BytesIO()
    write_mo(out, read_catalog(po_path), use_fuzzy=False)
    return out.getvalue()


def compile_all():
    """Write every locale's .mo beside its .po. Returns the paths written."""
    written = []
    for po_path in po_files():
        mo_path = po_path.with_suffix(".mo")
        mo_path.write_bytes(compiled(po_path))
        written.append(mo_path)
    return written
