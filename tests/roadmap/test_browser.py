"""The roadmap in a real Chromium: in-place edit, a new draft and its comparison, a stale edit
refused, a member's comment answered; screenshots of the matrix, the comparison and a PDF page."""

import shutil
import subprocess

import pytest
from playwright.sync_api import expect

import meetings.demo
import roadmap.demo
from roadmap.models import RoadmapDraft, RoadmapRow
from tests.browser import SCREENSHOTS, login, screenshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_world(transactional_db):
    meetings.demo.load()
    roadmap.demo.load()


def _logout(page):
    page.get_by_test_id("nav-logout").click()
    page.wait_for_load_state()


def _row(page, line, code):
    return page.get_by_test_id(f"row-{line}-{code}")


def test_secretariat_edits_in_place_starts_a_draft_and_sees_the_change(demo_world, live_server, page):
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, live_server, "secretariat")
    fourth = RoadmapDraft.objects.get(number=4)
    page.goto(f"{live_server.url}/roadmap/drafts/{fourth.pk}/")
    expect(page.get_by_test_id("line-C5")).to_contain_text("Building confidence and security")
    screenshot(page, "roadmap-matrix")
    page.mouse.wheel(0, 1200)  # the header row stays in view while the rows scroll under it
    expect(page.get_by_test_id("line-C6")).to_be_in_viewport()
    assert page.evaluate("document.querySelector('.roadmap-matrix thead th').getBoundingClientRect().top") == 0

    page.get_by_test_id("start-next-draft").click()
    expect(page.get_by_test_id("draft-heading")).to_contain_text("Fifth draft")
    page.evaluate("window.__noReload = true")

    cell = _row(page, "C5", "A3").locator(".roadmap-col-results")
    cell.get_by_test_id("edit-results").click()
    cell.locator("textarea").fill("Toolkit published; workshops in every region; Child Online Protection annex.")
    cell.get_by_test_id("save-results").click()
    expect(cell).to_contain_text("Child Online Protection annex")
    assert page.evaluate("window.__noReload") is True  # edited in place, no page load
    fifth = RoadmapDraft.objects.get(number=5)
    assert "annex" in fifth.rows.get(action_line__code="C5", code="A3").expected_results

    page.get_by_test_id("compare").click()
    expect(page.get_by_test_id("compare-heading")).to_contain_text("from the Fourth draft to the Fifth draft")
    changed = page.get_by_test_id("changed-results")
    expect(changed).to_have_count(1)
    # The shared redline marks the words that changed inside the cell.
    expect(changed.locator("ins").last).to_contain_text("Child Online Protection annex")
    expect(changed).to_contain_text("workshops")
    expect(changed.locator("del")).not_to_have_count(0)
    screenshot(page, "roadmap-comparison")


def test_stale_edit_is_refused_in_the_browser_and_keeps_the_input(demo_world, live_server, page):
    login(page, live_server, "secretariat")
    fourth = RoadmapDraft.objects.get(number=4)
    page.goto(f"{live_server.url}/roadmap/drafts/{fourth.pk}/")
    cell = _row(page, "C2", "A").locator(".roadmap-col-results")
    cell.get_by_test_id("edit-results").click()
    expect(cell.locator("textarea")).to_be_visible()  # the editor holds the revision it was opened at
    row = fourth.rows.get(action_line__code="C2", code="A")
    RoadmapRow.objects.filter(pk=row.pk).update(expected_results="SAVED BY A COLLEAGUE", revision=row.revision + 1)
    cell.locator("textarea").fill("MY OWN WORDING")
    cell.get_by_test_id("save-results").click()
    expect(cell.get_by_test_id("conflict")).to_contain_text("someone else changed this row")
    expect(cell.get_by_test_id("current-value")).to_contain_text("SAVED BY A COLLEAGUE")
    expect(cell.locator("textarea")).to_have_value("MY OWN WORDING")
    screenshot(page, "roadmap-stale-edit")
    cell.get_by_test_id("save-results").click()  # saving again is a deliberate overwrite
    expect(cell).to_contain_text("MY OWN WORDING")


def test_refused_save_says_so_and_keeps_the_editor(demo_world, live_server, page):
    login(page, live_server, "secretariat")
    fourth = RoadmapDraft.objects.get(number=4)
    page.goto(f"{live_server.url}/roadmap/drafts/{fourth.pk}/")
    cell = _row(page, "C6", "A").locator(".roadmap-col-results")
    cell.get_by_test_id("edit-results").click()
    expect(cell.locator("textarea")).to_be_visible()
    RoadmapDraft.objects.filter(pk=fourth.pk).update(superseded=True)  # a colleague started the fifth draft
    cell.locator("textarea").fill("TEXT I MUST NOT LOSE")
    cell.get_by_test_id("save-results").click()
    expect(cell.get_by_role("alert")).to_contain_text("Not saved")
    expect(cell.locator("textarea")).to_have_value("TEXT I MUST NOT LOSE")


