"""The load side of `manage.py bench`: gunicorn on loopback, and a load tool that reports the
median and 95th-percentile latency of one URL (wrk when installed, else a bounded Python loop)."""

import contextlib
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

# wrk calls done() once at the end; latencies are in microseconds.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d\\n", latency:percentile(50), latency:percentile(95),
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
"""
WRK_MISSING = "wrk not found (Debian: apt-get install -y wrk); using a bounded Python load loop instead."


@contextlib.contextmanager
def gunicorn(*, env, port, workers=2, cwd):
    """gunicorn serving wsisportal on 127.0.0.1:`port` until the block ends."""
    binary = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [
            str(binary),
            "wsisportal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=cwd,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base + "/healthz", process)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextlib.contextmanager
def redis_server(port):
    """A private, memory-only redis-server on 127.0.0.1:`port` until the block ends; yields its URL."""
    process = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"redis-server did not start on port {port}")
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure_together(urls, *, cookie, seconds):
    """`measure` on each URL at the same time (one load per node); the results in the same order."""
    results = [None] * len(urls)

    def run(index):
        results[index] = measure(urls[index], cookie=cookie, seconds=seconds)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(urls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def workers_rss_mib(master_pid):
    """The resident memory of gunicorn's worker processes (children of the master), in MiB."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid):
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


def wait_ready(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout} s")


def request_headers(cookie, authorization=""):
    """The session cookie and/or an Authorization header (a personal API token)."""
    return {**({"Cookie": cookie} if cookie else {}), **({"Authorization": authorization} if authorization else {})}


def check_ok(url, cookie, authorization=""):
    """One request first: a page that does not answer 200 is reported, not timed."""
    request = urllib.request.Request(url, headers=request_headers(cookie, authorization))
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        return response.status


def redirect_location(url, cookie):
    """The Location of a redirect answer to `url` (not followed)."""
    parsed = urllib.request.urlparse(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
    try:
        conn.request("GET", parsed.path, headers=request_headers(cookie, ""))
        response = conn.getresponse()
        response.read()
        if response.status != 302:
            raise RuntimeError(f"{url} answered {response.status}, not a redirect")
        return response.getheader("Location")
    finally:
        conn.close()


def measure(url, *, cookie, seconds, connections=2, authorization="", warm_up=True):
    """{"p50": ms, "p95": ms, "rps": requests per second, "errors": n} under `connections` clients,
    after a second's warm-up that is not counted (unless `warm_up` is false)."""
    auth = {"authorization": authorization}
    if shutil.which("wrk"):
        if warm_up:
            measure_wrk(url, cookie=cookie, seconds=1, connections=connections, **auth)
        return measure_wrk(url, cookie=cookie, seconds=seconds, connections=connections, **auth)
    return measure_python(url, cookie=cookie, seconds=seconds, connections=connections, **auth)


def measure_wrk(url, *, cookie, seconds, connections, authorization=""):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        output = subprocess.run(
            [
                "wrk",
                f"-t{connections}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "30s",
                *(["-H", f"Cookie: {cookie}"] if cookie else []),
                *(["-H", f"Authorization: {authorization}"] if authorization else []),
                "-s",
                script.name,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    p50, p95, requests, status_errors, socket_errors = (int(v) for v in line.split()[1:])
    return {"p50": p50 / 1000, "p95": p95 / 1000, "rps": requests / seconds, "errors": status_errors + socket_errors}


def measure_python(url, *, cookie, seconds, connections, authorization=""):
    """The fallback: `connections` threads, each on one keep-alive connection, for `seconds`."""
    parsed = urllib.request.urlparse(url)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    latencies, errors, deadline = [], [0], time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            conn.request("GET", path, headers=request_headers(cookie, authorization))
            response = conn.getresponse()
            response.read()
            latencies.append(time.perf_counter() - started)
            errors[0] += response.status >= 400
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return {
        "p50": statistics.median(ordered) * 1000,
        "p95": p95 * 1000,
        "rps": len(ordered) / seconds,
        "errors": errors[0],
    }
