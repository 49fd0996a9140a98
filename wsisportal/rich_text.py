"""The rich-text editor of report texts: django-prose-editor (ProseMirror/Tiptap), vendored in
its wheel and served from our static files, under the strict CSP.

Its editor module imports the bare name `django-prose-editor/editor`, so the page needs an
import map, which is an inline script: the policy pins it by its SHA-256 (settings.py computes
it from `import_map_json`, the very text the template tag prints). The map names the files by
their plain static paths, not manifest-hashed ones, so the text (and its hash) depends only on
STATIC_URL; whitenoise serves the plain names too. The editor's HTML is still sanitised by nh3 on
the server (reports/sanitise.py): the allowlist there is what the toolbar below can produce.

This module is imported by settings.py: standard library only at import time.
"""

import base64
import hashlib
import json

MODULES = {
    "django-prose-editor/editor": "django_prose_editor/editor.js",
    "django-prose-editor/configurable": "django_prose_editor/configurable.js",
}

# What the toolbar offers: paragraphs, bold/italic/underline, sub/superscript, lists, quotes,
# links (http, https, mailto; no target), simple tables, undo/redo. No headings, images or
# styles: the report's structure (sections, numbering) lives in its blocks, not in the text.
EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "NoSpellCheck": False,  # keep the browser's spell checker
}


def _static_prefix(static_url):
    if static_url.startswith(("http://", "https://", "/")):
        return static_url
    return "/" + static_url


def import_map_json(static_url):
    """The import map's text, exactly as the page prints it (and as its hash is computed)."""
    prefix = _static_prefix(static_url)
    return json.dumps({"imports": {name: prefix + path for name, path in MODULES.items()}}, separators=(",", ":"))


def import_map_hash(static_url):
    """The CSP source that allows the import map: 'sha256-<base64 digest>'."""
    digest = hashlib.sha256(import_map_json(static_url).encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


# Tiptap injects its base stylesheet as an inline <style> unless it finds one already there:
# static/js/rich_text_prelude.js puts an EMPTY one there first (its rules are served from
# static/css/rich_text.css). The policy allows exactly that empty inline style, by the hash of
# the empty string; any inline style with content is still refused.
EMPTY_STYLE_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(b"").digest()).decode() + "'"
