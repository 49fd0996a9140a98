"""`make demo` runs with DEBUG on; a user who follows a bad link still gets the portal's own 404,
never Django's technical page with the URL map."""

import pytest
from django.test import override_settings

TECHNICAL = "You’re seeing this error because you have"


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize(
    "path",
    [
        "/no-such-page/",  # no URL matches
        "/groups/NOPE/",  # the view raises Http404
    ],
)
def test_unknown_page_shows_the_portal_404(world, client, debug, path):
    with override_settings(DEBUG=debug):
        response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert 'data-testid="refusal-404"' in html and "Page not found" in html
    assert TECHNICAL not in html and "URLconf" not in html and "api/" not in html


@override_settings(DEBUG=True)
def test_signed_in_user_gets_the_portal_404_with_the_way_home(world, client):
    client.force_login(world.ms_delegate)
    html = client.get("/meetings/999999/").content.decode()
    assert 'data-testid="refusal-404"' in html and "Back to groups and meetings" in html
    assert TECHNICAL not in html


@override_settings(DEBUG=True)
def test_api_404_stays_json_with_debug_on(world, client):
    client.force_login(world.ms_delegate)
    response = client.get("/api/v1/documents/999999/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
