"""The HTML of a report document (cover, block tree, annexes) for its page, its approved revision,
the editor's preview and its PDF.

The block tree is the part repeated hundreds of times (a report of 300 paragraphs): it is a
recursive Jinja2 macro (jinja2/reports/blocks.html) instead of Django `{% include %}`s nested per
block, which cost most of the report page's time (`make bench`). The cover and the annexes around
it, once a page, stay a Django template (templates/reports/includes/document.html).

The macros render through an overlay of the project's Jinja2 environment that keeps whitespace as
written and escapes values with Django's `escape`, so the HTML is byte for byte what the Django
templates printed before (tests/reports/test_rendering.py compares them).
"""

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import gettext

from wsisportal.jinja import as_django_prints


def _macros():
    """The compiled macros (the template is compiled once), with their labels translated once."""
    labels = {"action": gettext("Action"), "due": gettext("due"), "comment": gettext("Comment on this paragraph")}
    return as_django_prints().get_template("reports/blocks.html").make_module({"labels": labels})


def document_html(doc, *, request=None, comment_form=None, draft=False):
    """The document dict (reports/document.py, or an approved revision's snapshot) as HTML.
    With `comment_form` (the reader may comment on the working copy), every block carries the form
    to comment on it, with the request's CSRF token."""
    macros = _macros()
    form_html = csrf_token = None
    if comment_form is not None:
        form_html = render_to_string("reports/includes/comment_form.html", {"comment_form": comment_form}, request)
        csrf_token = get_token(request)
    body = macros.blocks(doc.get("blocks", []), form_html, csrf_token)
    annexes = [
        (annex, macros.blocks(annex["document"].get("blocks", []), None, None) if "document" in annex else "")
        for annex in doc.get("annexes", [])
    ]
    return render_to_string(
        "reports/includes/document.html", {"doc": doc, "draft": draft, "body": body, "annexes": annexes}
    )
