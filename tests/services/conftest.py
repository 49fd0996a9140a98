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
