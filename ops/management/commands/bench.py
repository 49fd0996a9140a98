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
# The approved PDF's bytes, through the signed ticket its download redirects to (a fresh one per run).
TICKET = "approved PDF file (ticket)"
# Uncached median within this many times the signed-in floor (8× for every page not named).
GOALS = {"roadmap matrix": 12}
MIXED_PAGES = ["document register", "roadmap matrix"]
# Uncached, each page is compared with its floor measured just before and just after it, for this long.
FLOOR_SECONDS = 2
GROWTH_GOAL = 1.3  # at 10× the dataset, each page's median within this many times its 1× figure
SEARCH_GOAL_MS = 50


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


# Pages timed while 200 participants follow a sitting (the live row).
LIVE_PAGES = ("home", "meeting page")


class Command(BaseCommand):
    help = "Benchmark the portal on a large dataset under gunicorn; prints one table."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8200)
        parser.add_argument("--seconds", type=int, default=5, help="load duration per URL")
        parser.add_argument("--upload-mb", type=int, default=200)
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="also grow the dataset to this many times its size and time the pages again (10: 50,000 "
            "documents, 500 meetings, 20,000 users, 10 roadmaps)",
        )

    def handle(self, *args, port, seconds, upload_mb, scale, **options):
        started, self.seconds = time.monotonic(), seconds
        grown = None
        with tempfile.TemporaryDirectory(prefix="wsis-bench-") as tmp:
            workdir = Path(tmp)
            with throwaway_database(settings.DATABASES["default"], workdir) as url:
                env = self.child_env(url, workdir)
                self.stdout.write(f"Throwaway database: {url.rsplit('@', 1)[-1]}")
                self.step(env, "migrate", "--noinput", "-v0")
                self.step(env, "collectstatic", "--noinput", "-v0")
                self.step(env, "bench_data", "--out", str(workdir / "bench.json"))
                data = json.loads((workdir / "bench.json").read_text())
                with benchload.gunicorn(env=env, port=port, cwd=ROOT) as (base, _pid):
                    load = self.load(base, data, seconds)
                    live = self.live(base, data, env, workdir)
                # The same pages with the cache disabled (every fragment rendered on every request),
                # then two of them again while another process writes content 5 times a second.
                uncached_env = {**env, "CACHE_URL": "dummycache://"}
                with benchload.gunicorn(env=uncached_env, port=port, cwd=ROOT) as (base, pid):
                    uncached = self.load(base, data, seconds, pages_only=True)
                    mixed = self.mixed(base, data, seconds, uncached_env, pid)
                nodes = self.nodes(env, data, seconds, port)
                upload = self.upload(env, upload_mb)
                if scale > 1:
                    grown = self.grow(env, data, seconds, port, scale, workdir)
        self.print_table(data, load, uncached, upload, time.monotonic() - started)
        self.print_mixed(mixed, uncached)
        self.print_live(live)
        self.print_nodes(nodes, load)
        if grown:
            self.print_grown(grown, load)

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

    def load(self, base, data, seconds, pages_only=False):
        if not benchload.shutil.which("wrk") and not pages_only:
            self.stdout.write(benchload.WRK_MISSING)
        # The bare view and the static file are requested without the session cookie, as a health
        # check or a browser's static request is: with it, Django's LoginRequiredMiddleware loads the
        # session and the user (2 queries) even for a login_not_required view.
        targets = [("bare view (/healthz)", data["bare_url"], ""), ("static file (whitenoise)", data["static_url"], "")]
        targets = [] if pages_only else targets
        targets += [(WITH_SESSION, data["bare_url"], data["cookie"])]
        targets += [(page["name"], page["url"], data["cookie"]) for page in data["pages"]]
        targets = [(name, path, cookie, "") for name, path, cookie in targets]
        api = data["api"]
        targets += [(p["name"], p["url"], "", api["authorization"]) for p in [api["floor"], *api["pages"]]]
        results = {}
        floors = {
            WITH_SESSION: (data["bare_url"], data["cookie"], ""),
            api["floor"]["name"]: (api["floor"]["url"], "", api["authorization"]),
        }
        for name, path, cookie, authorization in targets:
            status = benchload.check_ok(base + path, cookie, authorization)
            if status != 200:
                raise CommandError(f"{name} answered {status} under gunicorn")
            results[name] = benchload.measure(base + path, cookie=cookie, seconds=seconds, authorization=authorization)
            self.stdout.write(f"  {name}: median {results[name]['p50']:.1f} ms")
            if pages_only and name not in floors:
                floor = api["floor"]["name"] if authorization else WITH_SESSION
                results[name]["floor"] = self.floor_beside(base, results, floors, floor)
            if name == "approved PDF download":  # a redirect: its ticket is what sends the bytes
                ticket = benchload.redirect_location(base + path, cookie)
                results[TICKET] = benchload.measure(base + ticket, cookie="", seconds=seconds)
                self.stdout.write(f"  {TICKET}: median {results[TICKET]['p50']:.1f} ms")
        return results

    def floor_beside(self, base, results, floors, floor):
        """The floor's median measured just after a page, averaged with its figure just before it
        (the previous measurement of it): the ratio of a page to its floor compares figures taken
        within seconds of each other, not minutes (a shared machine's speed drifts meanwhile)."""
        path, cookie, authorization = floors[floor]
        after = benchload.measure(
            base + path, cookie=cookie, seconds=FLOOR_SECONDS, authorization=authorization, warm_up=False
        )["p50"]
        before = results[floor].get("latest", results[floor]["p50"])
        results[floor]["latest"] = after
        return (before + after) / 2

    def live(self, base, data, env, workdir):
        """200 participants following a sitting (polling its live panel as browsers do) while the
        chair moves on ten times; the pages of LIVE_PAGES timed meanwhile (ops/benchlive.py)."""
        urls = {p["name"]: p["url"] for p in data["pages"]}
        out = workdir / "live.json"
        pages = [f"--page={name}={urls[name]}" for name in LIVE_PAGES]
        self.step(env, "bench_live", f"--base={base}", f"--cookie={data['cookie']}", f"--out={out}", *pages)
        return json.loads(out.read_text())

    def print_live(self, live):
        out, s = self.stdout.write, live["summary"]
        out(
            f"Live ({live['participants']} participants polling the watch URL once a second, the chair moving on "
            f"{live['moves']} times; {live['polls']} polls, {live.get('panels', 0)} panels with the session, "
            f"{live['errors']} errors):"
        )
        verdict = "met" if s["within_2s"] == s["total"] else "MISSED"
        out(
            f"  moves seen {s['moves_seen']}/{s['total']}, within 2 s: {s['within_2s']}/{s['total']} "
            f"(lag median {s['p50']:.2f} s, p95 {s['p95']:.2f} s, max {s['max']:.2f} s; goal all ≤ 2 s: {verdict})"
        )
        for name, page in live["pages"].items():
            ratios = ", ".join(f"{r:.2f}" for r in page["ratios"])
            if not page["during"]:  # no request completed while the participants polled
                out(f"  {name:<26} no answer completed meanwhile (goal ≤ 1.5× of {page['alone']:.1f} ms: MISSED)")
                continue
            verdict = "met" if page["ratio"] <= 1.5 else "MISSED"
            out(
                f"  {name:<26} median {page['during']:.1f} ms vs {page['alone']:.1f} ms without them: "
                f"{page['ratio']:.2f}× (rounds {ratios}; goal ≤ 1.5×: {verdict})"
            )

    def mixed(self, base, data, seconds, env, pid):
        """p95 of the register and the matrix while 5 content writes a second land, and the workers'
        memory before and after."""
        urls = {p["name"]: p["url"] for p in data["pages"]}
        rss_before = benchload.workers_rss_mib(pid)
        writer = subprocess.Popen(
            [sys.executable, "manage.py", "bench_writes", "--per-second", "5", "--seconds", str(2 * seconds + 4)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            results = {
                name: benchload.measure(base + urls[name], cookie=data["cookie"], seconds=seconds)
                for name in MIXED_PAGES
            }
        finally:
            written = writer.communicate(timeout=120)[0].strip()
        return {
            "pages": results,
            "rss_before": rss_before,
            "rss_after": benchload.workers_rss_mib(pid),
            "written": written,
        }

    def nodes(self, env, data, seconds, port):
        """Two gunicorn nodes (1 worker each) sharing the database and a private Redis as the cache,
        loaded at once; then the mixed load (writes from another process) through one of them.
        Skipped (None) when redis-server is not installed."""
        if not benchload.shutil.which("redis-server"):
            self.stdout.write("redis-server not found (Debian: apt-get install -y redis-server): no multi-node rows.")
            return None
        with benchload.redis_server(port + 10) as redis_url:
            node_env = {**env, "CACHE_URL": f"{redis_url}/1"}
            with (
                benchload.gunicorn(env=node_env, port=port + 1, workers=1, cwd=ROOT) as (a, pid_a),
                benchload.gunicorn(env=node_env, port=port + 2, workers=1, cwd=ROOT) as (b, _pid_b),
            ):
                urls = {p["name"]: p["url"] for p in data["pages"]}
                both = {
                    name: benchload.measure_together(
                        [a + urls[name], b + urls[name]], cookie=data["cookie"], seconds=seconds
                    )
                    for name in MIXED_PAGES
                }
                mixed = self.mixed(a, data, seconds, node_env, pid_a)
        return {"both": both, "mixed": mixed}

    def grow(self, env, data, seconds, port, scale, workdir):
        """The dataset grown `scale` times (other groups beside it), the same pages timed again."""
        out = workdir / "grown.json"
        self.step(env, "bench_data", "--grow", str(scale), "--pages", str(workdir / "bench.json"), "--out", str(out))
        with benchload.gunicorn(env=env, port=port, cwd=ROOT) as (base, _pid):
            load = self.load(base, data, seconds, pages_only=True)
        return {**json.loads(out.read_text()), "load": load}

    def print_grown(self, grown, load):
        out, scale = self.stdout.write, grown["scale"]
        out(
            f"At {scale}× ({grown['documents']} documents, {grown['meetings']} meetings, {grown['users']} users, "
            f"{grown['roadmap_drafts']} roadmap drafts), the same pages (goal: median within {GROWTH_GOAL}× of 1×):"
        )
        missed = []
        for name, r in grown["load"].items():
            if name not in load:
                continue
            ratio = r["p50"] / load[name]["p50"]
            if ratio > GROWTH_GOAL:
                missed.append(name)
            out(f"  {name:<26} 1×: {load[name]['p50']:7.1f} ms   {scale}×: {r['p50']:7.1f} ms   {ratio:.2f}×")
        out(f"  goal: {'MISSED: ' + ', '.join(missed) if missed else 'met'}")
        verdict = "met" if grown["search_ms"] < SEARCH_GOAL_MS else "MISSED"
        search = grown["search_ms"]
        out(f"  full-text search at {scale}× (query, median of 20): {search:.1f} ms")
        out(f"  (goal < {SEARCH_GOAL_MS} ms: {verdict})")
        out(f"The slowest query of each page at {scale}×, with its plan:")
        for name, e in grown["explains"].items():
            out(f"  {name}: {e['ms']:.1f} ms")
            out(f"    {e['sql'][:300]}{'…' if len(e['sql']) > 300 else ''}")
            for line in e["plan"].splitlines():
                out(f"      {line}")

    def print_nodes(self, nodes, load):
        if nodes is None:
            return
        out = self.stdout.write
        out("Two nodes (gunicorn × 1 worker each, one shared Redis cache, the same database), loaded at once:")
        for name, (a, b) in nodes["both"].items():
            if not (a["rps"] and b["rps"]):
                out(f"  {name:<26} no response completed on both nodes within {self.seconds} s")
                continue
            errors = a["errors"] + b["errors"]
            out(
                f"  {name:<26} median {a['p50']:.1f} / {b['p50']:.1f} ms, {a['rps'] + b['rps']:.0f} req/s together "
                f"(one node × 2 workers: {load[name]['p50']:.1f} ms, {load[name]['rps']:.0f} req/s)"
                + (f"  ({errors} errors)" if errors else "")
            )
        mixed = nodes["mixed"]
        out(f"Under editing with the Redis cache ({mixed['written']} by another process):")
        for name, r in mixed["pages"].items():
            if not r["rps"]:
                out(f"  {name:<26} no response completed within {self.seconds} s")
                continue
            out(f"  {name:<26} median {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms vs {load[name]['p95']:.1f} ms read-only")

    def print_mixed(self, mixed, uncached):
        out = self.stdout.write
        out(f"Under editing (cache off; {mixed['written']} by another process while these were measured):")
        for name, r in mixed["pages"].items():
            alone = uncached[name]["p95"]
            verdict = "met" if r["p95"] <= 2 * alone else "MISSED"
            out(
                f"  {name:<26} p95 {r['p95']:.1f} ms vs {alone:.1f} ms read-only: "
                f"{r['p95'] / alone:.2f}× (goal ≤ 2×: {verdict})"
            )
        out(f"  gunicorn workers' RSS: {mixed['rss_before']:.1f} MiB before, {mixed['rss_after']:.1f} MiB after")

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

    def print_table(self, data, load, uncached, upload, elapsed):
        out = self.stdout.write
        out("")
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        tool = "wrk" if benchload.shutil.which("wrk") else "Python loop"
        out(f"WSIS Portal benchmark — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPU")
        out(f"({platform.machine()}), Python {platform.python_version()}, {engine}; gunicorn 2 workers on 127.0.0.1,")
        out(f"load: {tool}, 2 connections, {self.seconds} s per URL after a 1 s warm-up")
        header = f"{'page':<26}{'queries 1→many':>15}{'median ms':>10}{'p95':>7}{'req/s':>7}"
        out(f"{header}{'uncached':>10}{'p95':>7}{'× floor':>9}{'goal':>6}")
        out("-" * 97)
        rows = [("bare view (/healthz)", "0"), ("static file (whitenoise)", "0"), (WITH_SESSION, "2")]
        rows += [(p["name"], f"{p['queries_small']}→{p['queries']}") for p in data["pages"]]
        rows.insert(next(i for i, (n, _q) in enumerate(rows) if n == "approved PDF download") + 1, (TICKET, "0"))
        api = data["api"]
        rows += [(api["floor"]["name"], str(api["floor"]["queries"]))]
        rows += [(p["name"], f"{p['queries_small']}→{p['queries']}") for p in api["pages"]]
        floors = {name: WITH_SESSION for name in [WITH_SESSION, *(p["name"] for p in data["pages"])]}
        floors |= {name: api["floor"]["name"] for name in [api["floor"]["name"], *(p["name"] for p in api["pages"])]}
        floor = uncached[WITH_SESSION]["p50"]
        for name, queries in rows:
            r = load[name]
            if not r["rps"]:
                out(f"{name:<26}{queries:>15}   no response completed within {self.seconds} s")
                continue
            line = f"{name:<26}{queries:>15}{r['p50']:>10.1f}{r['p95']:>7.1f}{r['rps']:>7.0f}"
            if name in floors:
                u = uncached[name]
                ratio = u["p50"] / u.get("floor", uncached[floors[name]]["p50"])
                goal = "" if name == floors[name] else f"{GOALS.get(name, 8):>5}×"
                line += f"{u['p50']:>10.1f}{u['p95']:>7.1f}{ratio:>9.1f}{goal}"
            errors = r["errors"] + uncached.get(name, {}).get("errors", 0)
            out(line + (f"  ({errors} errors)" if errors else ""))
        out("-" * 97)
        out("median/p95/req/s: with the default cache; uncached: the same pages served with CACHE_URL=dummycache://.")
        out(
            f"× floor: uncached median to the signed-in bare view's, measured just before and just after the page "
            f"({floor:.1f} ms at first); pages as a Member State delegate;"
        )
        out(f"the API with the delegate's personal token, to {api['floor']['name']} with the token.")
        out("Queries: rendering the page on the 1-row twin → on the large object (constant when equal).")
        for name, value in data["timings"].items():
            out(f"{name:<66}{value * 1000:>10.0f} ms")
        label = f"upload of {upload['mb']} MB (bench_upload): {upload['status']}"
        out(f"{label:<66}{upload['seconds'] * 1000:>10.0f} ms, +{upload['mib']:.1f} MiB peak RSS")
        self.print_goals(data, load, uncached)
        out(f"Total bench time: {elapsed:.0f} s")

    def print_goals(self, data, load, uncached):
        static = load["static file (whitenoise)"]["p50"]
        floor = uncached[WITH_SESSION]["p50"]
        constant = [p["name"] for p in data["pages"] if p["queries"] != p["queries_small"]]
        slow = [
            p["name"]
            for p in data["pages"]
            if not uncached[p["name"]]["rps"]
            or uncached[p["name"]]["p50"] > GOALS.get(p["name"], 8) * uncached[p["name"]].get("floor", floor)
        ]
        pdf = load[TICKET]["p50"]
        redirect = load["approved PDF download"]["p50"]
        self.stdout.write("Goals:")
        verdict = "met" if not constant else "MISSED: " + ", ".join(constant)
        self.stdout.write(f"  query counts constant in the number of rows: {verdict}")
        verdict = "met" if not slow else "MISSED: " + ", ".join(slow)
        self.stdout.write(f"  uncached, within the goal × the signed-in floor measured beside each page: {verdict}")
        api = data["api"]
        api_floor = uncached[api["floor"]["name"]]["p50"]
        api_slow = [
            p["name"]
            for p in api["pages"]
            if not uncached[p["name"]]["rps"]
            or uncached[p["name"]]["p50"] > 8 * uncached[p["name"]].get("floor", api_floor)
        ]
        api_growing = [p["name"] for p in api["pages"] if p["queries"] != p["queries_small"]]
        verdict = "met" if not (api_slow or api_growing) else "MISSED: " + ", ".join(api_slow + api_growing)
        self.stdout.write(f"  API lists within 8× the token floor ({api_floor:.1f} ms), constant queries: {verdict}")
        verdict = "met" if pdf <= 1.5 * static else "MISSED"
        self.stdout.write(
            f"  approved PDF through its signed ticket {pdf:.1f} ms vs static file {static:.1f} ms: "
            f"{pdf / static:.1f}× (goal 1.5×: {verdict}); the download's redirect to it: {redirect:.1f} ms"
        )
