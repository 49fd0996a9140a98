"""The document structure: references resolved to the documents register, lists as annexes."""

import datetime

from django.urls import reverse

from meetings.models import Participant
from reports.document import build_document
from tests.contributions.conftest import submit
from tests.factories import make_organisation, make_user
from tests.reports.factories import make_block, make_report, make_section


def test_document_references_link_to_register_and_fill_list_of_documents(world):
    doc = submit(world, world.secretariat, world.wg, "Draft Roadmap REF-TITLE-3")
    report = make_report(world.meeting)
    section = make_section(report, "Roadmap")
    make_block(report, section, body=f"<p>Document {doc.symbol} was presented; WG-WSIS-14/99 was not.</p>")
    built = build_document(report)
    html = built["blocks"][0]["children"][0]["html"]
    assert (
        f'<a class="r-symbol" href="{reverse("contributions:document_detail", args=[doc.pk])}">{doc.symbol}</a>' in html
    )
    assert '<span class="r-symbol">WG-WSIS-14/99</span>' in html
    documents = next(a for a in built["annexes"] if a["kind"] == "documents")["documents"]
    assert [(d["symbol"], d["title"]) for d in documents] == [
        (doc.symbol, "Draft Roadmap REF-TITLE-3"),
        ("WG-WSIS-14/99", ""),
    ]


def test_participants_annex_lists_who_attended_by_organisation(world):
    usa = make_organisation(name="United States of America", short_name="USA", country_code="USA")
    for user, attended in [(world.chair, True), (world.ms_delegate, True), (make_user(usa, "absentee"), False)]:
        Participant.objects.create(
            meeting=world.meeting,
            user=user,
            organisation=user.organisation,
            attended=attended,
            registered_at=datetime.datetime(2009, 1, 20, tzinfo=datetime.UTC),
        )
    report = make_report(world.meeting)
    make_block(report, make_section(report))
    annex = next(a for a in build_document(report)["annexes"] if a["kind"] == "participants")
    assert [o["organisation"] for o in annex["organisations"]] == ["Russian Federation", "Saudi Arabia"]
    assert annex["organisations"][1]["people"] == ["ms"]


def test_summary_has_no_participants_annex_and_annexes_are_numbered(world, wg_report, dg_report):
    from reports import services

    services.annex_report(report=dg_report, to=wg_report, position=1, expected_lock=wg_report.lock_version)
    annexes = build_document(wg_report)["annexes"]
    assert [(a["number"], a["kind"]) for a in annexes] == [(1, "report"), (2, "documents")]
    summary = make_report(world.meeting, kind="summary")
    make_block(summary, make_section(summary))
    assert build_document(summary)["annexes"] == []


def test_cover_saved_through_editor_is_sanitised(world, client, wg_report):
    client.force_login(world.secretariat)
    data = {
        "cover-lock_version": wg_report.lock_version,
        "cover-title": "Report of the 14th meeting",
        "cover-symbol": "WG-WSIS-14/20",
        "cover-date": "2009-02-13",
        "cover-original_language": "en",
        "cover-summary": "<p>Summary<script>x()</script></p>",
    }
    client.post(reverse("reports:report_cover", args=[wg_report.pk]), data)
    wg_report.refresh_from_db()
    assert (wg_report.title, wg_report.summary) == ("Report of the 14th meeting", "<p>Summary</p>")


def test_reference_to_a_report_symbol_is_titled_and_linked(world, wg_report):
    summary = make_report(world.meeting, kind="summary", title="Summary")
    make_block(summary, make_section(summary), body="<p>Report of the meeting: WG-WSIS-14/20.</p>")
    documents = next(a for a in build_document(summary)["annexes"] if a["kind"] == "documents")["documents"]
    assert documents == [
        {"symbol": "WG-WSIS-14/20", "title": "WG report", "url": reverse("reports:report_detail", args=[wg_report.pk])}
    ]


def test_pdf_embeds_fonts_for_cyrillic_and_arabic_and_sets_rtl(world, tmp_path):
    import shutil
    import subprocess

    import pytest

    from reports.services import render_report_pdf

    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler-utils) is not installed")
    report = make_report(world.meeting, title="Доклад")
    section = make_section(report, "Введение")
    make_block(report, section, body="<p>Рабочая группа провела собрание.</p>")
    make_block(report, section, body="<p>عقد فريق العمل اجتماعه الرابع عشر في جنيف.</p>")
    built = build_document(report)
    assert [b["dir"] for b in built["blocks"][0]["children"]] == ["ltr", "rtl"]
    path = tmp_path / "scripts.pdf"
    path.write_bytes(render_report_pdf(built, draft=False))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Naskh-Arabic" in fonts and "Noto-Serif" in fonts
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Рабочая группа провела собрание." in text


def test_live_preview_sanitises_and_is_for_the_secretariat(world, client):
    url = reverse("reports:preview")
    client.force_login(world.sm_delegate)
    assert client.post(url, {"new-body": "<p>x</p>"}).status_code == 403
    client.force_login(world.secretariat)
    html = client.post(url, {"new-body": "<p>See WG-WSIS-14/5<script>alert(1)</script></p>"}).content.decode()
    assert html == '<p>See <span class="r-symbol">WG-WSIS-14/5</span></p>'


