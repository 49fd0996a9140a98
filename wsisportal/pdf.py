"""The one place that turns a template into a PDF (WeasyPrint).

A PDF template names its stylesheets, fonts and images relative to the document
(`<link rel="stylesheet" href="css/print.css">`), never with `{% static %}`: the document's base
URL is STATIC_BASE, and the fetcher reads each such name from the static source directories
through the staticfiles finders. `{% static %}` would ask the static storage for a URL, and with
DEBUG off that is the manifest storage, which raises "Missing staticfiles manifest entry" until
collectstatic has run, so `load_demo` on a fresh production install could not approve a report.
Reading the source files means a PDF depends neither on collectstatic nor on the storage, and
rendering never fetches from the portal (or anywhere) over HTTP.
"""

from pathlib import Path
from urllib.parse import unquote

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

from wsisportal.pdf_archival import PDF_OPTIONS, archival_metadata

# Not STATIC_URL on purpose: a `{% static %}` URL resolves outside it and is refused, with DEBUG
# on as with DEBUG off, so a template that uses the tag fails in tests rather than in production.
STATIC_BASE = "file:///pdf-static/"


def _static_path(name):
    """The source file of a static name, as the finders find it; None for a missing name or
    one that points outside the static directories."""
    try:
        return finders.find(unquote(name))
    except SuspiciousFileOperation:
        return None


def _static_fetcher():
    """A WeasyPrint fetcher that reads names under STATIC_BASE from the static source
    directories, lets `data:` URLs through and refuses everything else."""
    from weasyprint.urls import URLFetcher

    class StaticFileFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(STATIC_BASE):
                found = _static_path(url[len(STATIC_BASE) :])
                if found:
                    return super().fetch(Path(found).as_uri(), headers)
            raise ValueError(f"PDF rendering reads only static source files, not {url!r}")

    return StaticFileFetcher(allowed_protocols=["file", "data"], fail_on_errors=True)


def render_pdf(template_name, context, *, request=None):
    """Render `template_name` with `context` to PDF/A-3a bytes, tagged and identified as PDF/UA-1
    (wsisportal/pdf_archival.py). The template gives the language (`<html lang>`) and the title
    (`<title>`) that the metadata carries. Stylesheets, fonts and images are named relative to the
    document (see the module docstring); a missing one stops the rendering."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=_static_fetcher()).render(**PDF_OPTIONS)
    document.metadata = archival_metadata(document.metadata)
    return document.write_pdf(**PDF_OPTIONS)
