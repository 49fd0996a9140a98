"""Log in as each persona in a real Chromium: the navigation fits, and the Dedicated Group's
content reaches Member States only."""

import pytest
from playwright.sync_api import expect

from tests.browser import login, screenshot
from tests.factories import World

pytestmark = pytest.mark.e2e


@pytest.fixture
def browser_world(transactional_db):
    world = World()
    world.dg.terms_of_reference = "Identify, study and develop matters related to Internet public policy (DG-TOR)."
    world.dg.save()
    return world


@pytest.mark.parametrize(
    ("username", "represents", "sees_admin"),
    [("sm", "FT", False), ("ms", "KSA", False), ("sec", "SG", True), ("chairperson", "RUS", False)],
)
def test_navigation_fits_each_persona(browser_world, live_server, page, username, represents, sees_admin):
    login(page, live_server, username)
    expect(page.get_by_test_id("nav-profile")).to_contain_text(represents)
    expect(page.get_by_test_id("nav-logout")).to_be_visible()
    expect(page.get_by_test_id("nav-admin")).to_have_count(1 if sees_admin else 0)


def test_anonymous_sees_login_link_and_no_admin(browser_world, live_server, page):
    page.goto(live_server.url + "/")
    expect(page.get_by_test_id("nav-login")).to_be_visible()
    expect(page.get_by_test_id("nav-admin")).to_have_count(0)
    expect(page.get_by_test_id("group-card")).to_have_count(1)
    screenshot(page, "home-anonymous")


def test_dedicated_group_page_by_persona(browser_world, live_server, page):
    login(page, live_server, "sm")
    page.goto(live_server.url + "/groups/DG-IPP/")
    expect(page.get_by_test_id("restricted-notice")).to_contain_text("for Member States only")
    expect(page.locator("body")).not_to_contain_text("DG-TOR")
    screenshot(page, "dg-sector-member")

    page.get_by_test_id("nav-logout").click()
    login(page, live_server, "ms")
    page.goto(live_server.url + "/groups/DG-IPP/")
    expect(page.get_by_test_id("restricted-notice")).to_have_count(0)
    expect(page.locator("body")).to_contain_text("DG-TOR")
    expect(page.get_by_test_id("access-label")).to_be_visible()
    screenshot(page, "dg-member-state")
