"""Schemathesis (a third-party API tester) against the live OpenAPI schema of the WSGI app, on the
API tests' world (both groups, documents with files, calls, roadmap drafts, reports with an approved
PDF and action items), signed in as the Member State delegate with a personal token: every operation, a
bounded number of generated requests each (positive and negative data), with every check
schemathesis has: no server error, answers that conform to the schema, only declared status codes,
content types and headers as declared, authentication honoured."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings

from api import tokens
from tests.test_leak_scan import quiet_request_log  # noqa: F401, F811 (a fixture)

EXAMPLES = 8  # per operation: ~30 s for the 21 operations on two cores


@pytest.fixture
def member_state_token(api_world, quiet_request_log):  # noqa: F811
    _token, secret = tokens.create_token(user=api_world.ms_delegate, name="schemathesis")
    return secret


def check_operation(operation, secret):
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        case.call_and_validate(headers={"Authorization": f"Bearer {secret}"})

    run()


def test_every_operation_conforms_to_the_schema(member_state_token, settings_for_schemathesis):
    # A fresh WSGI handler: its middleware reads the test settings (plain http) when it is built.
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler())
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        try:
            check_operation(operation, member_state_token)
        except BaseException as failure:  # schemathesis raises an exception group per operation
            if isinstance(failure, KeyboardInterrupt):
                raise
            failures.append(f"{operation.label}: {failure}")
    assert operations >= 21, operations
    assert not failures, "\n\n".join(failures)


@pytest.fixture
def settings_for_schemathesis(settings):
    """The host schemathesis sends to the WSGI app; and, as Django's test client does, the request
    signals no longer close the database connection, which holds the test's transaction (on
    PostgreSQL, closing it would end the test's world: "connection already closed")."""
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
