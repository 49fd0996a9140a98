"""The one place that turns a template into a PDF (WeasyPrint)."""

import os

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils._os import safe_join


def _static_path(name):
    """The file on disk for a static name: found by the finders (source names), or collected in
    STATIC_ROOT (with DEBUG off, `{% static %}` gives the manifest's hashed names, which only
    exist there after collectstatic). Never a path outside those places."""
    try:
        found = finders.find(name)
        if found or not settings.STATIC_ROOT:
            return found
        path = safe_join(settings.STATIC_ROOT, name)
    except SuspiciousFileOperation:
        return None
    return path if os.path.isfile(path) else None


def _static_fetcher():
    """A WeasyPrint fetcher that maps /static/... to files on disk and refuses everything
    else, so rendering never fetches from the portal (or anywhere) over HTTP."""
    from weasyprint.urls import URLFetcher

    class StaticFileFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            prefix = "/" + settings.STATIC_URL.strip("/") + "/"
            path = url.removeprefix("file://")
            if path.startswith(prefix):
                found = _static_path(path[len(prefix) :])
                if found:
                    return super().fetch("file://" + found, headers)
            raise ValueError(f"PDF rendering fetches only static files from disk, not {url!r}")

    return StaticFileFetcher(allowed_protocols=["file", "data"], fail_on_errors=True)


def render_pdf(template_name, context, *, request=None):
    """Render `template_name` with `context` to PDF bytes. Stylesheets, fonts and images must be
    static files (`{% static %}`): they are read from disk; a missing one stops the rendering."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url="file:///", url_fetcher=_static_fetcher()).write_pdf()