def test_member_comment_is_answered_by_the_secretariat(demo_world, live_server, page):
    fourth = RoadmapDraft.objects.get(number=4)
    row = fourth.rows.get(action_line__code="C6", code="A")
    login(page, live_server, "ms-delegate")
    page.goto(f"{live_server.url}/roadmap/drafts/{fourth.pk}/")
    _row(page, "C6", "A").get_by_test_id("comments-link").click()
    page.fill("#id_text", "Please add the 2010 Global Symposium for Regulators as a stage.")
    page.get_by_test_id("comment-form").locator("[type=submit]").click()
    expect(page.get_by_test_id("comment-status")).to_have_text("Awaiting the secretariat")
    _logout(page)

    login(page, live_server, "secretariat")
    page.goto(f"{live_server.url}/roadmap/rows/{row.pk}/")
    form = page.get_by_test_id("answer-form")
    form.get_by_label("Taken into account", exact=True).check()
    form.locator("textarea").fill("Added to the timing of C6 A.")
    form.locator("[type=submit]").click()
    expect(page.get_by_test_id("comment-status")).to_have_text("Taken into account")
    _logout(page)

    login(page, live_server, "ms-delegate")
    page.goto(f"{live_server.url}/roadmap/rows/{row.pk}/")
    expect(page.get_by_test_id("comment-reply")).to_contain_text("Added to the timing of C6 A.")
    screenshot(page, "roadmap-comment-answered")


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_pdf_first_page_picture(demo_world, live_server, page, tmp_path):
    login(page, live_server, "ms-delegate")
    third = RoadmapDraft.objects.get(number=3)
    response = page.request.get(f"{live_server.url}/roadmap/drafts/{third.pk}/export/pdf/")
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "draft.pdf"
    pdf.write_bytes(response.body())
    SCREENSHOTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", str(pdf), str(SCREENSHOTS / "roadmap-pdf-page")],
        check=True,
    )
    assert (SCREENSHOTS / "roadmap-pdf-page-1.png").stat().st_size > 10_000


def test_secretariat_removes_a_row_and_the_cached_matrix_shows_it_gone(demo_world, live_server, page):
    """The Remove buttons send the page's one form (the rows are cached without a CSRF token);
    the page after the removal is rendered afresh, for this user and for the next reader."""
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, live_server, "secretariat")
    newest = RoadmapDraft.objects.order_by("-number").first()
    row = newest.rows.filter(comments__isnull=True).select_related("action_line").order_by("position").last()
    url = f"{live_server.url}/roadmap/drafts/{newest.pk}/"
    page.goto(url)
    page.goto(url)  # the second request is served from the cache
    target = _row(page, row.action_line.code, row.code)
    expect(target).to_be_visible()
    target.get_by_role("button", name="Remove").click()
    page.wait_for_load_state()
    expect(_row(page, row.action_line.code, row.code)).to_have_count(0)
    assert not RoadmapRow.objects.filter(pk=row.pk).exists()
    _logout(page)
    login(page, live_server, "ms-delegate")
    page.goto(url)
    expect(page.get_by_test_id("matrix")).to_be_visible()
    expect(_row(page, row.action_line.code, row.code)).to_have_count(0)


def test_large_draft_opens_another_action_line_and_its_later_rows_in_place(demo_world, live_server, page):
    """A draft too large to show at once: the tabs open another Action Line; its later rows come in
    place (htmx), and a cell of one of them is edited there; screenshots at 1280 and 390 px."""
    from roadmap.models import ActionLine
    from roadmap.views.drafts import ALL_LINES_UP_TO, ROWS_AT_ONCE

    fourth = RoadmapDraft.objects.get(number=4)
    c2, c5 = ActionLine.objects.get(code="C2"), ActionLine.objects.get(code="C5")
    RoadmapRow.objects.bulk_create(
        RoadmapRow(
            draft=fourth, action_line=line, position=100 + i, code=f"Z{i}", outcome=f"Later outcome {line.code} {i}"
        )
        for line in (c2, c5)
        for i in range(ALL_LINES_UP_TO // 2)
    )
    c5_codes = list(fourth.rows.filter(action_line=c5).values_list("code", flat=True))
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "secretariat")
    page.goto(f"{live_server.url}/roadmap/drafts/{fourth.pk}/")
    expect(page.get_by_test_id("line-tabs")).to_be_visible()
    page.evaluate("window.__noReload = true")
    page.get_by_test_id("tab-C5").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("line-C5")).to_contain_text("Building confidence and security")
    expect(page.locator("[data-testid^=row-C5-]")).to_have_count(ROWS_AT_ONCE)
    expect(page.locator("[data-testid^=row-C2-]")).to_have_count(0)
    screenshot(page, "roadmap-matrix-line-1280")

    page.evaluate("window.__noReload = true")
    page.get_by_test_id("show-more").click()
    expect(page.locator("[data-testid^=row-C5-]")).to_have_count(len(c5_codes))
    expect(page.get_by_test_id("show-more")).to_have_count(0)
    later_first = _row(page, "C5", c5_codes[ROWS_AT_ONCE])
    expect(later_first).to_be_focused()  # the keyboard goes on from the first row loaded
    assert page.evaluate("window.__noReload") is True  # loaded in place
    last = _row(page, "C5", c5_codes[-1]).locator(".roadmap-col-results")
    last.get_by_test_id("edit-results").click()
    last.locator("textarea").fill("Edited in a row loaded on demand.")
    last.get_by_test_id("save-results").click()
    expect(last).to_contain_text("Edited in a row loaded on demand.")
    assert fourth.rows.get(action_line=c5, code=c5_codes[-1]).expected_results == "Edited in a row loaded on demand."
    page.locator("#figures").scroll_into_view_if_needed()  # the line's figures are asked for when seen
    expect(page.get_by_test_id("totals-action-line")).to_contain_text("C5")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/roadmap/drafts/{fourth.pk}/?action_line=C2")
    expect(page.get_by_test_id("show-more")).to_be_visible()
    screenshot(page, "roadmap-matrix-line-390")
