"""Every issued PDF is PDF/A-3a, tagged, identified as PDF/UA-1, with its title and language in
its metadata (wsisportal/pdf_archival.py), checked with pikepdf; and it is laid out as printed:
headings hang, the cover keeps its dates together, the roadmap fits its page (poppler)."""

import io

import pytest
from django.core.management import call_command

from reports.models import ReportRevision
from tests.demo_snapshot import load_demo
from tests.pdf_checks import assert_archival, page_image, words
from tests.roadmap.conftest import RoadmapWorld
from wsisportal.pdf_archival import extend_rdf

REPORT_TITLE = "Report of the 14th Meeting of the Council Working Group on WSIS (WG-WSIS)"


@pytest.fixture
def demo(db):
    load_demo()


def _stored(group, kind):
    revision = ReportRevision.objects.select_related("report").get(report__group__code=group, report__kind=kind)
    with revision.pdf.open("rb") as handle:
        return revision.report, handle.read()


def _roadmap_pdf(tmp_path):
    out = tmp_path / "draft.pdf"
    call_command("export_roadmap", "--draft", "3", "--format", "pdf", "--output", str(out), stdout=io.StringIO())
    return out.read_bytes()


def test_approved_reports_and_summary_are_archival_and_tagged(demo):
    for group, kind in [("WG-WSIS", "report"), ("WG-WSIS", "summary")]:
        report, data = _stored(group, kind)
        facts = assert_archival(data, title=report.title)
        assert "/H1" in facts["structure"] and "/Table" in facts["structure"], (group, kind)


def test_report_bookmarks_keep_a_space_after_the_number(demo):
    _, data = _stored("WG-WSIS", "report")
    bookmarks = assert_archival(data, title=REPORT_TITLE)["bookmarks"]
    assert bookmarks[0] == REPORT_TITLE
    assert "1. Introduction" in bookmarks and "2. Adoption of the agenda" in bookmarks
    assert not any(b[:1].isdigit() and "." in b and ". " not in b for b in bookmarks), bookmarks


def test_report_headings_hang_and_the_cover_keeps_its_dates_together(demo):
    _, data = _stored("WG-WSIS", "report")
    found = words(data)
    # The heading of section 9 wraps: its second line starts under its first word, not its number.
    page, title_x, y = next((p, x, y) for p, x, y, w in found if w == "Necessity")
    number_x = next(x for p, x, z, w in found if w == "9." and (p, z) == (page, y))
    wrapped_x = next(x for p, x, z, w in found if w == "(Res." and (p, z) > (page, y))
    assert title_x - number_x > 20
    assert abs(wrapped_x - title_x) < 1, (wrapped_x, title_x)
    # The cover's meeting line: "11-13 February 2009" on one line.
    cover = [(x, y, w) for p, x, y, w in found if p == 1 and y < 200]
    first_y = next(y for x, y, w in cover if w == "11-13")
    assert any(w == "2009" and abs(y - first_y) < 1 for x, y, w in cover)


def test_report_decisions_line_up_with_their_neighbours(demo):
    _, data = _stored("WG-WSIS", "report")
    found = words(data)
    left = {}
    for page, x, y, word in found:
        left.setdefault((page, y), (x, word))
    # §4: "The Chairman of WG-WSIS welcomed …" then the decision "The Group approved the appointment …"
    lines = sorted(left.items())
    texts = {key: " ".join(w for p, x, y, w in found if (p, y) == key) for key, _ in lines}
    neighbour = next(left[k][0] for k in left if texts[k].startswith("The Chairman of WG-WSIS welcomed"))
    decision = next(left[k][0] for k in left if texts[k].startswith("The Group approved the appointment"))
    assert abs(decision - neighbour) < 1, (decision, neighbour)


def test_roadmap_pdf_is_archival_and_its_table_fits_the_page(world, tmp_path):
    RoadmapWorld(world)
    data = _roadmap_pdf(tmp_path)
    facts = assert_archival(
        data, title="Roadmap for ITU's activities in the implementation of WSIS up to 2015 — Third draft (WG-WSIS-14/3)"
    )
    assert "/Table" in facts["structure"] and "/TH" in facts["structure"]
    image = page_image(data, 1, dpi=40)
    margin = round(12 / 25.4 * 40)  # roadmap-print.css: 12 mm right margin
    width, height = image.size
    strip = image.crop((width - margin + 2, 0, width, height))
    assert strip.getextrema()[0] == 255, "something is drawn in the right margin"
    # The table's last vertical border is drawn just inside the margin.
    inside = image.crop((width - margin - 4, height // 4, width - margin + 1, height // 2))
    assert inside.getextrema()[0] < 200, "the table's right border is missing"


def test_extend_rdf_adds_the_pdfua_identification_and_its_extension_schema():
    rdf = b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>'
    out = extend_rdf(rdf, lang="fr").decode()
    assert 'pdfuaid:part="1"' in out
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in out
    assert "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>" in out
    assert "<rdf:li>fr</rdf:li>" in out
