"""Two application servers (gunicorn, production settings) share PostgreSQL, Redis and the S3
store, as behind a load balancer. What is written through one is seen through the other on the
next request; neither serves restricted or stale content from the shared cache; and when one node
stops under load, the other keeps answering without an error."""

import datetime
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from ops import benchload
from reports.models import ReportStatus
from tests.factories import World
from tests.reports.factories import make_block, make_report, make_section
from tests.roadmap.conftest import RoadmapWorld
from tests.services.conftest import S3_ENDPOINT, need_redis, need_s3, service_env, storage_url

pytestmark = pytest.mark.services
PORTS = (8723, 8724)
ROOT_DIR = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Production settings serve hashed static files: collect them once, into a folder of the test's.
    Session-scoped fixtures are set up first: skip before the costly collection when a service is missing."""
    need_redis(), need_s3()
    root = tmp_path_factory.mktemp("static")
    env = {"STATIC_ROOT": str(root), "SECRET_KEY": "x", "DEBUG": "0"}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT_DIR, check=True,
                   env={**__import__("os").environ, **env}, timeout=300)  # fmt: skip
    return root


@pytest.fixture
def nodes(transactional_db, object_storage, collected_static, tmp_path):
    """Two gunicorn nodes (one worker each): their base URLs; both stopped at the end whatever happens."""
    bucket, _s3 = object_storage
    cache.clear()
    env = service_env(
        STORAGE_URL=storage_url(bucket, S3_ENDPOINT), CACHE_URL=f"{need_redis()}/1", STATIC_ROOT=collected_static,
        DEBUG=0, SECURE_SSL_REDIRECT=0, ALLOWED_HOSTS="127.0.0.1", LOG_LEVEL="ERROR", AXES_ENABLED=0,
    )  # fmt: skip
    env.pop("CELERY_BROKER_URL", None)  # tasks run in the node that asked (covered by test_worker.py)
    with (
        benchload.gunicorn(env=env, port=PORTS[0], workers=1, cwd=ROOT_DIR) as (a, pid_a),
        benchload.gunicorn(env=env, port=PORTS[1], workers=1, cwd=ROOT_DIR) as (b, _pid_b),
    ):
        yield a, b, pid_a


def _session(user):
    client = Client()
    client.force_login(user)  # a session row in the shared database: valid on every node
    http = requests.Session()
    http.cookies.set("sessionid", client.cookies["sessionid"].value)
    return http


def _post(http, base, path, data, files=None, form_path=None):
    """POST as a browser does: the form's CSRF token, and its cookie (marked Secure by the production
    settings, so the client would not send it back over plain http by itself)."""
    page = http.get(base + (form_path or path), timeout=60)
    token = CSRF.search(page.text).group(1)
    csrf_cookie = next(c.value for c in http.cookies if c.name == "csrftoken")
    return http.post(
        base + path, data={**data, "csrfmiddlewaretoken": token}, files=files, timeout=120,
        cookies={"csrftoken": csrf_cookie}, headers={"Referer": base + path}, allow_redirects=False,
    )  # fmt: skip


def test_a_write_through_one_node_is_read_through_the_other_at_once(nodes):
    a, b, _ = nodes
    world = World()
    world.meeting.start_date = datetime.date.today() + datetime.timedelta(days=30)
    world.meeting.end_date = world.meeting.start_date + datetime.timedelta(days=2)
    world.meeting.save()
    ms, sm, sec, chair = (_session(u) for u in (world.ms_delegate, world.sm_delegate, world.secretariat, world.chair))
    register = reverse("contributions:register", args=[world.meeting.pk])
    assert "Two-Node-Restricted-Paper" not in ms.get(b + register, timeout=60).text  # node B caches what it can

    # 1. A document of the Dedicated Group submitted through node A.
    submit = reverse("contributions:submit", args=[world.meeting.pk])
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    answer = _post(ms, a, submit, {"group": world.dg.pk, "kind": "contribution", "title": "Two-Node-Restricted-Paper",
                                   "language": "E"}, files={"file": ("paper.pdf", pdf, "application/pdf")})  # fmt: skip
    assert answer.status_code == 302, answer.text[:2000]
    assert "Two-Node-Restricted-Paper" in ms.get(b + register, timeout=60).text
    assert "Two-Node-Restricted-Paper" not in sm.get(b + register, timeout=60).text
    document = world.dg.documents.get()
    assert sm.get(b + reverse("contributions:document_detail", args=[document.pk]), timeout=60).status_code == 404
    download = ms.get(b + reverse("contributions:download", args=[document.pk, "E"]), allow_redirects=False)
    assert (
        download.headers["Location"].startswith(S3_ENDPOINT)
        and requests.get(download.headers["Location"]).content == pdf
    )

    # 2. A report approved through node A (its PDF rendered into the bucket by node A).
    report = make_report(world.meeting, title="Two-node report", status=ReportStatus.CIRCULATED)
    make_block(report, make_section(report), body="<p>Approved-Through-Node-A</p>")
    detail = reverse("reports:report_detail", args=[report.pk])
    assert "Approved-Through-Node-A" in chair.get(b + detail, timeout=60).text
    report.refresh_from_db()
    answer = _post(chair, a, reverse("reports:report_approve", args=[report.pk]), {"lock_version": report.lock_version},
                   form_path=detail)  # fmt: skip
    assert answer.status_code == 302
    revision = report.revisions.get()
    pdf_url = b + reverse("reports:revision_pdf", args=[report.pk, revision.number])
    served = ms.get(pdf_url, timeout=60)
    assert served.status_code == 200 and served.headers["ETag"] == f'"{revision.sha256}"'
    assert reverse("reports:revision_pdf", args=[report.pk, revision.number]) in ms.get(b + detail, timeout=60).text

    # 3. A roadmap cell edited through node A.
    rw = RoadmapWorld(world)
    matrix = reverse("roadmap:draft", args=[rw.draft.pk])
    assert "Global Cybersecurity Agenda" in sec.get(b + matrix, timeout=60).text
    cell = reverse("roadmap:cell", args=[rw.row_a1.pk, "outcome"])
    data = {"code": "A1", "outcome": "Edited-Through-Node-A", "source": "", "revision": rw.row_a1.revision}
    assert _post(sec, a, cell, data).status_code == 200
    after = sec.get(b + matrix, timeout=60).text
    assert "Edited-Through-Node-A" in after and "Global Cybersecurity Agenda" not in after


def test_when_one_node_stops_under_load_the_other_answers_without_error(nodes):
    a, b, pid_a = nodes
    world = World()
    ms = _session(world.ms_delegate)
    register = reverse("contributions:register", args=[world.meeting.pk])
    answers = {a: [], b: []}
    stop = threading.Event()

    def load(base):
        while not stop.is_set():
            try:
                answers[base].append(ms.get(base + register, timeout=30).status_code)
            except requests.ConnectionError:
                answers[base].append("refused")

    threads = [threading.Thread(target=load, args=(base,)) for base in (a, a, b, b)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    import os
    import signal

    os.kill(pid_a, signal.SIGTERM)  # graceful: requests in flight finish, new ones are refused
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert answers[b] and set(answers[b]) == {200}, answers[b]
    assert set(answers[a]) <= {200, "refused"} and "refused" in answers[a], answers[a]
