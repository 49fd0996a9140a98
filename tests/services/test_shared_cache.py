"""The cache in Redis (CACHE_URL=redis://…), as several application servers share it: what one
process stored another reads, a change is seen on the next request, and a fragment a member of the
Dedicated Group filled never reaches an outsider. Two Django cache connections to the same Redis
stand for two nodes here; tests/services/test_two_nodes.py runs real gunicorn nodes."""

import pickle

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.urls import reverse

from tests.factories import World
from tests.reports.factories import make_block, make_report, make_revision, make_section
from wsisportal import environment, fragments

pytestmark = pytest.mark.services


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _fragments(cache):
    redis = caches["default"]._cache.get_client()
    return {key.decode(): pickle.loads(redis.get(key)) for key in redis.scan_iter(match=":1:fragment:*")}


@pytest.mark.parametrize("url", ["redis://h:6379/1", "rediss://h:6380/1", "rediscache://h:6379/1"])
def test_a_redis_url_always_gets_djangos_own_backend(url):
    assert environment.cache_config(url, max_entries=300)["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


def test_locmem_is_the_default_and_keeps_its_bound():
    config = environment.cache_config("locmem://", max_entries=12)
    assert config["BACKEND"].endswith("LocMemCache") and config["OPTIONS"]["MAX_ENTRIES"] == 12


def test_what_one_node_cached_the_other_reads(redis_cache, settings):
    assert isinstance(caches["default"], RedisCache)
    other_node = caches.create_connection("default")  # a second connection, as a second server has
    calls = []
    assert fragments.cached("report-revision", (7, "abc"), lambda: calls.append(1) or "text A") == "text A"
    [raw_key] = _fragments(redis_cache)
    assert other_node.get(raw_key.removeprefix(":1:")) == "text A"
    assert fragments.cached("report-revision", (7, "abc"), lambda: calls.append(1) or "text B") == "text A"
    assert calls == [1]


@pytest.fixture
def committed_world(transactional_db, redis_cache):
    return World()


def test_a_new_revision_is_seen_on_the_next_request_and_outsiders_get_nothing(committed_world, redis_cache):
    world = committed_world
    report = make_report(world.meeting, group=world.dg, title="Dedicated Group report")
    make_block(report, make_section(report), body="<p>Restricted-Paragraph-One</p>")
    make_revision(report, world.secretariat)
    url = reverse("reports:report_detail", args=[report.pk])
    assert "Restricted-Paragraph-One" in _client(world.ms_delegate).get(url).content.decode()
    assert any("Restricted-Paragraph-One" in html for html in _fragments(redis_cache).values())
    outsider = _client(world.sm_delegate).get(url)
    assert outsider.status_code == 404 and "Restricted-Paragraph-One" not in outsider.content.decode()
    report.revision += 1
    report.save(update_fields=["revision"])
    make_block(report, make_section(report, "Later"), body="<p>Second-Revision-Paragraph</p>")
    make_revision(report, world.secretariat)
    assert "Second-Revision-Paragraph" in _client(world.ms_delegate).get(url).content.decode()
    personal = [key for key, html in _fragments(redis_cache).items() if "csrfmiddlewaretoken" in html]
    assert personal == []
