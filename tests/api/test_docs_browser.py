"""The API documentation page in a real Chromium under the site's strict Content-Security-Policy
(any CSP violation in the console fails the test, tests/conftest.py): Swagger UI from our own static
files renders every operation, and "Try it out" reads the API with the browser's session."""

import pytest
from playwright.sync_api import expect

from tests.browser import login, screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def docs_world(transactional_db):
    from tests.api.conftest import add_documents
    from tests.factories import World

    world = World()
    add_documents(world, 1)
    return world


def test_the_docs_render_under_the_strict_csp_and_try_it_out_uses_the_session(docs_world, live_server, page):
    login(page, live_server, "ms", PASSWORD)
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("WSIS Portal API")
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    assert operations.count() >= 21
    page.locator("#operations-documents-documents_list .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    body = page.locator("#operations-documents-documents_list .response-col_description .microlight").first
    expect(body).to_contain_text("WG contribution 0")
    screenshot(page, "api-docs")
