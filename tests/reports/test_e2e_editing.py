"""In a real browser: the rich-text editor stores sanitised HTML, an unsaved change warns before
leaving, two editors of one paragraph see each other and a conflict loses nothing, and the chair
approves through a dialog that shows the redline."""

import pytest
from playwright.sync_api import expect

from reports import services
from reports.models import Block, ReportRevision
from tests.browser import SCREENSHOTS, login, rich_text, screenshot, type_rich_text
from tests.contributions.conftest import submit
from tests.factories import World, make_user
from tests.reports.factories import approve, circulate, make_block, make_report, make_section

pytestmark = pytest.mark.e2e


def _report(world):
    report = make_report(world.meeting, title="WG report (browser)", symbol="WG-WSIS-14/20")
    section = make_section(report, "ITU’s activities in WSIS implementation")
    paragraph = make_block(report, section, body="<p>Document WG-WSIS-14/3 was presented.</p>")
    return report, paragraph


def _open_paragraph(page, live_server, report, paragraph):
    page.goto(f"{live_server.url}/reports/{report.pk}/edit/")
    page.click(f"[data-testid=edit-{paragraph.pk}]")
    expect(rich_text(page, f"body-b{paragraph.pk}")).to_be_visible()


def _shots(page, name):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_rich_text_is_saved_as_sanitised_html(live_server, page, transactional_db):
    world = World()
    report, paragraph = _report(world)
    submit(world, world.secretariat, world.wg, title="Views on the roadmap")  # WG-WSIS-14/1, for the picker
    login(page, live_server, "sec")
    _open_paragraph(page, live_server, report, paragraph)
    type_rich_text(page, f"body-b{paragraph.pk}", "The group ")
    page.keyboard.press("ControlOrMeta+b")
    page.keyboard.type("noted")
    page.keyboard.press("ControlOrMeta+b")
    page.keyboard.type(" the report.")
    page.keyboard.press("Enter")
    page.keyboard.type("- first point, see ")  # Markdown-like shortcut: a bulleted list
    page.select_option(f"#edit-{paragraph.pk} [data-testid=symbol-picker]", "WG-WSIS-14/1")  # a document reference
    expect(page.locator(f"#preview-b{paragraph.pk} li")).to_have_text("first point, see WG-WSIS-14/1")  # live preview
    _shots(page, "reports-rich-text")
    page.click(f"[data-testid=save-{paragraph.pk}]")
    expect(page.locator(".r-editor-preview")).to_contain_text("The group noted the report.")
    paragraph.refresh_from_db()
    assert paragraph.body == (
        "<p>The group <strong>noted</strong> the report.</p><ul><li><p>first point, see WG-WSIS-14/1</p></li></ul>"
    )


