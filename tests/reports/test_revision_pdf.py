"""An approved revision's PDF is rendered by a background task (reports/tasks.py): approval freezes
the snapshot at once; until the task has stored the PDF every surface says it is being prepared
(nothing broken, nothing "missing"), and then offers it with its checksum. The rendering is
idempotent: a second run or a redelivery stores nothing more, and a file a killed attempt left
under the revision's name is replaced. "Pending" is made here by approving while the task's
`delay` only records what was queued (as a broker would hold it until a worker takes it)."""

import datetime
import hashlib
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import ReportRevision, ReportStatus
from reports.tasks import render_revision_pdf_task
from tests.api.conftest import token_client
from tests.reports.factories import approve

PENDING_TEXT = "The PDF is being prepared."


@pytest.fixture
def queued(monkeypatch):
    """The revisions handed to the task (not run): the PDF stays pending until `render` is called."""
    pks = []
    monkeypatch.setattr(render_revision_pdf_task, "delay", pks.append)
    return pks


def render(revision):
    """What the worker does."""
    return services.render_revision_pdf(revision.pk)


@pytest.fixture
def revision_in(world, wg_report, queued):
    """The approved revision of the WG report, its PDF pending or rendered (ready)."""

    def make(state):
        revision = approve(wg_report, world.chair)
        assert queued == [revision.pk] and not revision.pdf_ready
        return render(revision) if state == "ready" else revision

    return make


def files_under(directory):
    root = os.path.join(default_storage.location, directory)
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


# ---------------------------------------------------------------- approval and the service


def test_approval_freezes_the_snapshot_at_once_and_queues_the_pdf(world, wg_report, queued):
    before = timezone.now()
    revision = approve(wg_report, world.chair)
    wg_report.refresh_from_db()
    assert wg_report.status == ReportStatus.APPROVED
    assert revision.snapshot["title"] == "WG report" and revision.approved_as == "Chair, WG-WSIS"
    assert revision.pdf.name == "" and revision.sha256 == "" and not revision.pdf_ready
    assert queued == [revision.pk] and revision.pdf_queued_at >= before and revision.render_attempts == 0
    assert files_under("reports") == []


def test_without_a_broker_approval_stores_the_pdf_under_the_revisions_one_name(world, wg_report):
    revision = approve(wg_report, world.chair)
    content = revision.pdf.read()
    assert revision.pdf.name == "reports/WG-WSIS/14/WG-WSIS-report-rev1.pdf"
    assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == revision.sha256
    assert revision.render_attempts == 1 and revision.render_seconds > 0


def test_rendering_twice_stores_one_file_with_the_same_checksum(world, wg_report, queued):
    revision = render(approve(wg_report, world.chair))
    again = render(revision)  # a redelivered task: returns at once
    render_revision_pdf_task.apply(args=[revision.pk])  # and through the task itself
    stored = ReportRevision.objects.get(pk=revision.pk)
    assert again.sha256 == stored.sha256 == revision.sha256 and stored.render_attempts == 1
    assert files_under("reports") == ["WG-WSIS/14/WG-WSIS-report-rev1.pdf"]
    assert hashlib.sha256(stored.pdf.read()).hexdigest() == stored.sha256


def test_a_file_left_by_a_killed_attempt_is_replaced_not_kept_beside(world, wg_report, queued):
    revision = approve(wg_report, world.chair)
    name = services.revision_pdf_name(revision)
    default_storage.save(name, ContentFile(b"%PDF-1.7 half-written by a killed worker"))
    revision = render(revision)
    content = default_storage.open(name).read()
    assert revision.pdf.name == name and b"killed worker" not in content
    assert hashlib.sha256(content).hexdigest() == revision.sha256
    assert files_under("reports") == ["WG-WSIS/14/WG-WSIS-report-rev1.pdf"]


def test_a_failed_rendering_leaves_the_revision_pending_and_asking_later_queues_it_again(
    world, wg_report, queued, monkeypatch
):
    revision = approve(wg_report, world.chair)

    def no_fonts(document, *, draft):
        raise RuntimeError("no fonts today")

    monkeypatch.setattr(services, "render_report_pdf", no_fonts)
    with pytest.raises(RuntimeError, match="no fonts today"):
        render_revision_pdf_task.apply(args=[revision.pk])  # in-process: its only attempt, raised
    revision.refresh_from_db()
    assert not revision.pdf_ready and revision.render_attempts == 1 and revision.pdf_started_at is None
    assert files_under("reports") == []
    later = revision.pdf_queued_at + datetime.timedelta(seconds=services.STALE_AFTER_SECONDS + 1)
    services.request_revision_pdf(revision, now=later)
    assert queued == [revision.pk, revision.pk]


