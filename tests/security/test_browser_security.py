"""In Chromium: the policy is enforced (a violation is caught), htmx adds no inline style, and the
refusal pages read well."""

import pytest
from playwright.sync_api import expect

from tests.browser import login, screenshot
from tests.factories import World

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser_world(transactional_db):
    return World()


def test_an_injected_inline_script_is_refused_and_reported(browser_world, live_server, page, _fail_on_csp_violation):
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.injected") is None  # the policy blocked it
    assert any("Content Security Policy" in v for v in _fail_on_csp_violation)  # and the fixture saw it
    _fail_on_csp_violation.clear()  # expected here; any other violation fails its test


def test_htmx_injects_no_inline_style(browser_world, live_server, page):
    login(page, live_server, "sec")
    page.goto(f"{live_server.url}/meetings/{browser_world.meeting.pk}/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => typeof htmx") == "object"
    assert page.evaluate("() => document.querySelectorAll('style').length") == 0


def test_a_page_not_found_reads_well(browser_world, live_server, page):
    login(page, live_server, "sm")
    page.goto(f"{live_server.url}/documents/987654/")
    expect(page.get_by_test_id("refusal-404")).to_contain_text("not available to you")
    screenshot(page, "refusal-404")


def test_five_wrong_passwords_show_the_lockout_page(browser_world, live_server, page):
    for _ in range(5):
        login(page, live_server, "ms", password="not the password")
    expect(page.get_by_test_id("refusal-lockout")).to_contain_text("blocked for 15 minutes")
    screenshot(page, "refusal-lockout")


def test_a_refused_action_reads_well(browser_world, live_server, page):
    from tests.reports.factories import make_report

    report = make_report(browser_world.meeting, title="WG report", symbol="WG-WSIS-14/20")
    login(page, live_server, "chairperson")
    page.goto(f"{live_server.url}/reports/{report.pk}/edit/")
    expect(page.get_by_test_id("refusal-403")).to_contain_text("Only the secretariat edits reports.")
    screenshot(page, "refusal-403")
