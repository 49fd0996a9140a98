"""Measure the memory an upload costs: `manage.py bench_upload --size-mb 200`.

The request goes through the whole stack (WSGI handler, multipart parser, form, checks, service,
storage) with the body streamed from a file on disk, as a web server would pass it. The process's
peak resident memory is reset just before the request (Linux /proc/self/clear_refs) and read after
it, so the figure is what the upload added. Everything is written in a transaction that is rolled
back and a temporary MEDIA_ROOT, so the database and media are left as they were.
"""

import datetime
import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.core.servers.basehttp import get_internal_wsgi_application
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test import Client, override_settings

BOUNDARY = "benchBoundary7d1f"
CSRF = "a" * 32


def rss_kib(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not found in /proc/self/status")


def write_body(path, meeting_group_pk, size):
    head = "".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in {
            "group": meeting_group_pk,
            "kind": "contribution",
            "title": "Bench upload",
            "language": "E",
        }.items()
    )
    head += f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
    head += "Content-Type: application/pdf\r\n\r\n"
    with open(path, "wb") as out:
        out.write(head.encode())
        out.write(b"%PDF-1.4\n")
        block = b"%" + b"x" * (1024 * 1024 - 2) + b"\n"
        for _ in range(size // len(block)):
            out.write(block)
        out.write(b"%%EOF\n\r\n")
        out.write(f"--{BOUNDARY}--\r\n".encode())


class Command(BaseCommand):
    help = "Upload a large file through the submit view and report the peak memory it added."

    def add_arguments(self, parser):
        parser.add_argument("--size-mb", type=int, default=200)

    def handle(self, *args, size_mb, **options):
        with tempfile.TemporaryDirectory() as tmp, override_settings(
            MEDIA_ROOT=tmp, MAX_UPLOAD_SIZE=(size_mb + 1) * 1024 * 1024, SECURE_SSL_REDIRECT=False,
            ALLOWED_HOSTS=["testserver"], FILE_UPLOAD_TEMP_DIR=tmp,
        ), transaction.atomic():  # fmt: skip
            self.run(Path(tmp), size_mb)
            transaction.set_rollback(True)

    def run(self, tmp, size_mb):
        from contributions.models import Document
        from meetings.models import Group, Meeting, Organisation, User

        org = Organisation.objects.create(
            name="Bench State", short_name="BENCHX", kind="member_state", country_code="BEN"
        )
        group = Group.objects.create(code="BENCH-G", name="Bench", open_to=["member_state"], symbol_prefix="BENCH")
        day = datetime.date(2100, 1, 1)
        meeting = Meeting.objects.create(group=group, number=1, start_date=day, end_date=day)
        user = User.objects.create_user("bench-user", organisation=org)
        client = Client()
        client.force_login(user)
        body = tmp / "body.bin"
        write_body(body, group.pk, size_mb * 1024 * 1024)
        environ = {
            "REQUEST_METHOD": "POST", "PATH_INFO": f"/documents/meetings/{meeting.pk}/submit/",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80", "HTTP_HOST": "testserver", "wsgi.url_scheme": "http", "wsgi.input": None,
            "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}", "CONTENT_LENGTH": str(body.stat().st_size),
            "HTTP_COOKIE": f"{client.cookies.output(header='', sep=';').strip()}; csrftoken={CSRF}",
            "HTTP_X_CSRFTOKEN": CSRF, "wsgi.errors": self.stderr, "wsgi.version": (1, 0),
            "wsgi.multithread": False, "wsgi.multiprocess": False, "wsgi.run_once": False,
        }  # fmt: skip
        app = get_internal_wsgi_application()
        # As Django's test client does: keep the connection (and its open transaction) across the request.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        statuses = []
        with open(body, "rb") as stream:
            environ["wsgi.input"] = stream
            Path("/proc/self/clear_refs").write_text("5")  # reset the peak (VmHWM) to the current RSS
            before, started = rss_kib("VmHWM"), time.monotonic()
            response = app(environ, lambda status, headers: statuses.append(status))
            b"".join(response)
            response.close()  # as a WSGI server does: closes the request's temporary upload file
            peak, elapsed = rss_kib("VmHWM"), time.monotonic() - started
        doc = Document.objects.filter(meeting=meeting).first()
        self.stdout.write(f"upload of {body.stat().st_size / 2**20:.0f} MiB: response {statuses[0]}, {elapsed:.1f} s")
        self.stdout.write(f"stored: {doc.symbol if doc else 'nothing'}; size {doc.files.get().size if doc else 0}")
        self.stdout.write(f"peak RSS before {before / 1024:.1f} MiB, during {peak / 1024:.1f} MiB")
        self.stdout.write(self.style.SUCCESS(f"memory added by the upload: {(peak - before) / 1024:.1f} MiB"))
        os.sync()
