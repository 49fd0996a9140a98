"""CSV, XLSX and PDF exports of a draft, read back; the export_roadmap command."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from roadmap import exports
from tests.roadmap.factories import estimate, make_goal, make_partner, make_row

RB, XB = "regular", "extra"


@pytest.fixture
def filled(rw):
    b = make_row(
        rw.draft,
        rw.c2,
        "B",
        "Broadband networks",
        position=1,
        itu_role="co_facilitator",
        start=datetime.date(2009, 6, 1),
        end=datetime.date(2013, 12, 31),
    )
    b.partners.add(make_partner("World Bank"))
    b.strategic_goals.add(make_goal(2))
    estimate(b, 2009, RB, amount=60000, staff_months=2)
    estimate(b, 2010, XB, amount=150000)
    estimate(rw.row_a, 2010, RB, amount=40000, staff_months=1.5)
    return rw


def test_csv_export_reads_back(filled):
    text = exports.export_csv(filled.draft).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["Action Line"], r["Code"]) for r in rows] == [("C2", "B"), ("C5", "A"), ("C5", "A1")]
    b = rows[0]
    assert b["Other partners"] == "World Bank" and b["ITU strategic goals"] == "2"
    assert b["2009 RB CHF"] == "60000" and b["2010 XB CHF"] == "150000" and b["Total CHF"] == "210000"
    assert rows[2]["Total CHF"] == "0"  # A1 has no amounts


def test_xlsx_export_has_rows_and_totals_sheets(filled):
    book = load_workbook(io.BytesIO(exports.export_xlsx(filled.draft)))
    assert book.sheetnames == ["Rows", "Totals"]
    rows = book["Rows"]
    header = [c.value for c in rows[1]]
    assert header[:5] == ["Action Line", "Action Line name", "Sub-line", "Code", "WSIS outcome"]
    assert rows.freeze_panes == "A2" and rows.column_dimensions["E"].width == 60
    b = dict(zip(header, [c.value for c in rows[2]], strict=True))
    assert (b["Code"], b["2009 RB CHF"], b["2010 XB CHF"], b["Total CHF"]) == ("B", 60000, 150000, 210000)
    assert b["Start"].date() == datetime.date(2009, 6, 1)
    assert rows.max_row == 4  # header + 3 rows

    totals = [[c.value for c in line] for line in book["Totals"].iter_rows()]
    assert book["Totals"].freeze_panes == "A2"
    by_label = {line[0]: line for line in totals if line and line[0] is not None}
    # label, name, SM RB, CHF RB, SM XB, CHF XB, total CHF
    assert by_label["C2"][3:7] == [60000, 0, 150000, 210000]
    assert by_label["C5"][3:7] == [40000, 0, 0, 40000]
    assert by_label[2010][3:7] == [40000, 0, 150000, 190000]
    assert by_label["All rows"][3:7] == [100000, 0, 150000, 250000]


def test_pdf_has_header_row_symbol_and_number_on_every_page(rw):
    for i in range(45):
        make_row(
            rw.draft,
            rw.c2 if i < 20 else rw.c5,
            f"X{i}",
            "A long outcome text that takes some room in the matrix row " * 3,
            expected_results="Expected results of the activity. " * 4,
        )
    reader = PdfReader(io.BytesIO(exports.export_pdf(rw.draft)))
    assert len(reader.pages) >= 3
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        assert "WSIS outcome" in text and "Proposed timing" in text and "Other partners" in text, number
        assert "WG-WSIS-14/3" in text and "(draft 3)" in text, number
        assert f"Page {number} / {len(reader.pages)}" in text


def test_pdf_draws_the_charts(filled):
    html = render_to_string("pdf/roadmap_draft.html", exports.pdf_context(filled.draft))
    assert html.count("<svg") == 3  # resources, and one timeline per Action Line
    assert "Resources per Action Line" in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_export_view_serves_each_format(filled, client, fmt):
    client.force_login(filled.world.sm_delegate)
    response = client.get(reverse("roadmap:draft_export", args=[filled.draft.pk, fmt]))
    assert response["Content-Type"] == exports.CONTENT_TYPES[fmt]
    assert f"roadmap-draft-3.{fmt}" in response["Content-Disposition"]
    assert response.getvalue()[:4] in {b"PK\x03\x04", b"%PDF", "\ufeffA".encode()}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_export_command_writes_the_file(filled, tmp_path, fmt):
    out = tmp_path / f"draft.{fmt}"
    call_command("export_roadmap", "--draft", "3", "--format", fmt, "--output", str(out), stdout=io.StringIO())
    data = out.read_bytes()
    assert data[:4] == {"csv": "\ufeffA".encode(), "xlsx": b"PK\x03\x04", "pdf": b"%PDF"}[fmt]
    if fmt == "csv":
        assert "Broadband networks" in data.decode("utf-8-sig")


def test_export_command_refuses_unknown_draft(filled, tmp_path):
    with pytest.raises(CommandError, match="no draft 9"):
        call_command("export_roadmap", "--draft", "9", "--format", "csv", "--output", str(tmp_path / "x.csv"))


def test_csv_and_xlsx_carry_the_rows_demo_label(filled):
    filled.row_a.note = "Demo content: a plausible row, not taken from document WG-WSIS-14/3."
    filled.row_a.save(update_fields=["note"])
    text = exports.export_csv(filled.draft).decode("utf-8-sig")
    notes = {r["Code"]: r["Note"] for r in csv.DictReader(io.StringIO(text))}
    assert notes["A"] == "Demo content: a plausible row, not taken from document WG-WSIS-14/3." and notes["B"] == ""
    rows = load_workbook(io.BytesIO(exports.export_xlsx(filled.draft)))["Rows"]
    header = [c.value for c in rows[1]]
    by_code = {
        line[header.index("Code")]: line[header.index("Note")] for line in rows.iter_rows(min_row=2, values_only=True)
    }
    assert by_code["A"].startswith("Demo content:")
