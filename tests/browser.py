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


# Installed in a browser context before any page script runs: counts the page's requests in flight
# (htmx's XMLHttpRequests and any fetch), so that a test waits for exactly those instead of for
# Playwright's "networkidle" (half a second without a request, after every page).
TRACK_REQUESTS = """(() => {
  let inFlight = 0;
  Object.defineProperty(window, "__requestsInFlight", { get: () => inFlight });
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    inFlight += 1;
    this.addEventListener("loadend", () => { inFlight -= 1; }, { once: true });
    return send.apply(this, args);
  };
  const fetch = window.fetch;
  window.fetch = (...args) => {
    inFlight += 1;
    return fetch(...args).finally(() => { inFlight -= 1; });
  };
})();"""

# Two frames first: an IntersectionObserver (htmx's "intersect" trigger) reports in a frame's
# rendering steps, after the load event; its request is then counted.
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
SETTLED = """() => document.readyState === "complete" && window.__requestsInFlight === 0
  && !document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")"""


def track_requests(context):
    """Count the requests in flight of every page of `context` (see wait_until_settled)."""
    context.add_init_script(TRACK_REQUESTS)


def wait_until_settled(page):
    """The page loaded, and every request its scripts made (htmx panels loaded on "load", and the
    panels those bring) answered and swapped in. Needs track_requests() on the page's context."""
    page.evaluate(TWO_FRAMES)
    page.wait_for_function(SETTLED)
