"""`make bench`: the portal measured under load on a large dataset, in a throwaway database.

With DATABASE_URL on PostgreSQL it creates `<name>_bench` on the same server (dropped at the
end); otherwise a temporary SQLite file. Steps, each in a child process with the throwaway
DATABASE_URL and a temporary MEDIA_ROOT: migrate, collectstatic, bench_data (demo + large
dataset, query counts, PDF and search timings), gunicorn (2 workers, 127.0.0.1, DEBUG=0,
SECURE_SSL_REDIRECT=0) timed with wrk, and bench_upload (200 MB). Prints one table.
"""

import contextlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops import benchload

ROOT = Path(settings.BASE_DIR)
# The floor of every signed-in page: the bare view with the session cookie (session + user queries).
WITH_SESSION = "bare view, signed in"


@contextlib.contextmanager
def throwaway_database(db, workdir):
    """Yields the DATABASE_URL of an empty database that is dropped afterwards."""
    if not db["ENGINE"].endswith("postgresql"):
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    import psycopg2

    name = f"{db['NAME']}_bench"
    params = {
        "host": db.get("HOST") or "localhost",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER"),
        "password": db.get("PASSWORD"),
        "dbname": "postgres",
    }
    admin = psycopg2.connect(**params)
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        auth = f"{quote(params['user'] or '', safe='')}:{quote(params['password'] or '', safe='')}@"
        yield f"postgres://{auth}{params['host']}:{params['port']}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


