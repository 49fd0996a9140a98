"""Build the benchmark dataset and measure what is measured in-process: `manage.py bench_data --out F`.

Run by `manage.py bench` against its throwaway database (never against one that matters). Loads
the demo, counts the SQL queries of every main page on the demo, adds the large dataset
(ops/benchdata.py) with one-row twins, counts the queries on the twins and on the large
objects, times the PDFs and the search, and writes a JSON file with the URLs and a session
cookie for the load tool.
"""

import json
import statistics
import time
from pathlib import Path

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from contributions.models import Document
from meetings.models import Group, Meeting, User
from ops import benchdata
from reports.document import build_document
from reports.models import Report
from reports.services import render_report_pdf
from roadmap import exports
from roadmap.models import RoadmapDraft
from wsisportal import access

# Pages about the whole site are counted on the demo (few rows) and on the large dataset; pages
# about one object on its one-row twin and on the large object.
WHOLE_SITE_PAGES = ("home", "search", "iCal feed")
READER = "ms-delegate"  # a Member State delegate: sees WG-WSIS and the Dedicated Group through the policy
SEARCH_WORD = "Internet"


def page_urls(*, meeting, draft, report):
    """The main pages, in the order of the table."""
    revision = report.revisions.order_by("-number").first()
    return {
        "home": reverse("meetings:home"),
        "meeting page": reverse("meetings:meeting_detail", args=[meeting.pk]),
        "document register": reverse("contributions:register", args=[meeting.pk]),
        "search": reverse("contributions:search") + f"?q={SEARCH_WORD}",
        "roadmap matrix": reverse("roadmap:draft", args=[draft.pk]),
        "report page": reverse("reports:report_detail", args=[report.pk]),
        "approved PDF download": reverse("reports:revision_pdf", args=[report.pk, revision.number]),
        "iCal feed": reverse("meetings:group_ical", args=["WG-WSIS"]),
    }


def count_queries(client, urls):
    """{name: (queries rendering the page afresh, queries when its fragments are cached)}."""
    counts = {}
    for name, url in urls.items():
        cache.clear()  # the first request renders everything: the count that grows with rows, if any
        counts[name] = (_count(client, name, url), _count(client, name, url))
    return counts


def _count(client, name, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, follow=True)  # the approved PDF: through its signed ticket
        b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200:
        raise CommandError(f"{name} ({url}) answered {response.status_code}")
    return len(captured)


