"""The shared services a deployment names in its environment: the cache, the file store and the
task queue. Pure functions of the variables' values (settings.py calls them), so each mapping is
tested without starting anything.

- CACHE_URL: `locmem://` (default: each process its own memory) or `redis://host:6379/1`. Redis
  URLs always get Django's own RedisCache backend: django-environ would pick django-redis
  whenever that happens to be importable, a silent switch of behaviour.
- STORAGE_URL: `file://` (default: MEDIA_ROOT on local disk) or `s3://bucket/prefix?endpoint_url=…
  &region_name=…&addressing_style=path` for any S3-compatible store (AWS, MinIO, Ceph). Without
  STORAGE_URL, AWS_STORAGE_BUCKET_NAME selects S3 too, with the usual AWS_S3_ENDPOINT_URL and
  AWS_S3_REGION_NAME. Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the
  machine's role, as boto3 finds it), never from the URL.
- CELERY_BROKER_URL: unset runs every task in the process that enqueued it (`make demo`, tests);
  `redis://host:6379/2` hands them to `celery -A wsisportal worker`.
"""

from urllib.parse import parse_qsl, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

REDIS_SCHEMES = {"redis", "rediss", "rediscache", "valkey", "valkeys"}
DJANGO_REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
LOCAL_DISK = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
S3_QUERY_OPTIONS = {"endpoint_url", "region_name", "addressing_style", "signature_version", "custom_domain"}


def cache_config(url, *, max_entries):
    """The CACHES["default"] entry for CACHE_URL."""
    scheme = url.partition("://")[0].lower()
    if scheme == "locmem":
        url = "locmemcache://" + url.partition("://")[2]
    config = environ.Env.cache_url_config(url)
    if scheme in REDIS_SCHEMES:
        config["BACKEND"] = DJANGO_REDIS_CACHE
    if config["BACKEND"].endswith("LocMemCache"):
        config.setdefault("OPTIONS", {})["MAX_ENTRIES"] = max_entries
    return config


def storage_config(*, url, bucket, endpoint_url, region_name, signed_url_seconds):
    """The STORAGES["default"] entry for STORAGE_URL (or, without it, AWS_STORAGE_BUCKET_NAME)."""
    if not url:
        url = f"s3://{bucket}" if bucket else "file://"
    parts = urlsplit(url)
    if parts.scheme == "file":
        return {"BACKEND": LOCAL_DISK}
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured(f"STORAGE_URL must be file:// or s3://bucket[/prefix][?options]: {url!r}")
    query = dict(parse_qsl(parts.query))
    unknown = set(query) - S3_QUERY_OPTIONS
    if unknown:
        raise ImproperlyConfigured(
            f"STORAGE_URL has unknown options {sorted(unknown)}; known: {sorted(S3_QUERY_OPTIONS)}"
        )
    options = {
        "bucket_name": parts.netloc,
        "location": parts.path.strip("/"),
        "endpoint_url": endpoint_url or None,
        "region_name": region_name or None,
        "signature_version": "s3v4",
        # Private objects, never overwritten (names are random or carry their checksum), handed out
        # only as presigned URLs that expire: a reader needs the portal's word each time.
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": signed_url_seconds,
        **query,
    }
    return {"BACKEND": S3, "OPTIONS": options}


def is_object_storage(storage):
    """True when `storage` is an S3-compatible store (downloads are then presigned URLs)."""
    return hasattr(storage, "bucket_name")