def _pdf_text(content):
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_cited_restricted_symbol_is_listed_bare_to_outsiders_and_in_the_frozen_record(world, client):
    """Finding 1: the List of documents looked every cited symbol up with no access check, so a
    WG-WSIS report citing a Dedicated Group document showed its title to Sector Members, in the
    draft PDF, and (approved and published) to everyone."""
    from reports.services import publish_report
    from tests.reports.factories import approve, circulate

    dg_doc = submit(world, world.secretariat, world.dg, "DGDOC-TITLE-MARKER")
    wg_doc = submit(world, world.secretariat, world.wg, "Open contribution WGDOC-TITLE")
    report = make_report(world.meeting, symbol="WG-WSIS-14/20")
    make_block(report, make_section(report), body=f"<p>See {dg_doc.symbol} and {wg_doc.symbol}.</p>")
    circulate(report)
    page = reverse("reports:report_detail", args=[report.pk])
    draft_pdf = reverse("reports:report_draft_pdf", args=[report.pk])
    client.force_login(world.sm_delegate)
    html = client.get(page).content.decode()
    assert dg_doc.symbol in html and "WGDOC-TITLE" in html and "DGDOC-TITLE-MARKER" not in html
    assert reverse("contributions:document_detail", args=[dg_doc.pk]) not in html
    text = _pdf_text(client.get(draft_pdf).getvalue())
    assert "WGDOC-TITLE" in text and "DGDOC-TITLE-MARKER" not in text
    # The draft shows what the record will: not even a Member State meets the title in WG-WSIS's
    # report, while the Dedicated Group's own report, which the same document belongs to, lists it.
    client.force_login(world.ms_delegate)
    assert "DGDOC-TITLE-MARKER" not in client.get(page).content.decode()
    dg_report = make_report(world.meeting, group=world.dg, title="DG report")
    make_block(dg_report, make_section(dg_report), body=f"<p>See {dg_doc.symbol}.</p>")
    circulate(dg_report)
    assert "DGDOC-TITLE-MARKER" in client.get(reverse("reports:report_detail", args=[dg_report.pk])).content.decode()
    # The frozen record is read by every member of WG-WSIS and, published, by anyone: it names
    # only what all of them may see, whoever approved it.
    revision = approve(report, world.chair)
    publish_report(report=report)
    listed = next(a for a in revision.snapshot["annexes"] if a["kind"] == "documents")["documents"]
    assert {"symbol": dg_doc.symbol, "title": "", "url": None} in listed
    assert "DGDOC-TITLE-MARKER" not in _pdf_text(revision.pdf.read())
    client.logout()
    public = client.get(reverse("reports:revision_detail", args=[report.pk, revision.number])).content.decode()
    assert "WGDOC-TITLE" in public and dg_doc.symbol in public and "DGDOC-TITLE-MARKER" not in public


ARABIC = "عقد فريق العمل اجتماعه الرابع عشر في جنيف."


def _pypdf_text(pdf_bytes):
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages)


def test_an_arabic_report_prints_its_fixed_texts_in_arabic_right_to_left(world):
    """The PDF is in the report's language, whatever the reader's: its fixed texts come from the
    Arabic catalog, its <html> is lang="ar" dir="rtl", and the Arabic text comes back out of the
    PDF as it was written (shaped glyphs carry their characters)."""
    from django.utils import translation

    from reports.services import render_report_pdf

    report = make_report(world.meeting, title="تقرير الاجتماع", original_language="ar")
    section = make_section(report, "مقدمة")
    make_block(report, section, body=f"<p>{ARABIC}</p>")
    with translation.override("fr"):  # a French-speaking approver
        with translation.override(report.print_language):
            doc = build_document(report)
        text = _pypdf_text(render_report_pdf(doc, draft=False))
    assert doc["language"] == "ar"
    with translation.override("ar"):
        union = translation.gettext("International Telecommunication Union")
        original = translation.gettext("Original")
    assert union != "International Telecommunication Union"
    assert union in text and original in text
    assert ARABIC.rstrip(".") in text  # the full stop is a neutral character: its place varies
    assert "فبراير" in text and "February" not in text  # the meeting's dates, months in Arabic
    assert "Union internationale" not in text and "International Telecommunication Union" not in text


def test_an_english_report_prints_in_english_for_an_arabic_reader(world):
    from django.utils import translation

    from reports.services import render_report_pdf

    report = make_report(world.meeting, title="Report of the meeting")
    make_block(report, make_section(report, "Introduction"), body="<p>The group met.</p>")
    with translation.override("ar"):
        with translation.override(report.print_language):
            doc = build_document(report)
        text = _pypdf_text(render_report_pdf(doc, draft=True))
    assert "INTERNATIONAL TELECOMMUNICATION UNION" in text.upper() and "The group met." in text
    assert "February 2009" in text
