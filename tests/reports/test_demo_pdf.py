"""The demo: the whole 14th-meeting report approved with its PDF; the PDF's text follows the
seed report; the stored checksum matches; loading twice changes nothing."""

import hashlib
import io
import re
import shutil
import subprocess

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from reports.models import Block, Report, ReportRevision
from tests.demo_snapshot import load_demo

# The seed's section headings and numbered paragraphs, in the seed's order (regexes on the
# PDF text with whitespace collapsed). Numbers the seed shows are matched with their text.
SEED_ORDER = [
    r"1\. Introduction",
    r"1\.1 ITU Council Working Group on WSIS \(WG-WSIS\) held its 14th meeting",
    r"1\.2 The Group was also invited to consider",
    r"1\.3 Furthermore, ITU Council 2008",
    r"2\. Adoption of the agenda",
    r"3\. Welcoming Remarks",
    r"4\. Appointment of WG-WSIS Vice-Chairmanship",
    r"5\. Council Resolution 1282 \(Mod\.2008\)",
    r"5\.1 Council 2008 endorsed the request of WTSA-08",
    r"5\.2 Mr\. Al Mazyed, Vice-Chairman of WG-WSIS, was appointed",
    r"6\. Adoption of the time management plan",
    r"7\. Information Reports",
    r"7\.1 The following information reports were presented",
    r"8\. ITU’s activities in WSIS implementation and follow-up",
    r"8\.3 After discussion, it was proposed to revise the framework of the Roadmap",
    r"Name of WSIS Action Line will be listed",  # the framework table, probed in its text column
    r"Interested partners should be listed",
    r"A: Promote cooperation among the governments",
    r"A3",
    r"Reference to ITU Child Online Protection Initiative",
    r"8\.4 The Russian Federation presented document WG-WSIS-14/7",
    r"8\.4\.1 After the discussion, the Working Group agreed to invite the Council",
    r"8\.4\.3 The Group also considered the proposal of the Russian Federation",
    r"8\.5 The United States of America stated “The Secretary-General, prior to initiating",
    r"8\.6 Syria stated that the Secretary-General activities are covered",
    r"9\. Necessity for Adapting ITU to its role in building the information society \(Res\. 140\)",
    r"10\. ITU’s role with regard to International Public Policy issues",
    r"11\. Dates of next meeting",
    r"12\. Other Business",
    r"12\.1 During the discussion regarding the dates of the next meeting",
    r"12\.2 In this regard, several delegations expressed deep regret",
    r"13\. Summary of the 14th Meeting",
    r"13\.1 A “Summary of the 14th Meeting of the WG-WSIS” was approved",
    r"13\.2 In closing the meeting",
    r"Annex 1",
    r"Report of the Dedicated Group on Internet-Related Public Policy Issues",
    r"1\.1 Establishment of the Dedicated Group",
    r"Syria",
    r"Saudi Arabia",
    r"3\. Discussions",
    r"4\. Conclusion",
    r"4\.1 The Internet-related public policy issues mentioned above",
    r"4\.2 The ITU General Secretariat, TSB and BDT were requested to submit relevant documents not later than 15th",
    r"4\.3 Contributions to the Dedicated Group must be available on the Group website not later thank 24 hours",
    r"4\.4 Administrations are invited to provide written contributions",
    r"List of documents",
]


@pytest.fixture
def demo(db):
    load_demo()


def _pdf_text(path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    # -layout keeps each printed line whole (number column, then text), as a reader sees it.
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", " ", out)


def test_demo_report_pdf_follows_the_seed_and_checksum_matches(demo):
    revision = ReportRevision.objects.get(report__group__code="WG-WSIS", report__kind="report")
    with revision.pdf.open("rb") as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == revision.sha256
    text = _pdf_text(revision.pdf.path)
    position = 0
    for pattern in SEED_ORDER:
        match = re.compile(pattern).search(text, position)
        assert match, f"not found after position {position}: {pattern}"
        position = match.end()
    assert re.search(r"- ?2 ?- WG-WSIS-14/20", text)  # the running header from page 2 on
    assert not re.search(r"- ?1 ?- WG-WSIS", text)  # and not on the first page
    assert "DRAFT" not in text


def test_demo_report_structured_elements(demo):
    report = Report.objects.get(group__code="WG-WSIS", kind="report")
    statements = Block.objects.filter(report=report, kind="statement").select_related("delegation")
    assert sorted(s.delegation.short_name for s in statements) == ["SYR", "USA"]
    assert Block.objects.filter(report=report, kind="proposal").count() == 4
    dg = Report.objects.get(group__code="DG-IPP")
    assert dg.annexed_to == report
    dues = sorted((str(a.due_date), a.due_next_meeting) for a in Block.objects.filter(report=dg, kind="action"))
    # §4.2 (15 May 2009), §4.3, and §3's background report and inventory of activities.
    assert dues == [("2009-05-15", False), ("None", True), ("None", True)]
    inventory = Block.objects.get(report=dg, kind="action", body__contains="background report")
    assert "inventory list of all those activities" in inventory.body
    assert inventory.due_next_meeting and list(inventory.owners.values_list("short_name", flat=True)) == ["SG"]
    summary = ReportRevision.objects.get(report__kind="summary")
    assert summary.published_at is not None and summary.approved_by.username == "chair"


def test_demo_load_twice_changes_nothing(demo):
    def state():
        return (
            list(Report.objects.order_by("pk").values_list("pk", "status", "revision", "lock_version")),
            list(Block.objects.order_by("pk").values_list("pk", "body", "position")),
            list(ReportRevision.objects.order_by("pk").values_list("pk", "number", "sha256", "pdf")),
        )

    before = state()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert state() == before


def test_export_report_writes_the_stored_pdf(demo, tmp_path):
    out = tmp_path / "report.pdf"
    call_command("export_report", "WG-WSIS", "14", "--output", str(out), stdout=open("/dev/null", "w"))
    revision = ReportRevision.objects.get(report__kind="report", report__group__code="WG-WSIS")
    assert hashlib.sha256(out.read_bytes()).hexdigest() == revision.sha256


def test_export_report_without_approved_revision_fails_clearly(world, tmp_path):
    from django.core.management.base import CommandError

    from tests.reports.factories import make_report

    make_report(world.meeting, kind="summary")
    with pytest.raises(CommandError, match="no approved revision yet"):
        call_command("export_report", "WG-WSIS", "14", "--kind", "summary", "--output", str(tmp_path / "x.pdf"))


def test_draft_preview_has_draft_mark_on_every_page(world, client, tmp_path):
    from tests.reports.factories import make_block, make_report, make_section

    report = make_report(world.meeting, symbol="WG-WSIS-14/20")
    for n in range(3):
        section = make_section(report, f"Section {n}")
        for _ in range(12):
            make_block(report, section, body="<p>" + "Long paragraph of the draft report. " * 12 + "</p>")
    client.force_login(world.secretariat)
    response = client.get(f"/reports/{report.pk}/draft.pdf")
    pages = PdfReader(io.BytesIO(response.getvalue())).pages
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "DRAFT" in page.extract_text(), f"page {number} has no DRAFT mark"
