"""PDFs render with production settings before collectstatic: their stylesheets are read from
the static source directories, never through the manifest or over HTTP (wsisportal/pdf.py)."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from reports.document import build_document
from reports.services import render_report_pdf
from tests.reports.factories import make_block, make_report, make_section
from tests.roadmap.conftest import RoadmapWorld
from wsisportal.pdf import _static_fetcher


@pytest.fixture
def production_static(settings, tmp_path):
    """DEBUG off and the production static storage, with nothing collected (no manifest)."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "never-collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


def test_report_pdf_renders_styled_without_collectstatic(production_static, world):
    report = make_report(world.meeting, title="Styled before collectstatic")
    section = make_section(report, "Opening")
    for n in range(60):
        make_block(report, section, body=f"<p>Paragraph {n} of a report long enough for two pages.</p>")
    reader = PdfReader(io.BytesIO(render_report_pdf(build_document(report), draft=False)))
    assert len(reader.pages) >= 2
    assert "- 2 -" in reader.pages[1].extract_text()  # print.css's running page number


def test_roadmap_pdf_renders_styled_without_collectstatic(production_static, world, tmp_path):
    RoadmapWorld(world)
    out = tmp_path / "draft.pdf"
    call_command("export_roadmap", "--draft", "3", "--format", "pdf", "--output", str(out), stdout=io.StringIO())
    page = PdfReader(out).pages[0]
    assert page.mediabox.width > page.mediabox.height  # roadmap-print.css: A4 landscape
    assert "WG-WSIS-14/3" in page.extract_text()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/static/css/print.css",
        "file:///etc/passwd",
        "file:///pdf-static/../../etc/passwd",
        "file:///pdf-static/../wsisportal/settings.py",
        "file:///pdf-static/css/no-such.css",
    ],
)
def test_pdf_fetcher_refuses_anything_but_static_source_files(url):
    with pytest.raises(ValueError):
        _static_fetcher().fetch(url)


def test_pdf_fetcher_reads_static_names_from_the_source_directory(settings):
    response = _static_fetcher().fetch("file:///pdf-static/css/print.css")
    assert response.url == (settings.BASE_DIR / "static" / "css" / "print.css").as_uri()
    assert b"@page" in response.read()
    response.close()


def test_pdf_templates_do_not_use_the_static_tag(settings):
    templates = sorted((settings.BASE_DIR / "templates" / "pdf").glob("*.html"))
    assert templates
    for template in templates:
        assert "{% static" not in template.read_text(), template.name
