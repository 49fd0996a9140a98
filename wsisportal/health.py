"""Health checks a load balancer or monitor polls.

- /healthz: the process serves requests. No database, no session, no template: it stays cheap
  (the benchmark also uses it as the bare Django view that main pages are compared with).
- /readyz: the services a request needs answer: the database, the cache, the file storage and the
  task queue, each timed. 200 when all do, 503 (with the one that failed named) otherwise, so a
  load balancer takes a node out while its services are unreachable. It says which check failed
  and the kind of error, never the error's text (which can hold host names).
"""

import time
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

BROKER_TIMEOUT_SECONDS = 2


@login_not_required
@never_cache
def healthz(request):
    """Answers "ok" while the process serves requests."""
    return HttpResponse("ok", content_type="text/plain")


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was just stored")
    cache.delete(key)


def check_storage():
    default_storage.exists("readyz-probe")  # a listing/HEAD: proves the store answers and we may read


def check_queue():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "inline"  # no broker: tasks run in the requesting process
    from wsisportal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    return None


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage, "queue": check_queue}


@login_not_required
@never_cache
def readyz(request):
    results, ready = {}, True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            note = check()
        except Exception as exc:  # any failure means "not ready"; the kind is enough to act on
            results[name] = {"ok": False, "error": type(exc).__name__}
            ready = False
        else:
            results[name] = {"ok": True, **({"mode": note} if note else {})}
        results[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return JsonResponse({"ready": ready, "checks": results}, status=200 if ready else 503)
