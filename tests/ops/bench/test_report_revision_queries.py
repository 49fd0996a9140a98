"""The approved-PDF fix `make bench` led to: serving a stored PDF never loads the revision's
frozen snapshot (~200 KB of JSON for 300 paragraphs); the pages that show a snapshot still do."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.reports.factories import make_block, make_report, make_revision, make_section

MARKER = "Snapshot-paragraph-marker-7731"


def _approved(world):
    report = make_report(world.meeting, title="Approved report")
    make_block(report, make_section(report, "Opening"), body=f"<p>{MARKER}</p>")
    return report, make_revision(report, world.chair)


def test_approved_pdf_download_reads_no_snapshot(world, client):
    report, revision = _approved(world)
    client.force_login(world.ms_delegate)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("reports:revision_pdf", args=[report.pk, revision.number]), follow=True)
        body = response.content
    assert body == f"%PDF-1.7 test {report.pk}".encode()
    revision_queries = [q["sql"] for q in captured.captured_queries if "reports_reportrevision" in q["sql"]]
    assert revision_queries and not any('"snapshot"' in sql for sql in revision_queries)


def test_revision_page_still_shows_the_frozen_snapshot(world, client):
    report, revision = _approved(world)
    client.force_login(world.ms_delegate)
    page = client.get(reverse("reports:revision_detail", args=[report.pk, revision.number])).content.decode()
    assert MARKER in page
    assert MARKER in client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()


def test_unknown_revision_number_is_not_found(world, client):
    report, revision = _approved(world)
    client.force_login(world.ms_delegate)
    response = client.get(reverse("reports:revision_pdf", args=[report.pk, revision.number + 1]))
    assert response.status_code == 404 and b"%PDF" not in response.content