class Command(BaseCommand):
    help = "Benchmark the portal on a large dataset under gunicorn; prints one table."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8200)
        parser.add_argument("--seconds", type=int, default=5, help="load duration per URL")
        parser.add_argument("--upload-mb", type=int, default=200)

    def handle(self, *args, port, seconds, upload_mb, **options):
        started, self.seconds = time.monotonic(), seconds
        with tempfile.TemporaryDirectory(prefix="wsis-bench-") as tmp:
            workdir = Path(tmp)
            with throwaway_database(settings.DATABASES["default"], workdir) as url:
                env = self.child_env(url, workdir)
                self.stdout.write(f"Throwaway database: {url.rsplit('@', 1)[-1]}")
                self.step(env, "migrate", "--noinput", "-v0")
                self.step(env, "collectstatic", "--noinput", "-v0")
                self.step(env, "bench_data", "--out", str(workdir / "bench.json"))
                data = json.loads((workdir / "bench.json").read_text())
                with benchload.gunicorn(env=env, port=port, cwd=ROOT) as base:
                    load = self.load(base, data, seconds)
                upload = self.upload(env, upload_mb)
        self.print_table(data, load, upload, time.monotonic() - started)

    def child_env(self, url, workdir):
        media = workdir / "media"
        media.mkdir()
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "MEDIA_ROOT": str(media),
            "DEBUG": "0",
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "ERROR",
        }
        env.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
        env["SECRET_KEY"] = env["SECRET_KEY"] or "bench-only-not-a-secret-" + "x" * 40
        return env

    def step(self, env, *args):
        self.stdout.write(f"$ manage.py {' '.join(args)}")
        result = subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT)
        if result.returncode:
            raise CommandError(f"manage.py {args[0]} failed ({result.returncode})")

    def load(self, base, data, seconds):
        if not benchload.shutil.which("wrk"):
            self.stdout.write(benchload.WRK_MISSING)
        # The bare view and the static file are requested without the session cookie, as a health
        # check or a browser's static request is: with it, Django's LoginRequiredMiddleware loads the
        # session and the user (2 queries) even for a login_not_required view.
        targets = [("bare view (/healthz)", data["bare_url"], ""), ("static file (whitenoise)", data["static_url"], "")]
        targets += [(WITH_SESSION, data["bare_url"], data["cookie"])]
        targets += [(page["name"], page["url"], data["cookie"]) for page in data["pages"]]
        api = data["api"]
        auth = api["authorization"]
        targets = [(name, path, cookie, "") for name, path, cookie in targets]
        targets += [(p["name"], p["url"], "", auth) for p in [api["floor"], *api["pages"]]]
        results = {}
        for name, path, cookie, authorization in targets:
            status = benchload.check_ok(base + path, cookie, authorization)
            if status != 200:
                raise CommandError(f"{name} answered {status} under gunicorn")
            results[name] = benchload.measure(base + path, cookie=cookie, seconds=seconds, authorization=authorization)
            self.stdout.write(f"  {name}: median {results[name]['p50']:.1f} ms")
        return results

    def upload(self, env, size_mb):
        self.stdout.write(f"$ manage.py bench_upload --size-mb {size_mb}")
        output = subprocess.run(
            [sys.executable, "manage.py", "bench_upload", "--size-mb", str(size_mb)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        seconds = re.search(r"response (.+?), ([\d.]+) s", output)
        memory = re.search(r"memory added by the upload: ([\d.]+) MiB", output)
        return {
            "mb": size_mb,
            "status": seconds.group(1),
            "seconds": float(seconds.group(2)),
            "mib": float(memory.group(1)),
        }

    def print_table(self, data, load, upload, elapsed):
        bare = load["bare view (/healthz)"]
        out = self.stdout.write
        out("")
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        tool = "wrk" if benchload.shutil.which("wrk") else "Python loop"
        out(f"WSIS Portal benchmark — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPU")
        out(f"({platform.machine()}), Python {platform.python_version()}, {engine}; gunicorn 2 workers on 127.0.0.1,")
        out(f"load: {tool}, 2 connections, {self.seconds} s per URL after a 1 s warm-up")
        header = f"{'page':<28}{'queries 1 row→many, hit':>24}{'median ms':>11}{'p95 ms':>9}{'req/s':>8}"
        out(f"{header}{'× bare':>8}{'× same':>8}")
        out("-" * 96)
        rows = [("bare view (/healthz)", "0"), ("static file (whitenoise)", "0"), (WITH_SESSION, "2")]
        rows += [(p["name"], f"{p['queries_small']}→{p['queries']}, {p['queries_cached']}") for p in data["pages"]]
        api = data["api"]
        rows += [(api["floor"]["name"], str(api["floor"]["queries"]))]
        rows += [(p["name"], f"{p['queries_small']}→{p['queries']}, -") for p in api["pages"]]
        signed_in = {WITH_SESSION} | {p["name"] for p in data["pages"]}
        by_token = {api["floor"]["name"]} | {p["name"] for p in api["pages"]}
        for name, queries in rows:
            r = load[name]
            if not r["rps"]:
                out(f"{name:<28}{queries:>24}   no response completed within {self.seconds} s")
                continue
            errors = f"  ({r['errors']} errors)" if r["errors"] else ""
            same_way = api["floor"]["name"] if name in by_token else WITH_SESSION if name in signed_in else None
            same = load[same_way or "bare view (/healthz)"]
            out(
                f"{name:<28}{queries:>24}{r['p50']:>11.1f}{r['p95']:>9.1f}{r['rps']:>8.0f}"
                f"{r['p50'] / bare['p50']:>8.1f}{r['p50'] / same['p50']:>8.1f}{errors}"
            )
        out("-" * 96)
        out("× bare: to the bare view requested anonymously; × same: to the bare view requested the same way")
        out("(the main pages, as a signed-in Member State delegate: to the bare view with the session cookie;")
        out("the API, with the delegate's personal token: to /api/v1/me/ with the token, uncached).")
        out("Queries: rendering afresh on the 1-row twin → on the large object, then with the fragments cached.")
        for name, value in data["timings"].items():
            out(f"{name:<66}{value * 1000:>10.0f} ms")
        label = f"upload of {upload['mb']} MB (bench_upload): {upload['status']}"
        out(f"{label:<66}{upload['seconds'] * 1000:>10.0f} ms, +{upload['mib']:.1f} MiB peak RSS")
        self.print_goals(data, load)
        out(f"Total bench time: {elapsed:.0f} s")

    def print_goals(self, data, load):
        static = load["static file (whitenoise)"]["p50"]
        floor = load[WITH_SESSION]["p50"]
        constant = [p["name"] for p in data["pages"] if p["queries"] != p["queries_small"]]
        slow = [p["name"] for p in data["pages"] if not load[p["name"]]["rps"] or load[p["name"]]["p50"] > 3 * floor]
        pdf = load["approved PDF download"]["p50"]
        self.stdout.write("Goals:")
        verdict = "met" if not constant else "MISSED: " + ", ".join(constant)
        self.stdout.write(f"  query counts constant in the number of rows: {verdict}")
        verdict = "met" if not slow else "MISSED: " + ", ".join(slow)
        self.stdout.write(f"  main pages within 3× the bare view requested the same way ({floor:.1f} ms): {verdict}")
        api = data["api"]
        api_floor = load[api["floor"]["name"]]["p50"]
        api_slow = [
            p["name"] for p in api["pages"] if not load[p["name"]]["rps"] or load[p["name"]]["p50"] > 8 * api_floor
        ]
        api_growing = [p["name"] for p in api["pages"] if p["queries"] != p["queries_small"]]
        verdict = "met" if not (api_slow or api_growing) else "MISSED: " + ", ".join(api_slow + api_growing)
        self.stdout.write(f"  API lists within 8× the token floor ({api_floor:.1f} ms), constant queries: {verdict}")
        self.stdout.write(
            f"  approved PDF {pdf:.1f} ms vs static file {static:.1f} ms: {pdf / static:.1f}× "
            f"(vs the signed-in bare view: {pdf / floor:.1f}×)"
        )