def test_unsaved_change_warns_before_leaving(live_server, page, transactional_db):
    world = World()
    report, paragraph = _report(world)
    login(page, live_server, "sec")
    _open_paragraph(page, live_server, report, paragraph)
    page.click("[data-testid=to-report]")  # nothing typed: leaves without a question
    expect(page.locator("[data-testid=edit-report]")).to_be_visible()
    _open_paragraph(page, live_server, report, paragraph)
    type_rich_text(page, f"body-b{paragraph.pk}", "Typed and not saved")
    asked = []

    def on_dialog(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", on_dialog)
    page.click("[data-testid=to-report]")
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    expect(rich_text(page, f"body-b{paragraph.pk}")).to_contain_text("Typed and not saved")
    page.remove_listener("dialog", on_dialog)
    page.click(f"[data-testid=save-{paragraph.pk}]")  # saving is not leaving: no question
    expect(page.locator(".r-editor-preview")).to_contain_text("Typed and not saved")
    assert asked == ["beforeunload"]


def test_two_editors_of_one_paragraph_see_each_other_and_lose_nothing(live_server, browser, transactional_db, settings):
    world = World()
    make_user(world.secretariat_unit, "sec2", first_name="Second", last_name="Editor")
    report, paragraph = _report(world)
    pages = {}
    for username in ("sec", "sec2"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pages[username] = page = context.new_page()
        login(page, live_server, username)
        _open_paragraph(page, live_server, report, paragraph)
    first, second = pages["sec"], pages["sec2"]
    first.reload()  # a fresh beat: the second editor is there now
    first.click(f"[data-testid=edit-{paragraph.pk}]")
    expect(first.locator("[data-testid=presence-block]")).to_have_text("Also editing this paragraph: Second Editor")
    expect(second.locator("[data-testid=presence-block]")).to_contain_text("Also editing this paragraph: sec")

    type_rich_text(first, f"body-b{paragraph.pk}", "THEIRS: the group noted the document.")
    first.click(f"[data-testid=save-{paragraph.pk}]")
    expect(first.locator(".r-editor-preview")).to_contain_text("THEIRS")
    type_rich_text(second, f"body-b{paragraph.pk}", "YOURS: the group welcomed the document.")
    second.click(f"[data-testid=save-{paragraph.pk}]")

    conflict = second.locator("[data-testid=conflict]")
    expect(conflict.locator("[data-testid=conflict-theirs]")).to_contain_text("THEIRS: the group noted the document.")
    expect(conflict.locator("[data-testid=conflict-yours]")).to_contain_text("YOURS: the group welcomed the document.")
    expect(conflict.locator("[data-testid=conflict-difference] del").first).to_contain_text("THEIRS")
    expect(rich_text(second, f"body-b{paragraph.pk}")).to_contain_text("YOURS: the group welcomed")  # kept
    assert Block.objects.get(pk=paragraph.pk).body == "<p>THEIRS: the group noted the document.</p>"
    for width in (1280, 390):
        second.set_viewport_size({"width": width, "height": 900})
        screenshot(second, f"reports-conflict-{width}")
    second.set_viewport_size({"width": 1280, "height": 900})
    asked = []

    def on_dialog(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    second.on("dialog", on_dialog)  # the text given back is unsaved: leaving asks first
    second.click("[data-testid=to-report]")
    second.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    second.remove_listener("dialog", on_dialog)
    second.click(f"[data-testid=conflict] [data-testid=save-{paragraph.pk}]")  # choose mine
    expect(second.locator(".r-editor-preview")).to_contain_text("YOURS: the group welcomed the document.")
    assert Block.objects.get(pk=paragraph.pk).body == "<p>YOURS: the group welcomed the document.</p>"
    for page in pages.values():
        page.context.close()


def test_chair_approves_through_a_dialog_showing_the_redline(live_server, page, transactional_db):
    world = World()
    report, paragraph = _report(world)
    approve(report, world.chair)
    report.refresh_from_db()
    services.update_block(
        block=paragraph, data={"body": "<p>Document WG-WSIS-14/3 was presented and noted.</p>"},
        expected_lock=report.lock_version,
    )  # fmt: skip
    circulate(report)
    login(page, live_server, "chairperson")
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    expect(page.locator("[data-testid=approve-changes] [data-testid=change-changed] ins")).to_have_text("and noted")
    page.click("[data-testid=approve]")
    dialog = page.locator("[data-testid=confirm-dialog]")
    expect(dialog.locator("[data-testid=confirm-text]")).to_contain_text("You approve revision 2 of")
    expect(dialog.locator("[data-testid=change-changed] ins")).to_have_text("and noted")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"reports-approve-dialog-{width}.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("[data-testid=confirm-cancel]")
    expect(dialog).to_be_hidden()
    assert ReportRevision.objects.filter(report=report).count() == 1  # cancelled: nothing approved
    page.click("[data-testid=approve]")
    page.click("[data-testid=confirm-ok]")
    expect(page.locator("[data-testid=revisions]")).to_contain_text("Revision 2")
    assert ReportRevision.objects.filter(report=report, number=2).exists()
