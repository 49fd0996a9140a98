"""The strict Content-Security-Policy on every page, no inline script or style in any rendered page,
the production settings `check --deploy` wants, session expiry and the refusal pages."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from meetings.models import User
from tests.demo_snapshot import load_demo
from tests.test_leak_scan import fill, iter_patterns, kwarg_kinds
from wsisportal import rich_text

# Two exceptions, each pinned by hash (wsisportal/rich_text.py): the rich-text editor's import map
# (exactly that text), and the empty <style> placeholder that keeps Tiptap from injecting its own.
IMPORT_MAP = f'<script type="importmap">{rich_text.import_map_json(settings.STATIC_URL)}</script>'
IMPORT_MAP_TEMPLATE = '<script type="importmap">{{ rich_text_import_map|safe }}</script>'
POLICY = (
    f"default-src 'self'; script-src 'self' {rich_text.import_map_hash(settings.STATIC_URL)}; "
    f"style-src 'self' {rich_text.EMPTY_STYLE_HASH}; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
INLINE = {
    "style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.I),
    "style block": re.compile(r"<style[\s>]", re.I),
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", re.I),
    "event handler attribute": re.compile(r"<[^>]+\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
}
SAMPLE = {"language": "E", "fmt": "pdf", "cell": "outcome", "direction": "up", "code": "WG-WSIS",
          "app_label": "meetings", "url": "x/", "uidb64": "MQ", "token": "set-password"}  # fmt: skip


def directives(policy):
    return sorted((policy or "").split("; "))


def every_page_url():
    """One concrete URL per pattern (ids 1, the WG-WSIS code, …), logout left out."""
    for route, _name, entry, _callback in iter_patterns():
        if "logout" in route:
            continue
        kinds = kwarg_kinds(route, entry)
        yield fill(route, {k: 1 if v == "int" else SAMPLE.get(k, "1") for k, v in kinds.items()})


@pytest.fixture
def demo(db):
    load_demo()


def test_every_page_sends_the_strict_policy_and_has_no_inline_code(demo):
    secretariat, anonymous = Client(), Client()
    secretariat.force_login(User.objects.get(username="secretariat"))
    pages, problems = 0, []
    for url in every_page_url():
        for client in (secretariat, anonymous):
            response = client.get(url)
            if directives(response.get("Content-Security-Policy")) != directives(POLICY):
                problems.append(f"{url} {response.status_code}: {response.get('Content-Security-Policy')!r}")
            if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                pages += 1
                html = response.content.decode().replace(IMPORT_MAP, "")  # the one pinned inline script
                problems += [f"{url}: {what}" for what, pattern in INLINE.items() if pattern.search(html)]
    assert pages >= 60, pages
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("what", sorted(INLINE))
def test_the_inline_code_checks_can_fail(what):
    samples = {
        "style attribute": '<p style="color:red">',
        "style block": "<style>p{}</style>",
        "inline script": "<script>alert(1)</script>",
        "event handler attribute": '<a onclick="x()">',
        "javascript: URL": '<a href="javascript:x()">',
    }
    assert INLINE[what].search(samples[what])
    assert not INLINE[what].search('<script src="/static/vendor/htmx.min.js"></script><p class="s">on=</p>')


def test_templates_hold_no_inline_code():
    root = Path(__file__).resolve().parents[2]
    problems, templates = (
        [],
        [root / "templates"] + sorted(root.glob("*/templates")) + sorted(root.glob("*/*/templates")),
    )
    found = [t for folder in templates if ".venv" not in folder.parts for t in sorted(folder.glob("**/*.html"))]
    assert len(found) >= 80
    for template in found:
        text = template.read_text().replace(IMPORT_MAP_TEMPLATE, "")  # prints IMPORT_MAP, pinned by its hash
        problems += [f"{template.relative_to(root)}: {what}" for what, p in INLINE.items() if p.search(text)]
    assert not problems, problems


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DEBUG": "0",
        "ALLOWED_HOSTS": "example.org",
        "SECRET_KEY": "x" * 20 + "k7#Qp9!zR2@vL5^mW8&nB3*cT6%yH1$",
    }
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_session_ends_with_the_browser_and_after_twelve_hours(client, world):
    from django.conf import settings as live

    assert live.SESSION_EXPIRE_AT_BROWSER_CLOSE and live.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert live.SESSION_COOKIE_HTTPONLY and live.CSRF_COOKIE_HTTPONLY
    world.ms_delegate.set_password("a long enough pass phrase")
    world.ms_delegate.save()
    response = client.post(reverse("login"), {"username": "ms", "password": "a long enough pass phrase"})
    assert response.status_code == 302
    cookie = response.cookies[live.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"] and cookie["httponly"]  # a browser-session cookie
    assert client.session.get_expiry_age() <= 12 * 60 * 60


def test_a_page_not_found_says_so_in_the_layout(client, world):
    client.force_login(world.sm_delegate)
    response = client.get("/meetings/987654/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "There is no such page, or it is not available to you." in text and 'id="main"' in text


def test_an_anonymous_visitor_is_told_that_logging_in_may_help(client):
    response = client.get("/documents/987654/", follow=True)
    assert "Log in" in response.content.decode()


def test_a_refused_action_gives_the_reason(client, world):
    from tests.reports.factories import make_report

    report = make_report(world.meeting, title="WG report", symbol="WG-WSIS-14/20")
    client.force_login(world.chair)
    response = client.get(reverse("reports:report_edit", args=[report.pk]))
    assert response.status_code == 403
    text = response.content.decode()
    assert "You may not do this" in text and "Only the secretariat edits reports." in text


def test_a_server_error_page_apologises_without_the_database(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
