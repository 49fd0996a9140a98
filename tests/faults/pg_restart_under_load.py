"""PostgreSQL restarted while the portal serves requests: what users get, and how fast it heals.

Runnable script (not collected by pytest):

    .venv/bin/python tests/faults/pg_restart_under_load.py [--port 8401] [--pg-port 5440]
        [--seconds 20] [--restart-at 6] [--clients 4] [--down-seconds 0]

It starts a throwaway PostgreSQL 15 cluster under /tmp (never the system cluster), migrates
it and loads the demo, runs gunicorn (2 workers, 127.0.0.1, DEBUG=0, SECURE_SSL_REDIRECT=0,
the portal's own settings: CONN_MAX_AGE and CONN_HEALTH_CHECKS), sends a bounded stream of
requests from a few clients to two DB-backed pages (the public home page, and the document
register as a logged-in delegate), restarts the cluster mid-stream with `pg_ctl restart -m
fast` (or, with --down-seconds N, stops it for N seconds), and prints: status codes before,
during and after, the outage window, the time to recovery, the slowest answer. It exits 1
if a request hung (no answer within --timeout), if an error was anything but a clean 500/503,
or if the portal did not recover by itself. Everything it starts is stopped and removed.
"""

import argparse
import collections
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PGBIN = Path("/usr/lib/postgresql/15/bin")
PYTHON = BASE_DIR / ".venv" / "bin" / "python"
GUNICORN = BASE_DIR / ".venv" / "bin" / "gunicorn"
DB_NAME = "h_conc"
# (path, persona logged in or None, text the page must hold); the register's meeting id is filled in.
PAGES = [("/", None, "Working Group"), ("/documents/meetings/{meeting}/", "ms-delegate", "WG-WSIS-14/")]


# ---------------------------------------------------------------------------------------------
# The throwaway cluster (TOOLCHAIN.md 3.4)


