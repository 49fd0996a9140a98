"""Start-up refuses a malformed environment with a message that names the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHOW_DEBUG = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def _start(entry_point=None, **env):
    """Start-up as a command does (django.setup()), or as a server does (import the entry point)."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    base.update({"SECRET_KEY": "x", "DJANGO_SETTINGS_MODULE": "wsisportal.settings"}, **env)
    base = {k: v for k, v in base.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-c", f"import {entry_point}" if entry_point else SHOW_DEBUG],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL"),
        ({"TIME_ZONE": "Mars/Olympus"}, "TIME_ZONE"),
        ({"MAX_UPLOAD_SIZE": "fifty"}, "MAX_UPLOAD_SIZE"),
        ({"CACHE_MAX_ENTRIES": "many"}, "CACHE_MAX_ENTRIES"),
        ({"CACHE_URL": "pigeon://x"}, "CACHE_URL"),
        ({"EMAIL_URL": "pigeon://x"}, "EMAIL_URL"),
        ({"STORAGE_URL": "ftp://x"}, "STORAGE_URL"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT"),
        ({"SIGNED_URL_SECONDS": "soon"}, "SIGNED_URL_SECONDS"),
    ],
)
def test_malformed_environment_stops_startup_naming_the_variable(env, named):
    result = _start(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and named in result.stderr.splitlines()[-1]


def test_well_formed_environment_starts():
    result = _start(DEBUG="yes", TIME_ZONE="Australia/Sydney")
    assert result.returncode == 0 and result.stdout.strip() == "True"


@pytest.mark.parametrize("entry_point", ["wsisportal.wsgi", "wsisportal.asgi"])
def test_serving_without_secret_key_refuses_to_start(entry_point):
    result = _start(SECRET_KEY="", DEBUG="0", entry_point=entry_point)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_serving_with_secret_key_starts():
    result = _start(SECRET_KEY="long-enough-for-a-test", DEBUG="0", entry_point="wsisportal.wsgi")
    assert result.returncode == 0, result.stderr


def test_commands_that_sign_nothing_run_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("locmemcache://", "django.core.cache.backends.locmem.LocMemCache"),
        ("rediscache://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
        ("dummycache://", "django.core.cache.backends.dummy.DummyCache"),
    ],
)
def test_cache_url_chooses_the_backend(url, backend):
    result = _start(CACHE_URL=url)
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    shown = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "x", "DJANGO_SETTINGS_MODULE": "wsisportal.settings", "CACHE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and shown.stdout.strip() == backend, shown.stderr
