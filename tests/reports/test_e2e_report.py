"""In a real browser: the secretariat drafts a section with a statement and an action item,
circulates, a member comments, the chair approves, the PDF downloads, and editing afterwards
creates a revision in draft."""

import hashlib

import pytest
from playwright.sync_api import expect

from reports.models import Block, BlockComment, Report, ReportRevision
from tests.browser import login, screenshot, type_rich_text
from tests.factories import World


def logout(page):
    page.click("[data-testid=nav-logout]")
    page.wait_for_load_state()


def add_block(page, kind, body, **fields):
    page.select_option("#id_new-kind", kind)
    for name, value in fields.items():
        if isinstance(value, bool):
            page.check(f"#id_new-{name}")
        elif name in ("delegation", "owners"):
            page.select_option(f"#id_new-{name}", value)
        else:
            page.fill(f"#id_new-{name}", value)
    type_rich_text(page, "body-new", body)
    expect(page.locator("#preview-new")).to_contain_text(body[:20])  # the live preview
    page.click("[data-testid=add-block-submit]")
    page.wait_for_load_state()


@pytest.mark.e2e
def test_report_lifecycle_in_browser(live_server, page, transactional_db):
    world = World()
    login(page, live_server, "sec")
    page.goto(f"{live_server.url}/reports/")
    page.select_option("#id_meeting", str(world.meeting.pk))
    page.select_option("#id_group", str(world.wg.pk))
    page.fill("#id_title", "Report of the 14th meeting (browser)")
    page.click("[data-testid=create-report] [type=submit]")
    page.fill("#id_section-title", "ITU’s activities in WSIS implementation")
    page.click("[data-testid=add-section] [type=submit]")
    add_block(page, "statement", "Statement to quote verbatim.", delegation=str(world.member_state.pk),
              lead="Saudi Arabia stated", verbatim=True)  # fmt: skip
    add_block(page, "action", "The Secretariat shall circulate the list.",
              owners=[str(world.secretariat_unit.pk)], due_next_meeting=True)  # fmt: skip
    assert [b.parent.kind for b in Block.objects.exclude(kind="section").select_related("parent")] == ["section"] * 2
    expect(page.locator(".r-editor-preview #block-" + str(Block.objects.get(kind="action").pk))).to_contain_text("1.2")
    expect(page.locator(".r-editor-preview")).to_contain_text("Saudi Arabia stated “Statement to quote verbatim.”")
    expect(page.locator(".r-editor-preview")).to_contain_text("Action: SG — due next meeting")
    screenshot(page, "reports-editor")

    page.click("[data-testid=to-report]")
    page.click("[data-testid=circulate]")
    expect(page.locator("[data-testid=shown-state]")).to_contain_text("Circulated")
    logout(page)

    login(page, live_server, "ms")
    report = Report.objects.get(title="Report of the 14th meeting (browser)")
    statement = Block.objects.get(report=report, kind="statement")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    block = page.locator(f"[data-testid=comments-{statement.pk}]")
    block.locator("summary").click()
    block.locator("textarea").fill("Please add the date of the statement.")
    block.locator("[type=submit]").click()
    expect(page.locator(f"[data-testid=comments-{statement.pk}]")).to_contain_text("Please add the date")
    assert BlockComment.objects.get().author.username == "ms"
    expect(page.locator("[data-testid=approve]")).to_have_count(0)
    screenshot(page, "reports-circulated-comment")
    logout(page)

    login(page, live_server, "chairperson")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    page.click("[data-testid=approve]")
    expect(page.locator("[data-testid=confirm-dialog]")).to_contain_text("You approve revision 1")
    page.click("[data-testid=confirm-ok]")
    expect(page.locator("[data-testid=revisions]")).to_be_visible()
    revision = ReportRevision.objects.get(report=report)
    expect(page.locator("[data-testid=revisions]")).to_contain_text(revision.sha256)
    with page.expect_download() as download:
        page.click("[data-testid=pdf-1]")
    with open(download.value.path(), "rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == revision.sha256
    assert download.value.suggested_filename == "WG-WSIS-rev1.pdf"
    screenshot(page, "reports-approved")
    logout(page)

    login(page, live_server, "sec")
    page.goto(f"{live_server.url}/reports/{report.pk}/edit/")
    page.click(f"[data-testid=edit-{statement.pk}]")
    type_rich_text(page, f"body-b{statement.pk}", "Statement to quote verbatim, as corrected.")
    page.click(f"[data-testid=save-{statement.pk}]")
    expect(page.locator("[data-testid=editor-state]")).to_contain_text("Draft · revision 2")
    page.click("[data-testid=to-report]")
    expect(page.locator("[data-testid=pdf-1]")).to_be_visible()
    report.refresh_from_db()
    assert (report.status, report.revision) == ("draft", 2)
    assert "as corrected" not in str(ReportRevision.objects.get(report=report).snapshot)
    screenshot(page, "reports-revision-2-draft")
