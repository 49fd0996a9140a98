"""What `make serve` and `make bench` rely on: the bare health view, and PDFs rendered with the
production static storage after collectstatic (tests/test_pdf.py: before it)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports.document import build_document
from reports.services import render_report_pdf
from tests.reports.factories import make_block, make_report, make_section
from wsisportal.pdf import _static_path


def test_healthz_answers_ok_anonymously_without_queries(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.fixture
def manifest_static(settings, tmp_path):
    """The production static storage (DEBUG off), collected into a temporary STATIC_ROOT."""
    settings.STATIC_ROOT = tmp_path / "static-root"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", "-v0")
    return settings.STATIC_ROOT


@pytest.mark.parametrize("name", ["../settings.py", "../../etc/passwd", "css/no-such.css"])
def test_pdf_static_path_refuses_names_outside_static_root(manifest_static, name):
    assert _static_path(name) is None


def test_report_pdf_renders_with_production_static_storage(manifest_static, world):
    report = make_report(world.meeting, title="Manifest-styled report")
    make_block(report, make_section(report, "Opening"), body="<p>The meeting opened.</p>")
    pdf = render_report_pdf(build_document(report), draft=False)
    assert pdf.startswith(b"%PDF")