def analyse():
    """Statistics for the planner and the visibility map, as autovacuum would have left them on a
    live database. Done here, not left to autovacuum: after the tens of thousands of rows just
    written it would vacuum them while the pages are being timed, on the same two cores."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'VACUUM (ANALYZE) "{table}"')


def explain(sql):
    """The plan of a captured query, as the database runs it (its parameters are inlined in the
    captured text, so only a SELECT is explained, never a write)."""
    if not sql.lstrip().upper().startswith("SELECT"):
        return ""
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    try:
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
    except Exception as error:  # SQLite's captured text only approximates its parameters
        return f"(not explained: {error})"


def timed(func, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return times


class Command(BaseCommand):
    help = "Load the demo, add the benchmark dataset, measure queries, PDFs and search; write JSON."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True)
        parser.add_argument(
            "--grow",
            type=int,
            default=0,
            help="on a database that holds the dataset: grow it to this many times its size, then time "
            "the search and EXPLAIN the slowest query of each page (the URLs of --pages)",
        )
        parser.add_argument("--pages", help="the JSON bench_data wrote (with --grow)")

    def handle(self, *args, out, grow, pages, **options):
        if grow:
            return self.grow(grow, json.loads(Path(pages).read_text()), out)
        if Meeting.objects.filter(number=benchdata.FIRST_NUMBER).exists():
            raise CommandError("This database already holds the benchmark dataset; bench_data needs a fresh one.")
        call_command("load_demo", stdout=self.stdout)
        client = Client(HTTP_HOST="127.0.0.1")  # an allowed host with DEBUG off
        client.force_login(User.objects.get(username=READER))
        demo = self.demo_objects()
        demo_counts = count_queries(client, page_urls(**demo))
        started = time.perf_counter()
        # The dataset's approvals notify their readers: the mails go to memory, not over the figures.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            bench = benchdata.build(stdout=self.stdout)
        analyse()
        self.stdout.write(f"  dataset built in {time.perf_counter() - started:.0f} s")
        small = count_queries(client, page_urls(**bench["small"]))
        small.update({name: demo_counts[name] for name in WHOLE_SITE_PAGES})
        urls = page_urls(meeting=bench["meeting"], draft=bench["draft"], report=bench["report"])
        counts = count_queries(client, urls)
        result = {
            "cookie": f"sessionid={client.cookies['sessionid'].value}",
            "pages": [
                {
                    "name": n,
                    "url": urls[n],
                    "queries_small": small[n][0],
                    "queries": counts[n][0],
                    "queries_cached": counts[n][1],
                }
                for n in urls
            ],
            "static_url": staticfiles_storage.url("vendor/bootstrap.min.css"),
            "bare_url": reverse("healthz"),
            "timings": self.timings(demo, bench),
            "api": self.api(bench),
        }
        with open(out, "w") as handle:
            json.dump(result, handle, indent=1)

    def grow(self, scale, data, out):
        """The dataset grown to `scale` times; in-process: the search's median and, for each page,
        its slowest query with the database's plan for it (EXPLAIN ANALYZE on PostgreSQL)."""
        if not Meeting.objects.filter(number=benchdata.FIRST_NUMBER).exists():
            raise CommandError("--grow needs the benchmark dataset (run bench_data first).")
        started = time.perf_counter()
        benchdata.grow(scale=scale, stdout=self.stdout)
        analyse()
        self.stdout.write(f"  grown in {time.perf_counter() - started:.0f} s")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=READER))
        reader = User.objects.get(username=READER)
        visible = access.visible_documents(reader)
        explains = {}
        for page in data["pages"]:
            cache.clear()
            client.get(page["url"], follow=True)  # warm: the process's first rendering compiles templates
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page["url"], follow=True)
                b"".join(response.streaming_content) if response.streaming else response.content
            slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
            explains[page["name"]] = {
                "ms": float(slowest["time"]) * 1000,
                "sql": slowest["sql"],
                "plan": explain(slowest["sql"]),
            }
        result = {
            "scale": scale,
            "documents": Document.objects.count(),
            "meetings": Meeting.objects.count(),
            "users": User.objects.count(),
            "roadmap_drafts": RoadmapDraft.objects.count(),
            "search_ms": statistics.median(
                timed(lambda: list(visible.search(SEARCH_WORD).order_by("-available_at")[:50]), 20)
            )
            * 1000,
            "explains": explains,
        }
        with open(out, "w") as handle:
            json.dump(result, handle, indent=1)

    def api(self, bench):
        """The read-only API, as a script reads it (a personal token, no session): the documents list
        (a page of 100 of every document) and its floor, a trivial token-authenticated endpoint."""
        from api import tokens

        _token, secret = tokens.create_token(user=User.objects.get(username=READER), name="bench")
        client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}")
        floor, url = reverse("api:me"), reverse("api:document-list") + "?page_size=100"
        small = reverse("api:document-list") + f"?page_size=100&meeting={bench['small']['meeting'].pk}"
        return {
            "authorization": f"Bearer {secret}",
            "floor": {"name": "API floor, token (/api/v1/me/)", "url": floor, "queries": _count(client, "me", floor)},
            "pages": [
                {
                    "name": "API documents, 100 of all",
                    "url": url,
                    "queries_small": _count(client, "API documents", small),
                    "queries": _count(client, "API documents", url),
                }
            ],
        }

    def demo_objects(self):
        meeting = Meeting.objects.get(group__code="WG-WSIS", number=14)
        wg = Group.objects.get(code="WG-WSIS")
        return {
            "meeting": meeting,
            "draft": RoadmapDraft.objects.filter(roadmap__group=wg).order_by("-number").first(),
            "report": Report.objects.get(meeting=meeting, group=wg, kind="report"),
        }

    def timings(self, demo, bench):
        """Seconds: PDFs (best of 2, after the first render warmed WeasyPrint), search (median of 20)."""
        render_report_pdf(build_document(demo["report"]), draft=True)
        reader = User.objects.get(username=READER)
        visible = access.visible_documents(reader)
        return {
            "demo report PDF": min(timed(lambda: render_report_pdf(build_document(demo["report"]), draft=True), 2)),
            "demo roadmap PDF": min(timed(lambda: exports.export_pdf(demo["draft"]), 2)),
            "roadmap PDF, 330 rows": min(timed(lambda: exports.export_pdf(bench["draft"]), 1)),
            "approval of the 300-paragraph report (render)": bench["report"].revisions.get().render_seconds,
            f"search '{SEARCH_WORD}' over {Document.objects.count()} documents (query)": statistics.median(
                timed(lambda: list(visible.search(SEARCH_WORD).order_by("-available_at")[:50]), 20)
            ),
            "search a symbol '/17' (query)": statistics.median(
                timed(lambda: list(visible.search("/17").order_by("-available_at")[:50]), 20)
            ),
        }