class Cluster:
    def __init__(self, port):
        self.port = port
        self.options = f"-p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.dir = Path(tempfile.mkdtemp(prefix="h_conc_pg."))
        self.options += f" -k {self.dir}"
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.dir, "postgres", "postgres")

    def pg_ctl(self, *args):
        return self.as_owner + [str(PGBIN / "pg_ctl"), "-D", str(self.dir / "data"), *args]

    def start(self):
        subprocess.run(
            self.as_owner + [str(PGBIN / "initdb"), "-D", str(self.dir / "data"), "-U", "postgres", "-A", "trust",
                             "-E", "UTF8", "--locale=C.UTF-8"],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            self.pg_ctl("-l", str(self.dir / "server.log"), "-w", "-t", "30", "-o", self.options, "start"),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        subprocess.run(
            [str(PGBIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", DB_NAME],
            check=True,
        )

    def restart(self):
        # -l and no captured output: the new server must not inherit (and hold open) our pipes.
        subprocess.run(
            self.pg_ctl("-l", str(self.dir / "server.log"), "-m", "fast", "-w", "-t", "30", "restart"),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def outage(self, seconds):
        """Stop the server, wait, start it again: a longer outage than a restart."""
        subprocess.run(self.pg_ctl("-m", "fast", "-w", "stop"), check=True, stdout=subprocess.DEVNULL)
        time.sleep(seconds)
        subprocess.run(
            self.pg_ctl("-l", str(self.dir / "server.log"), "-w", "-t", "30", "-o", self.options, "start"),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self):
        subprocess.run(self.pg_ctl("-m", "fast", "stop"), capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# The portal under gunicorn


def portal_env(pg_port, workdir):
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_port}/{DB_NAME}",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECRET_KEY": "fault-injection-only-not-a-secret-" + "x" * 30,
        "ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_SETTINGS_MODULE": "tests.faults.fault_settings",
        "FAULT_STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "ERROR",
    }


def prepare_portal(env):
    # collectstatic first: with DEBUG=0 the demo's report PDFs find their CSS through the manifest.
    for command in (["collectstatic", "--noinput", "-v0"], ["migrate", "-v0"], ["load_demo"]):
        done = subprocess.run([str(PYTHON), "manage.py", *command], cwd=BASE_DIR, env=env, capture_output=True)
        if done.returncode:
            raise SystemExit(f"manage.py {command[0]} failed:\n{done.stderr.decode()[-3000:]}")
    query = "SELECT m.id FROM meetings_meeting m JOIN meetings_group g ON g.id = m.group_id "
    query += "WHERE g.code = 'WG-WSIS' AND m.number = 14"
    found = subprocess.run(
        ["psql", env["DATABASE_URL"], "-tAc", query], capture_output=True, text=True, check=True
    ).stdout.strip()
    PAGES[:] = [(path.format(meeting=found), user, marker) for path, user, marker in PAGES]


def start_gunicorn(env, port, log):
    process = subprocess.Popen(
        [str(GUNICORN), "wsisportal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--timeout", "30", "--graceful-timeout", "5"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if request(port, "/healthz", timeout=2)[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("gunicorn did not start; see its log")


# ---------------------------------------------------------------------------------------------
# A tiny HTTP client (cookies by hand: DEBUG=0 marks them Secure, which cookie jars keep off http)


def request(port, path, *, cookies=None, method="GET", body=None, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                (cookies if cookies is not None else {})[name] = rest.split(";", 1)[0]
        return response.status, text
    finally:
        connection.close()


def log_in(port, username):
    cookies = {}
    _status, page = request(port, "/accounts/login/", cookies=cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"username": username, "password": "wsis-demo", "csrfmiddlewaretoken": token})
    status, _ = request(port, "/accounts/login/", cookies=cookies, method="POST", body=body)
    if status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"could not log in as {username} (HTTP {status})")
    return cookies


# ---------------------------------------------------------------------------------------------
# The run


def client(port, sessions, stop, results, timeout, index):
    n = index
    while not stop.is_set():
        path, user, marker = PAGES[n % len(PAGES)]
        n += 1
        started = time.monotonic()
        try:
            status, text = request(port, path, cookies=dict(sessions.get(user) or {}), timeout=timeout)
            outcome = status if status != 200 or marker in text else "200-without-content"
        except TimeoutError:
            outcome = "timeout"
        except OSError as exc:
            outcome = f"connection error ({type(exc).__name__})"
        results.append((started, time.monotonic(), path, outcome))
        time.sleep(0.02)


def analyse(results, restart_began, restart_done, t0):
    results.sort()
    errors = [r for r in results if r[3] != 200]
    phases = collections.OrderedDict(
        (("before the restart", []), ("during pg_ctl restart", []), ("after pg_ctl returned", []))
    )
    for started, _ended, _path, outcome in results:
        phase = "before the restart" if started < restart_began else (
            "during pg_ctl restart" if started < restart_done else "after pg_ctl returned")  # fmt: skip
        phases[phase].append(outcome)
    report = {"phases": {k: collections.Counter(v) for k, v in phases.items()}, "requests": len(results)}
    report["slowest"] = max(ended - started for started, ended, _p, _o in results)
    report["restart_seconds"] = restart_done - restart_began
    if errors:
        first, last = errors[0], errors[-1]
        report["outage"] = (first[0] - t0, last[1] - t0, last[1] - first[0])
        after = [r for r in results if r[0] > last[1] and r[3] == 200]
        report["recovered_at"] = after[0][1] - t0 if after else None
        report["recovery_after_restart_began"] = after[0][1] - restart_began if after else None
        report["recovery_after_pg_ready"] = after[0][1] - restart_done if after else None
    report["clean"] = all(r[3] in (500, 503) for r in errors)
    report["hung"] = sum(1 for r in errors if r[3] == "timeout")
    tail = [r for r in results if r[0] > results[-1][0] - 3]
    report["healthy_at_end"] = bool(tail) and all(r[3] == 200 for r in tail)
    return report


def print_report(report, args, t0_restart):
    print(f"\nPostgreSQL restart under load: {args.clients} clients, {args.seconds} s, gunicorn 2 workers, "
          f"restart at {args.restart_at} s ({report['requests']} requests)")  # fmt: skip
    for phase, counts in report["phases"].items():
        shown = ", ".join(f"{status}: {n}" for status, n in sorted(counts.items(), key=str)) or "none"
        print(f"  {phase:<24} {shown}")
    what = f"pg_ctl stop, {args.down_seconds:g} s down, start" if args.down_seconds else "pg_ctl restart -m fast"
    print(f"  {what} took {report['restart_seconds']:.2f} s")
    if "outage" in report and report["recovered_at"] is not None:
        start, end, length = report["outage"]
        print(f"  errors from t={start:.2f} s to t={end:.2f} s ({length:.2f} s window)")
        print(f"  first good answer after the last error: t={report['recovered_at']:.2f} s, "
              f"{report['recovery_after_restart_began']:.2f} s after the restart began, "
              f"{report['recovery_after_pg_ready']:+.2f} s after PostgreSQL accepted connections again")  # fmt: skip
    elif "outage" in report:
        print("  NO good answer after the last error")
    else:
        print("  no request failed")
    print(f"  slowest answer: {report['slowest'] * 1000:.0f} ms; hung requests: {report['hung']}")
    print(f"  errors were clean 500/503 responses: {'yes' if report['clean'] else 'NO'}")
    print(f"  recovered by itself (every request of the last 3 s answered 200): "
          f"{'yes' if report['healthy_at_end'] else 'NO'}")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8401)
    parser.add_argument("--pg-port", type=int, default=5440)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--restart-at", type=float, default=6)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument(
        "--down-seconds", type=float, default=0, help="instead of a restart, stop the server this long, then start it"
    )
    parser.add_argument("--timeout", type=float, default=10, help="a request slower than this counts as hung")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="h_conc_fault."))
    cluster, gunicorn, stop = Cluster(args.pg_port), None, threading.Event()
    try:
        print(f"Throwaway cluster on 127.0.0.1:{args.pg_port} in {cluster.dir}; preparing the demo …", flush=True)
        cluster.start()
        env = portal_env(args.pg_port, workdir)
        prepare_portal(env)
        log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115 (closed with the workdir)
        gunicorn = start_gunicorn(env, args.port, log)
        sessions = {user: log_in(args.port, user) for _p, user, _m in PAGES if user}
        results = []
        threads = [
            threading.Thread(target=client, args=(args.port, sessions, stop, results, args.timeout, i), daemon=True)
            for i in range(args.clients)
        ]
        t0 = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(args.restart_at)
        restart_began = time.monotonic()
        cluster.outage(args.down_seconds) if args.down_seconds else cluster.restart()
        restart_done = time.monotonic()
        time.sleep(max(0.0, args.seconds - (restart_done - t0)))
        stop.set()
        for thread in threads:
            thread.join(timeout=args.timeout + 5)
        report = analyse(results, restart_began, restart_done, t0)
        print_report(report, args, restart_began - t0)
        errors_logged = (workdir / "gunicorn.log").read_text().count("OperationalError")
        print(f"  gunicorn log: {errors_logged} OperationalError tracebacks logged, workers never restarted: "
              f"{'yes' if 'Booting worker' not in _after_boot(workdir) else 'NO'}")  # fmt: skip
        ok = report["clean"] and not report["hung"] and report["healthy_at_end"]
        return 0 if ok else 1
    finally:
        stop.set()
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(timeout=15)
        cluster.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _after_boot(workdir):
    """The gunicorn log after the first two workers booted (a later boot means a worker died)."""
    text = (workdir / "gunicorn.log").read_text()
    parts = text.split("Booting worker", 2)
    return parts[2] if len(parts) > 2 else ""


if __name__ == "__main__":
    sys.exit(main())
