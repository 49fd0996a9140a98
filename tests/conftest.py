import contextlib
import importlib
import os
import shutil

# Playwright's sync API runs an event loop in the main thread; Django would otherwise refuse
# ORM calls in browser tests and in live_server's teardown.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402

from tests.factories import World  # noqa: E402

CHROMIUM = "/usr/bin/chromium"

# The longest tests, started first within their kind (pytest-django runs the tests in a rolled-back
# transaction, then those on committed data, then those without a database), so that pytest-xdist's
# workers do not end with one of them alone while the other idles. Shards alternate: the first
# shard of each, then the second (the workers take the first tests two at a time).
LONGEST_FIRST = (
    "tests/test_leak_scan.py::test_every_url_pattern",
    "tests/security/test_existence_oracles.py::",
    "tests/security/test_headers.py::test_every_page",
    "tests/test_content_canary.py::",
    "tests/e2e/",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    def kind(item):  # as pytest-django orders them
        fixtures = set(getattr(item, "fixturenames", ()))
        marker = item.get_closest_marker("django_db")
        if {"transactional_db", "live_server"} & fixtures or (marker and marker.kwargs.get("transaction")):
            return 1
        return 0 if "db" in fixtures or marker else 2

    def key(item):
        rank = next((n for n, prefix in enumerate(LONGEST_FIRST) if item.nodeid.startswith(prefix)), None)
        if rank is None:
            return (kind(item), 1, 0, 0)
        shard = getattr(getattr(item, "callspec", None), "params", {}).get("shard", 0)
        return (kind(item), 0, shard, rank)

    items.sort(key=key)  # stable: the rest keeps its order


@pytest.fixture(scope="session", autouse=True)
def _plain_http_for_tests():
    """Production defaults redirect to HTTPS and send HSTS; the test client and live_server speak
    plain http. Session-scoped and autouse, so it runs before live_server builds its handler."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time_on_sqlite():
    """On SQLite the live server's threads share the test's one in-memory connection: pages that
    poll at once (the floor's browser test has four) would use it concurrently ("cannot start a
    transaction within a transaction"). There it serves one request at a time (Django then closes
    each connection after its answer); on PostgreSQL each thread has its own connection."""
    from django.core.servers.basehttp import WSGIServer
    from django.db import connection
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args, connections_override=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.connections_override = connections_override

    if connection.vendor == "sqlite":
        LiveServerThread.server_class = SerialWSGIServer


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Every test starts with an empty cache: an earlier test's rows (rolled back, their ids used
    # again) must not answer from it.
    from django.core.cache import cache

    cache.clear()
    # The manifest storage needs collectstatic; tests serve plain static files over plain http.
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The API's throttles count in the process-wide cache: scans of every URL would trip them.
    # tests/api/test_tokens.py sets its own rates to prove the throttling.
    settings.API_THROTTLE_RATES = {"token": None, "user": None, "anon": None}
    # Every poll of the live channel reads the sittings: tests change one and poll at once
    # (tests/floor/test_live_channel.py proves how a process reuses its reading).
    settings.FLOOR_LIVE_STATE_MS = 0


@pytest.fixture(autouse=True)
def _language_of_the_test():
    """A request's language (LocaleMiddleware activates it for the thread) ends with its test."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def world(db):
    return World()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(autouse=True)
def _fail_on_csp_violation(request):
    """Browser tests fail on any Content-Security-Policy violation Chromium logs to the console."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    violations = []

    def on_console(message):
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    yield violations  # a test that provokes a violation on purpose checks and clears this list
    # Let the requests the page still has in flight finish before the live server's database is
    # flushed: a request that writes (a session, a save fired by the last click) while the flush
    # truncates the tables deadlocks on PostgreSQL and locks the table on SQLite.
    from playwright.sync_api import Error as PlaywrightError

    # A closed page (or a timeout, the test's own failure to report) has no request left.
    with contextlib.suppress(PlaywrightError):
        page.wait_for_load_state("networkidle", timeout=10_000)
    assert not violations, "CSP violations:\n" + "\n".join(violations)


@pytest.fixture(autouse=True)
def _data_migrations_survive_flushes(request):
    """A transactional test (live_server, transactional_db) ends with a flush, which also removes
    what data migrations wrote (the "Secretariat" permission group of meetings/0005). Tests that
    use the database get it back, written by that migration's own function."""
    names = set(request.fixturenames)
    if names & {"db", "transactional_db", "live_server"}:
        request.getfixturevalue("transactional_db" if names & {"transactional_db", "live_server"} else "db")
        from django.apps import apps
        from django.contrib.auth.models import Group

        if not Group.objects.filter(name="Secretariat").exists():
            importlib.import_module("meetings.migrations.0011_secretariat_views_document_titles").grant(apps, None)
    yield
