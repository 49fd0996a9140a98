"""Tests against real services: Redis (cache, broker), an S3-compatible server (moto_server),
Celery workers and gunicorn nodes. Each fixture skips with the reason when its service is not
configured; `.ci/run` starts them and sets:

- TEST_REDIS_URL=redis://127.0.0.1:PORT   (db 1 is the cache, db 2 the broker)
- TEST_S3_ENDPOINT=http://127.0.0.1:PORT  (any S3-compatible endpoint; buckets made per test)

Workers and nodes need a database other processes can open: PostgreSQL (DATABASE_URL).
"""

import os
import uuid

import pytest
from django.db import connection

from wsisportal import environment

REDIS = os.environ.get("TEST_REDIS_URL", "").rstrip("/")
S3_ENDPOINT = os.environ.get("TEST_S3_ENDPOINT", "").rstrip("/")
S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def need_redis():
    if not REDIS:
        pytest.skip("needs Redis: set TEST_REDIS_URL=redis://127.0.0.1:6379 (.ci/run starts redis-server)")
    return REDIS


def need_s3():
    if not S3_ENDPOINT:
        pytest.skip("needs an S3-compatible server: set TEST_S3_ENDPOINT (.ci/run starts moto_server)")
    return S3_ENDPOINT


def need_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("other processes (workers, nodes) must share the test database: run with a postgres DATABASE_URL")


@pytest.fixture
def redis_cache(settings):
    """The default cache is Redis (db 1), empty."""
    from django.core.cache import cache

    settings.CACHES = {"default": environment.cache_config(f"{need_redis()}/1", max_entries=0)}
    cache.clear()
    yield cache
    cache.clear()


def make_bucket(endpoint):
    import boto3

    bucket = f"wsis-test-{uuid.uuid4().hex[:16]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=bucket)
    return bucket, client


def storage_url(bucket, endpoint):
    return f"s3://{bucket}?endpoint_url={endpoint}&region_name=us-east-1&addressing_style=path"


@pytest.fixture
def object_storage(settings, monkeypatch):
    """Django's default storage is a fresh bucket of the S3 server; returns (bucket, boto3 client)."""
    endpoint = need_s3()
    for name, value in S3_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    bucket, client = make_bucket(endpoint)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": environment.storage_config(
            url=storage_url(bucket, endpoint), bucket="", endpoint_url="", region_name="", signed_url_seconds=300
        ),
    }
    return bucket, client


def object_names(client, bucket, prefix=""):
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def database_url():
    """The test database as a URL another process can open (only PostgreSQL can be shared)."""
    need_postgresql()
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def service_env(**extra):
    """The environment of a worker or node started by a test: this test's database, secret, services."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CELERY_", "CACHE_URL", "STORAGE_URL"))}
    env.update(S3_CREDENTIALS, DATABASE_URL=database_url(), SECRET_KEY=os.environ.get("SECRET_KEY", "x"))
    env.update({k: str(v) for k, v in extra.items()})
    return env


@pytest.fixture
def real_broker(settings):
    """Tasks go to Redis (db 2, emptied) instead of running in this process; restored afterwards."""
    import redis

    from wsisportal.celery import app

    url = f"{need_redis()}/2"
    redis.Redis.from_url(url).flushdb()
    saved = {"broker_url": app.conf.broker_url, "task_always_eager": app.conf.task_always_eager}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url=url, task_always_eager=False)
    app._pool = None  # drop connections made for the in-memory broker
    app.amqp._producer_pool = None
    yield url
    app.conf.update(saved)
    app._pool = None
    app.amqp._producer_pool = None


class Worker:
    """`celery -A wsisportal worker` (prefork, one child) in its own process group, always stopped."""

    def __init__(self, env, log_path):
        import subprocess
        import sys

        self.log = open(log_path, "wb")  # noqa: SIM115 (closed in stop())
        command = [sys.executable, "-m", "celery", "-A", "wsisportal", "worker", "--pool", "prefork", "-c", "1",
                   "-l", "info", "--without-gossip", "--without-mingle", "--without-heartbeat",
                   "-n", f"test-{uuid.uuid4().hex[:8]}@%h"]  # fmt: skip
        self.process = subprocess.Popen(
            command, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.log_path = log_path

    def children(self):
        path = f"/proc/{self.process.pid}/task/{self.process.pid}/children"
        try:
            with open(path) as handle:
                return [int(pid) for pid in handle.read().split()]
        except FileNotFoundError:
            return []

    def output(self):
        with open(self.log_path, "rb") as handle:
            return handle.read().decode(errors="replace")

    def stop(self):
        import signal
        import subprocess

        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.log.close()


@pytest.fixture
def start_worker(tmp_path):
    workers = []

    def start(**env):
        worker = Worker(service_env(**env), tmp_path / f"worker-{len(workers)}.log")
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def wait_for(predicate, *, timeout, what, interval=0.2):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"gave up after {timeout} s waiting for {what}")
