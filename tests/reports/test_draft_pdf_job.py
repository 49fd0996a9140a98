"""A report's draft preview PDF is a background job (jobs/, reports/draft_pdf.py), keyed by what
it shows as its reader may see it: readers who see the same draft share one build, readers who see
a different one (an annex of a restricted group, a restricted cited document) never do, and every
change the PDF shows (a block, an annexed report, a cited document, attendance, a closed action
item, the print language) is a new key. Without a broker it is built within the request."""

import datetime

import pytest
from django.urls import reverse

from contributions.models import Document
from jobs import services as job_services
from jobs.models import Job, JobStatus
from meetings.models import Participant
from reports import draft_pdf, services
from tests.contributions.conftest import submit
from tests.factories import make_user
from tests.pdf_checks import words
from tests.refusals import normalised
from tests.reports.factories import circulate

MARKER = "DG-SECRET-MARKER-91b"  # the Dedicated Group report's title and paragraph (conftest)


def key_for(report, reader):
    report.refresh_from_db()
    language = report.print_language
    return draft_pdf.job_key(report, draft_pdf.reader_document(report, reader, language), language)


def pdf_text(response):
    return " ".join(word for *_, word in words(response.getvalue()))


@pytest.fixture
def annexed(world, wg_report, dg_report):
    """The WG-WSIS report circulated with the Dedicated Group's report as its Annex 1."""
    services.annex_report(report=dg_report, to=wg_report, position=1, expected_lock=wg_report.lock_version)
    return circulate(wg_report)


@pytest.fixture
def second_sm(world):
    """Another Sector Member delegate: the same view of the draft as world.sm_delegate."""
    return make_user(world.sector_member, "sm2")


def test_the_key_names_the_report_its_edits_the_language_and_the_readers_view(world, annexed, dg_report, second_sm):
    sm, ms = world.sm_delegate, world.ms_delegate
    first = key_for(annexed, sm)
    assert key_for(annexed, sm) == first == key_for(annexed, second_sm)  # same report, same view
    assert key_for(annexed, ms) != first  # the Member State may see the Dedicated Group's annex
    assert key_for(annexed, world.secretariat) == key_for(annexed, ms)  # and so sees what the secretariat sees
    assert first.startswith(f"report-draft-pdf:{annexed.pk}:{annexed.lock_version}:en:")  # then the digest
    assert len(first) <= Job._meta.get_field("key").max_length

    block = annexed.blocks.filter(kind="paragraph").get()
    services.update_block(block=block, data={"body": "<p>Edited.</p>"}, expected_lock=annexed.lock_version)
    edited = key_for(annexed, sm)
    assert edited != first  # a block edit

    ms_before = key_for(annexed, ms)
    dg_block = dg_report.blocks.filter(kind="paragraph").get()
    dg_report.refresh_from_db()
    services.update_block(block=dg_block, data={"body": "<p>DG edited.</p>"}, expected_lock=dg_report.lock_version)
    assert key_for(annexed, ms) != ms_before  # the annex's own edit, for those who read it
    assert key_for(annexed, sm) == edited  # the placeholder outsiders read has not changed

    action = annexed.blocks.get(kind="action")
    services.close_action_item(block=action, by=world.secretariat, meeting=world.meeting)
    closed = key_for(annexed, sm)
    assert closed != edited  # closing an action item does not bump the lock; the PDF shows it

    Participant.objects.create(
        meeting=world.meeting, user=world.chair, organisation=world.chair.organisation, attended=True,
        registered_at=datetime.datetime(2009, 1, 20, tzinfo=datetime.UTC),
    )  # fmt: skip
    attended = key_for(annexed, sm)
    assert attended != closed  # the list of participants

    services.update_report_cover(report=annexed, data={"original_language": "fr"}, expected_lock=annexed.lock_version)
    french = key_for(annexed, sm)
    assert french != attended and ":fr:" in french  # the print language


def test_a_cited_document_changes_the_key_of_those_who_may_read_it(world, annexed):
    dg_doc = submit(world, world.secretariat, world.dg, "DGDOC-TITLE")
    wg_doc = submit(world, world.secretariat, world.wg, "WGDOC-TITLE")
    section = annexed.blocks.get(kind="section")
    annexed.refresh_from_db()
    body = f"<p>See {dg_doc.symbol} and {wg_doc.symbol}.</p>"
    services.add_block(report=annexed, parent=section, data={"body": body}, expected_lock=annexed.lock_version)
    # A document of the Dedicated Group is listed bare in WG-WSIS's draft (document_index): its
    # title changing changes no one's PDF; an open document's title does, for everyone.
    sm, ms = key_for(annexed, world.sm_delegate), key_for(annexed, world.ms_delegate)
    Document.objects.filter(pk=dg_doc.pk).update(title="DGDOC-RENAMED")
    assert (key_for(annexed, world.sm_delegate), key_for(annexed, world.ms_delegate)) == (sm, ms)
    Document.objects.filter(pk=wg_doc.pk).update(title="WGDOC-RENAMED")
    assert key_for(annexed, world.sm_delegate) != sm and key_for(annexed, world.ms_delegate) != ms