def test_without_a_broker_a_failed_rendering_fails_the_approval_whole(world, wg_report, monkeypatch):
    def no_fonts(document, *, draft):
        raise RuntimeError("no fonts today")

    monkeypatch.setattr(services, "render_report_pdf", no_fonts)
    with pytest.raises(RuntimeError, match="no fonts today"):
        approve(wg_report, world.chair)
    wg_report.refresh_from_db()
    assert wg_report.status == ReportStatus.CIRCULATED and not ReportRevision.objects.exists()
    assert files_under("reports") == []


def test_without_a_broker_a_failed_rendering_asked_for_leaves_the_waiting_page(
    world, wg_report, queued, client_for, monkeypatch
):
    revision = approve(wg_report, world.chair)
    ReportRevision.objects.filter(pk=revision.pk).update(pdf_queued_at=None)  # its message was lost
    monkeypatch.undo()  # the task runs in this process again, and fails

    def no_fonts(document, *, draft):
        raise RuntimeError("no fonts today")

    monkeypatch.setattr(services, "render_report_pdf", no_fonts)
    page = client_for(world.sm_delegate).get(reverse("reports:revision_pdf", args=[wg_report.pk, 1]))
    assert page.status_code == 202 and "Waiting for a worker" in page.content.decode()
    assert ReportRevision.objects.get(pk=revision.pk).render_attempts == 1


@pytest.mark.parametrize(
    "queued_ago, started, queued_again",
    [
        (services.STALE_AFTER_SECONDS - 1, False, False),  # a worker may still take it
        (services.STALE_AFTER_SECONDS + 1, False, True),  # its message was lost: queued again
        (services.STALE_AFTER_SECONDS + 1, True, False),  # a worker has it (or its broker redelivers it)
    ],
)
def test_a_pending_pdf_no_worker_took_is_queued_again_when_asked_for(
    world, wg_report, queued, client_for, queued_ago, started, queued_again
):
    revision = approve(wg_report, world.chair)
    now = timezone.now()
    ReportRevision.objects.filter(pk=revision.pk).update(
        pdf_queued_at=now - datetime.timedelta(seconds=queued_ago), pdf_started_at=now if started else None
    )
    client_for(world.sm_delegate).get(reverse("reports:revision_pdf", args=[wg_report.pk, revision.number]))
    assert queued == ([revision.pk, revision.pk] if queued_again else [revision.pk])


# ---------------------------------------------------------------- every surface, pending and ready


@pytest.mark.parametrize("state", ["pending", "ready"])
def test_the_download_waits_then_offers_the_pdf(revision_in, world, client_for, state):
    revision = revision_in(state)
    url = reverse("reports:revision_pdf", args=[revision.report_id, revision.number])
    client = client_for(world.sm_delegate)
    page = client.get(url)
    poll = client.get(url, HTTP_HX_REQUEST="true")
    if state == "pending":
        html = page.content.decode()
        assert page.status_code == 202 and page["Cache-Control"] == "private, no-store"
        assert "The approved PDF of “WG report”, revision 1" in html and "Waiting for a worker" in html
        assert f'hx-get="{url}"' in html and 'hx-trigger="every 2s"' in html
        assert "Waiting for a worker" in poll.content.decode() and "<html" not in poll.content.decode()
        # The worker stores it: the next poll offers it and stops polling; the link gives the bytes.
        revision = render(revision)
        poll = client.get(url, HTTP_HX_REQUEST="true")
    card = poll.content.decode()
    assert "The file is ready." in card and f'href="{url}"' in card and "hx-get" not in card
    assert "Open WG-WSIS-14-20-rev1.pdf" in card
    download = client.get(url, follow=True)
    assert download.content == revision.pdf.read() and download["ETag"] == f'"{revision.sha256}"'


@pytest.mark.parametrize("state", ["pending", "ready"])
def test_the_report_page_lists_the_revision_with_its_checksum_once_ready(revision_in, world, client_for, state):
    revision = revision_in(state)
    html = client_for(world.sm_delegate).get(reverse("reports:report_detail", args=[revision.report_id])).content
    html = html.decode()
    assert "was presented.</p>" in html  # the frozen text, pending or not
    if state == "pending":
        assert PENDING_TEXT in html and "SHA-256" not in html and 'data-testid="pdf-1"' not in html
    else:
        assert f"SHA-256 {revision.sha256}" in html and 'data-testid="pdf-1"' in html and PENDING_TEXT not in html


def test_the_report_page_shows_the_checksum_once_ready_although_its_text_was_cached(revision_in, world, client_for):
    revision = revision_in("pending")
    url = reverse("reports:report_detail", args=[revision.report_id])
    client = client_for(world.sm_delegate)
    assert PENDING_TEXT in client.get(url).content.decode()
    revision = render(revision)
    html = client.get(url).content.decode()
    assert f"SHA-256 {revision.sha256}" in html and PENDING_TEXT not in html


