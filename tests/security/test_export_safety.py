"""Feeds and exports of text already stored (by the admin, an import, or before the form rule
existed): control characters cannot break them, and nothing is written as a spreadsheet formula."""

import csv
import datetime
import io
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from contributions.models import Document
from meetings.models import Meeting, Organisation, Session
from roadmap import exports as roadmap_exports
from roadmap.models import ActionLine, RoadmapRow
from tests.contributions.conftest import submit
from tests.factories import make_session
from tests.roadmap.conftest import RoadmapWorld
from tests.roadmap.factories import estimate

ATOM = "{http://www.w3.org/2005/Atom}"
FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x.example","Open")']
PLAIN = ["Report", "Report - draft, 2-3 pages"]
CMD = "=cmd|'/c calc'!A0"  # the classic DDE payload


def stored_document(world, title, summary=""):
    """A document whose title and summary bypassed the forms, as an import or the admin would store them."""
    doc = submit(world, world.ms_delegate, world.wg, "placeholder")
    Document.objects.filter(pk=doc.pk).update(title=title, summary=summary)
    return doc


def register(client, world, route):
    client.force_login(world.ms_delegate)
    return client.get(reverse(f"contributions:{route}", args=[world.meeting.pk])).content


def register_csv_rows(client, world):
    text = register(client, world, "register_csv").decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def register_xlsx_sheet(client, world):
    return load_workbook(io.BytesIO(register(client, world, "register_xlsx"))).active


def test_feed_is_valid_atom_when_stored_text_has_control_characters(client, world):
    Meeting.objects.filter(pk=world.meeting.pk).update(title="Fourteenth\x07 meeting")
    Organisation.objects.filter(pk=world.member_state.pk).update(short_name="KSA\x1b")
    # (no NUL: PostgreSQL refuses to store it at all)
    stored_document(world, "Views\x07 of Saudi\ufffe Arabia", summary="First\x0c paragraph\x01")
    root = ElementTree.fromstring(register(client, world, "feed"))
    assert root.find(f"{ATOM}title").text == "Documents of Fourteenth meeting"
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "WG-WSIS-14/1: Views of Saudi Arabia"
    assert entry.find(f"{ATOM}summary").text == "First paragraph"
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "KSA"


def test_register_xlsx_loads_and_holds_the_cleaned_title(client, world):
    stored_document(world, "Views\x07 of Saudi Arabia\u202e")
    sheet = register_xlsx_sheet(client, world)
    assert sheet["A2"].value == "WG-WSIS-14/1"
    assert sheet["B2"].value == "Views of Saudi Arabia"


def test_register_csv_holds_the_cleaned_title(client, world):
    stored_document(world, "Views\x07 of Saudi Arabia")
    assert register_csv_rows(client, world)[1][:2] == ["WG-WSIS-14/1", "Views of Saudi Arabia"]


def test_calendar_is_clean_when_stored_text_has_control_characters(client, world):
    make_session(world.meeting, start=datetime.time(9, 30))
    Session.objects.update(title="Opening\x07 session\x7f")
    Meeting.objects.filter(pk=world.meeting.pk).update(venue="Geneva\x1f, CICG")
    body = client.get(reverse("meetings:meeting_ical", args=[world.meeting.pk])).content
    assert b"\x07" not in body and b"\x1f" not in body and b"\x7f" not in body
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    assert (str(event["SUMMARY"]), str(event["LOCATION"])) == ("WG-WSIS: Opening session", "Geneva, CICG")


@pytest.mark.parametrize("title", FORMULAS)
def test_register_csv_neutralises_a_formula_title(client, world, title):
    stored_document(world, title)
    assert register_csv_rows(client, world)[1][1] == "'" + title


@pytest.mark.parametrize("title", PLAIN)
def test_register_csv_leaves_plain_titles_alone(client, world, title):
    stored_document(world, title)
    assert register_csv_rows(client, world)[1][1] == title


@pytest.mark.parametrize("title", FORMULAS + PLAIN)
def test_register_xlsx_never_writes_a_formula(client, world, title):
    stored_document(world, title)
    cell = register_xlsx_sheet(client, world)["B2"]
    assert cell.data_type == "s"
    assert cell.value.replace("\n", "\r") == title.replace("\n", "\r")  # XML reads a bare CR as LF
    assert cell.quotePrefix is (title not in PLAIN)  # Excel keeps it text even when the cell is edited


@pytest.fixture
def formula_roadmap(world):
    rw = RoadmapWorld(world)
    ActionLine.objects.filter(pk=rw.c5.pk).update(name=CMD)
    RoadmapRow.objects.filter(pk=rw.row_a.pk).update(
        code="@SUM(A1)", outcome="=1+1", expected_results="-1 meeting\x07 a year", source="+41 22"
    )
    estimate(rw.row_a, 2009, "regular", amount=60000, staff_months=2)
    return rw


def test_roadmap_csv_neutralises_formulas_and_keeps_amounts_numeric(formula_roadmap):
    text = roadmap_exports.export_csv(formula_roadmap.draft).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert (row["Action Line name"], row["Code"], row["WSIS outcome"]) == ("'" + CMD, "'@SUM(A1)", "'=1+1")
    assert (row["Source"], row["Expected results of ITU activities"]) == ("'+41 22", "'-1 meeting a year")
    assert (row["2009 RB CHF"], row["Total CHF"]) == ("60000", "60000")


def test_roadmap_xlsx_never_writes_a_formula_and_keeps_amounts_numeric(formula_roadmap):
    book = load_workbook(io.BytesIO(roadmap_exports.export_xlsx(formula_roadmap.draft)))
    rows = book["Rows"]
    header = [c.value for c in rows[1]]
    a = dict(zip(header, rows[2], strict=True))
    assert all(cell.data_type != "f" for line in book.worksheets for row in line.iter_rows() for cell in row)
    assert [a[name].value for name in ("Action Line name", "Code", "WSIS outcome")] == [CMD, "@SUM(A1)", "=1+1"]
    assert a["Expected results of ITU activities"].value == "-1 meeting a year"
    assert a["WSIS outcome"].quotePrefix and not a["Action Line"].quotePrefix
    assert (a["2009 RB CHF"].value, a["2009 RB CHF"].data_type, a["Total CHF"].value) == (60000, "n", 60000)
    totals = {line[0].value: line for line in book["Totals"].iter_rows() if line and line[0].value}
    assert (totals["C5"][1].value, totals["C5"][1].data_type, totals["C5"][3].value) == (CMD, "s", 60000)
