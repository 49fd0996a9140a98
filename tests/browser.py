"""Helpers for the browser tests (Playwright driving Debian's Chromium)."""

from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


def login(page, live_server, username, password="wsis-demo"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form [type=submit]")
    page.wait_for_load_state()


def screenshot(page, name):
    """Keep a full-page screenshot under screenshots/ (git-ignored) for a human to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def rich_text(page, textarea_id):
    """The editable area of the rich-text editor that stands for the textarea `textarea_id`."""
    return page.locator(f"[data-testid=rich-text-{textarea_id}] .ProseMirror")


def type_rich_text(page, textarea_id, text, *, replace=True):
    """Type `text` into a rich-text editor as a person would (replacing what it holds)."""
    area = rich_text(page, textarea_id)
    area.click()
    if replace:
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.press("Delete")
    page.keyboard.type(text)