@pytest.mark.parametrize("state", ["pending", "ready"])
def test_the_verify_page_says_being_prepared_not_missing(revision_in, world, client_for, state):
    revision = revision_in(state)
    url = reverse("reports:revision_verify", args=[revision.report_id, revision.number])
    client = client_for(world.sm_delegate)
    for response in (client.get(url), client.get(url + "?download=refused")):
        html = response.content.decode()
        assert response.status_code == 200 and "MISSING" not in html and "MISMATCH" not in html
        if state == "pending":
            assert "The approved PDF is being prepared" in html and "matches the checksum" not in html
        else:
            assert "matches the checksum recorded at approval" in html and revision.sha256 in html


@pytest.mark.parametrize("state", ["pending", "ready"])
def test_the_api_says_whether_the_pdf_is_ready_and_answers_202_until_it_is(revision_in, world, state):
    revision = revision_in(state)
    client = token_client(world.sm_delegate)
    [listed] = client.get(reverse("api:report-detail", args=[revision.report_id])).json()["revisions"]
    answer = client.get(reverse("api:report-revision-pdf", args=[revision.report_id, revision.number]))
    if state == "pending":
        assert listed["pdf_ready"] is False and listed["sha256"] is None
        assert answer.status_code == 202 and answer["Retry-After"] == "2"
        assert answer.json() == {
            "status": 202,
            "code": "pdf_pending",
            "detail": "The approved PDF is being prepared; ask again in a few seconds.",
            "retry_after": 2,
        }
    else:
        assert listed["pdf_ready"] is True and listed["sha256"] == revision.sha256
        assert answer.status_code == 200 and answer.content == revision.pdf.read()


def test_the_api_schema_documents_the_pending_answer(db, client):
    schema = client.get("/api/schema/?format=json").json()
    [operation] = [op["get"] for path, op in schema["paths"].items() if path.endswith("/revisions/{number}/pdf/")]
    pending = operation["responses"]["202"]["content"]["application/json"]["schema"]
    assert pending == {"$ref": "#/components/schemas/PdfPending"}
    revision = schema["components"]["schemas"]["Revision"]["properties"]
    assert revision["sha256"]["type"] == ["string", "null"] and revision["pdf_ready"]["type"] == "boolean"


@pytest.mark.parametrize("state", ["pending", "ready"])
def test_export_report_writes_the_pdf_or_says_it_is_being_prepared(revision_in, tmp_path, state):
    revision = revision_in(state)
    output = tmp_path / "out.pdf"
    command = ["export_report", "WG-WSIS", "14", "--output", str(output)]
    if state == "pending":
        with pytest.raises(CommandError, match="its PDF is still being prepared"):
            call_command(*command, stdout=io.StringIO())
        assert not output.exists()
    else:
        call_command(*command, stdout=io.StringIO())
        assert hashlib.sha256(output.read_bytes()).hexdigest() == revision.sha256


def test_a_pending_revision_can_be_published_and_then_reaches_the_public_when_ready(
    world, wg_report, queued, client_for
):
    revision = approve(wg_report, world.chair)
    wg_report.refresh_from_db()
    services.publish_report(report=wg_report)
    revision.refresh_from_db()
    assert revision.published_at is not None and not revision.pdf_ready
    url = reverse("reports:revision_pdf", args=[wg_report.pk, revision.number])
    assert client_for(world.anonymous).get(url).status_code == 202
    render(revision)
    assert client_for(world.anonymous).get(url, follow=True).content.startswith(b"%PDF")


def test_a_pending_restricted_revision_answers_outsiders_as_missing(world, dg_report, queued, client_for):
    revision = approve(dg_report, world.chair)
    urls = [
        reverse("reports:revision_pdf", args=[dg_report.pk, revision.number]),
        reverse("reports:revision_verify", args=[dg_report.pk, revision.number]),
    ]
    for url in urls:
        response = client_for(world.sm_delegate).get(url, HTTP_HX_REQUEST="true")
        assert response.status_code == 404 and b"prepared" not in response.content
    api = token_client(world.sm_delegate).get(reverse("api:report-revision-pdf", args=[dg_report.pk, 1]))
    assert api.status_code == 404
    assert queued == [revision.pk]  # an outsider's request queues nothing
    assert client_for(world.ms_delegate).get(urls[0]).status_code == 202


@pytest.mark.parametrize(
    "pdf, sha256",
    [("reports/x.pdf", ""), ("", "0" * 64), ("reports/x.pdf", "not a checksum")],
)
def test_the_database_refuses_a_pdf_without_its_checksum_or_a_checksum_without_a_pdf(
    world, wg_report, queued, pdf, sha256
):
    revision = approve(wg_report, world.chair)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportRevision.objects.filter(pk=revision.pk).update(pdf=pdf, sha256=sha256)
