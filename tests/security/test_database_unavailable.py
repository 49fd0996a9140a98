"""While the database cannot be reached the portal answers 503 "briefly unavailable" with
Retry-After, not a 500; any other server error stays a 500. The restart-under-load script
(tests/faults/pg_restart_under_load.py) measures the same against a real PostgreSQL restart."""

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from wsisportal import errors


@pytest.mark.parametrize(
    ("exception", "status"),
    [
        (OperationalError("could not connect to server: Connection refused"), 503),
        (InterfaceError("connection already closed"), 503),
        (ValueError("a bug"), 500),
        (KeyError("another bug"), 500),
    ],
)
def test_the_error_handler_tells_an_outage_from_a_bug(rf, exception, status):
    request = rf.get("/")
    try:
        raise exception
    except Exception:
        response = errors.server_error(request)
    assert response.status_code == status
    body = response.content.decode()
    if status == 503:
        assert response["Retry-After"] == "30"
        assert "briefly unavailable" in body and 'data-testid="refusal-503"' in body
    else:
        assert "Retry-After" not in response
        assert 'data-testid="refusal-500"' in body


@pytest.mark.django_db(transaction=True)
def test_an_unreachable_postgresql_gets_503_and_the_portal_recovers_by_itself(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the in-memory SQLite test database cannot be made unreachable")
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    assert client.get("/").status_code == 200
    original_port = connection.settings_dict["PORT"]
    try:
        connection.close()
        connection.settings_dict["PORT"] = 1  # nothing listens there: connection refused
        response = client.get("/")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "briefly unavailable" in response.content.decode()
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original_port
    assert client.get("/").status_code == 200