def test_readers_with_one_view_share_one_job_and_the_outsiders_pdf_has_no_restricted_annex(
    world, annexed, client_for, second_sm
):
    url = reverse("reports:report_draft_pdf", args=[annexed.pk])
    sm_text = pdf_text(client_for(world.sm_delegate).get(url))
    assert "DRAFT" in sm_text and "Document WG-WSIS-14/3 was presented." in sm_text
    assert MARKER not in sm_text and "Report of DG-IPP" in sm_text  # the annex's placeholder
    again = client_for(second_sm).get(url)
    assert Job.objects.count() == 1 and again["ETag"] == f'"{Job.objects.get().sha256}"'
    assert pdf_text(again) == sm_text
    ms_text = pdf_text(client_for(world.ms_delegate).get(url))
    assert Job.objects.count() == 2 and MARKER in ms_text and "DRAFT" in ms_text
    assert {job.params["reader"] for job in Job.objects.all()} == {world.sm_delegate.pk, world.ms_delegate.pk}


def test_the_view_shows_progress_then_the_draft_pdf(world, annexed, client_for, monkeypatch):
    monkeypatch.setattr(job_services, "_enqueue", lambda job_pk: None)  # as if no worker had started it
    client = client_for(world.sm_delegate)
    url = reverse("reports:report_draft_pdf", args=[annexed.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 202 and "Waiting for a worker" in html and f'hx-get="{url}"' in html
    assert "Draft PDF of WG report" in html
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED and job.kind == "report-draft-pdf"
    assert job.key == key_for(annexed, world.sm_delegate)
    job_services.build_job(job.pk)
    polled = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "The file is ready." in polled and "hx-get" not in polled and f"draft-report-{annexed.pk}.pdf" in polled
    pdf = client.get(url)
    data = pdf.getvalue()
    assert pdf["Content-Disposition"].startswith("inline") and data.startswith(b"%PDF")
    text = " ".join(word for *_, word in words(data))
    assert "DRAFT" in text and "We support the roadmap." in text and MARKER not in text


def test_a_restricted_reader_gets_404_like_a_missing_report_and_no_job(world, dg_report, client_for):
    circulate(dg_report)
    client = client_for(world.sm_delegate)
    url = reverse("reports:report_draft_pdf", args=[dg_report.pk])
    missing = reverse("reports:report_draft_pdf", args=[999999])
    hidden, absent = client.get(url), client.get(missing)
    assert hidden.status_code == 404 and normalised(hidden, url) == normalised(absent, missing)
    assert MARKER not in hidden.content.decode()
    assert not Job.objects.exists()


def test_the_builder_fails_cleanly_when_the_reader_lost_the_draft_or_it_changed(world, annexed, monkeypatch):
    """A worker builds for the reader who asked, and only the document the key names. If that
    reader may no longer see the draft, or the draft changed meanwhile, nothing is stored; the job
    fails, and the next reader with the same view who asks requeues it with themselves as reader."""
    monkeypatch.setattr(job_services, "_enqueue", lambda job_pk: None)
    asker, other = make_user(world.sector_member, "leaving"), make_user(world.sector_member, "staying")
    job = draft_pdf.request(annexed, asker)
    asker.is_active = False
    asker.save()
    with pytest.raises(draft_pdf.DraftNotBuilt, match="may no longer see"):
        job_services.build_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and not job.file and "may no longer see" in job.error
    monkeypatch.undo()  # a broker-less request builds again, now for the reader who asked
    again = draft_pdf.request(annexed, other)
    assert again.pk == job.pk and again.status == JobStatus.DONE and again.params["reader"] == other.pk
    assert again.file.read().startswith(b"%PDF")

    monkeypatch.setattr(job_services, "_enqueue", lambda job_pk: None)
    block = annexed.blocks.filter(kind="paragraph").get()
    annexed = services.update_block(
        block=block, data={"body": "<p>Asked for.</p>"}, expected_lock=annexed.lock_version
    ).report
    annexed.refresh_from_db()
    queued = draft_pdf.request(annexed, other)
    assert queued.pk != job.pk and queued.status == JobStatus.QUEUED
    services.update_block(block=block, data={"body": "<p>Changed meanwhile.</p>"}, expected_lock=annexed.lock_version)
    with pytest.raises(draft_pdf.DraftNotBuilt, match="changed after it was asked for"):
        job_services.build_job(queued.pk)
    queued.refresh_from_db()
    assert queued.status == JobStatus.FAILED and not queued.file
