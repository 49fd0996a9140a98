"""The live row of `manage.py bench`: participants following a sitting while the chair moves on.

`manage.py bench_live` (run against the bench's throwaway database, while gunicorn serves it)
opens a sitting of a meeting with a 12-item agenda, starts `participants` threads (in a process of
their own) that follow the meeting's live panel as floor.js does (the panel
once with the session, then its watch URL once a second with If-None-Match: the ETag they last saw,
on a kept HTTP/1.1 connection), and moves the sitting to the next item ten times, every `interval`
seconds. Each participant notes when it first sees each item; the lag of a move is that moment minus
the moment the move was committed. Meanwhile the home page and the meeting page are timed with the
usual load loop, in windows alternating with windows where the participants pause (the same pages,
the same minute of the shared machine), and compared round by round.
"""

import functools
import multiprocessing
import os
import queue
import re
import socket
import statistics
import threading
import time

from django.db import connections
from django.utils import timezone

from floor import services
from meetings.models import Agenda, AgendaItem, AgendaStatus, Group, Meeting, Session, User

CURRENT = re.compile(r'data-testid="current-item"><span class="floor-number">[^<]*</span> ([^<]+)</p>')
ITEMS = 12


def prepare(*, secretariat_username):
    """A meeting with an adopted 12-item agenda and one open sitting. Returns (meeting, sitting)."""
    group = Group.objects.filter(parent=None).order_by("pk").first()
    number = (Meeting.objects.filter(group=group).order_by("-number").values_list("number", flat=True).first() or 0) + 1
    today = timezone.localdate()
    meeting = Meeting.objects.create(group=group, number=number, start_date=today, end_date=today, venue="Bench")
    agenda = Agenda.objects.create(meeting=meeting, status=AgendaStatus.ADOPTED, adopted_as="drafted", adopted_on=today)
    for position in range(ITEMS):
        AgendaItem.objects.create(agenda=agenda, position=position, title=f"Bench item {position + 1}")
    session = Session.objects.create(meeting=meeting, group=group, date=today, start_time=timezone.localtime().time())
    by = User.objects.get(username=secretariat_username)
    return meeting, services.open_sitting(session=session, by=by)


WATCH = re.compile(r'data-floor-watch="([^"]+)" data-etag="([^"]+)"')
PERSONAL = re.compile(r'data-delegation="([^"]*)" data-asks="([^"]*)" data-state="([^"]*)"')
SITTING = re.compile(r'data-sitting="(\d+)" data-list-closed="(\d)"(.*?)</article>', re.S)
REQUEST = re.compile(r'data-request="(\d+)" data-delegation="(\d+)"')


def personal_state(public, own, asks):
    """What floor.js reads from the public part to decide whether the reader's own part changed."""
    parts = []
    for pk, closed, body in SITTING.findall(public):
        if pk not in asks:
            parts.append(pk)
            continue
        mine = [r for r, d in REQUEST.findall(body) if own and d == own]
        parts.append(f"{pk}:{closed}:{','.join(mine)}")
    return ";".join(parts)


class Participant(threading.Thread):
    """A browser following the sitting as static/js/floor.js does: the panel once with the session,
    then its watch URL once a second without cookies and with the ETag it holds; the panel again
    with the session only when its own part must change or the watch URL is refused. While `gate`
    (an Event) is clear it skips its polls but keeps its second (the browser tab left alone)."""

    def __init__(self, host, port, path, cookie, stop, gate=None):
        super().__init__(daemon=True)
        self.host, self.port, self.path, self.cookie, self.stop, self.gate = host, port, path, cookie, stop, gate
        self.seen, self.polls, self.panels, self.errors = {}, 0, 0, 0
        self.watch = self.etag = self.sock = None
        self.buffer = b""
        self.personal = ("", set(), "")

    def run(self):
        while not self.stop.is_set():
            started = time.monotonic()
            if self.gate is None or self.gate.is_set() or self.watch is None:
                self.poll()
            self.stop.wait(max(0.0, 1.0 - (time.monotonic() - started)))
        self.close()

    def get(self, path, headers):
        """(status, ETag, body) of one GET, written and read on a bare socket: the simulated
        browsers share the server's two cores, and http.client's header parsing cost them half as
        much again as this (`ops/benchlive.py` measured with time.process_time: 0.8 vs 0.5 ms a poll).
        HTTP/1.1 on the connection kept from the last request, as a browser does; a new one when the
        server closed it (gunicorn's sync workers close each after their answer)."""
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        while True:
            fresh = self.sock is None
            if fresh:
                self.sock, self.buffer = socket.create_connection((self.host, self.port), timeout=30), b""
            try:
                self.sock.sendall(request)
                return self.response()
            except (OSError, ValueError):
                self.close()
                if fresh:  # refused or broken on a new connection: an error; else the server had closed it
                    raise

    def close(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = None

    def read(self, until=None, size=None):
        """Bytes up to and excluding `until`, or `size` bytes, from the connection."""
        while (until is None or until not in self.buffer) and (size is None or len(self.buffer) < size):
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ValueError("connection closed before the answer ended")
            self.buffer += chunk
        if until is not None:
            data, _, self.buffer = self.buffer.partition(until)
        else:
            data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def response(self):
        status_line, *header_lines = self.read(until=b"\r\n\r\n").decode("latin-1").split("\r\n")
        fields = {name.lower(): value for name, _, value in (line.partition(": ") for line in header_lines)}
        status = int(status_line.split()[1])
        if status in (204, 304):
            body = b""
        elif "content-length" in fields:
            body = self.read(size=int(fields["content-length"]))
        elif fields.get("transfer-encoding") == "chunked":
            parts = []
            while size := int(self.read(until=b"\r\n").split(b";")[0], 16):
                parts.append(self.read(size=size + 2)[:-2])
            self.read(until=b"\r\n")
            body = b"".join(parts)
        else:  # to the end of the connection
            while chunk := self.sock.recv(65536):
                self.buffer += chunk
            body, self.buffer = self.buffer, b""
            fields["connection"] = "close"
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, fields.get("etag"), body.decode()

    def note(self, public):
        match = CURRENT.search(public)
        if match:
            self.seen.setdefault(match.group(1).strip(), time.time())

    def panel(self):
        status, _etag, body = self.get(self.path, {"Cookie": self.cookie})
        self.panels += 1
        if status != 200:
            self.errors += 1
            return
        watch, own = WATCH.search(body), PERSONAL.search(body)
        self.watch, self.etag = watch.group(1), watch.group(2).replace("&quot;", '"')
        self.personal = (own.group(1), set(own.group(2).split()), own.group(3))
        self.note(body)

    def poll(self):
        try:
            if self.watch is None:
                return self.panel()
            status, etag, body = self.get(self.watch, {"If-None-Match": self.etag})
            self.polls += 1
            if status == 200:
                self.etag = etag
                self.note(body)
                own, asks, state = self.personal
                if personal_state(body, own, asks) != state:
                    self.panel()
            elif status != 304:
                self.panel()
        except (OSError, ValueError, IndexError):  # refused, reset, or not an HTTP answer
            self.errors += 1


def crowd(host, port, path, cookie, participants, nice, gate, ready, stop, results):
    """The participants' process: `participants` threads started over a second, each fetching its
    panel (then `ready` is set), polling while `gate` is set, until `stop`; then their totals and
    what each saw, put on `results`. A process of its own: its CPU is counted apart from the
    server's and wrk's, and its threads do not share the GIL with the chair's moves. `nice`
    (os.nice, 0 by default) lowers its priority; at 10 it changed no figure measurably, the
    participants taking 0.04 of the two cores (about 0.25 ms a poll)."""
    os.nice(nice)
    done = threading.Event()
    people = [Participant(host, port, path, cookie, done, gate) for _ in range(participants)]
    for participant in people:
        participant.start()
        time.sleep(1.0 / participants)  # spread over a second, as pages opened at different times
    deadline = time.monotonic() + 60
    while any(p.watch is None and not p.errors for p in people) and time.monotonic() < deadline:
        time.sleep(0.1)
    ready.set()
    stop.wait()
    done.set()
    for participant in people:
        participant.join(timeout=35)
    results.put(
        {
            "seen": [p.seen for p in people],
            "polls": sum(p.polls for p in people),
            "panels": sum(p.panels for p in people),
            "errors": sum(p.errors for p in people),
            "cpu_seconds": time.process_time(),
        }
    )


def follow(*, base, cookie, meeting, sitting, participants, moves, interval, measure=None, pages=(), rounds=5, nice=0):
    """Run the participants (a process of their own, ops/benchlive.crowd) and make the moves; time
    each of `pages` with `measure(path)` meanwhile, alternately with the participants polling and
    with them paused, `rounds` times each, in the order ABBA… so that what the shared machine does
    meanwhile falls on both alike. The moves are made while the participants poll, every `interval`
    s, and each poll window stays open 2.5 s after its last move. `pages`: (name, path) pairs;
    `measure(path, warm_up)`. Returns {"lags": [...], "polls": n, "panels": n, "errors": n,
    "cpu_seconds": the participants' CPU, "alone": {name: [result, ...]}, "during": {name: [result,
    ...]}, "windows": [(kind, name, start, end), ...]} (a page's results in round order)."""
    host, port = base.removeprefix("http://").split(":")
    context = multiprocessing.get_context("fork")
    gate, ready, stop, results = context.Event(), context.Event(), context.Event(), context.Queue()
    path = f"/floor/meetings/{meeting.pk}/live/"
    connections.close_all()  # the child must not share the parent's database connection
    process = context.Process(
        target=crowd, args=(host, int(port), path, cookie, participants, nice, gate, ready, stop, results), daemon=True
    )
    process.start()
    if not ready.wait(timeout=90) or not process.is_alive():  # each has its panel, none fetched while timing
        process.terminate()
        raise RuntimeError(f"the participants did not start (their process: exit code {process.exitcode})")
    moved, alone, during, windows = {}, {}, {}, []

    def timed(kind, name, page, warm):
        started = time.time()
        out = measure(page, warm)
        windows.append((kind, name, started, time.time()))
        return out

    def move():
        nonlocal sitting
        sitting = services.move_to_item(sitting=sitting, step=1)
        moved[sitting.current_item.title] = time.time()

    def polling(timed=None):
        """The participants polling (1 s first: each has polled once), `timed` run meanwhile, the
        moves left made every `interval` s; the gate closes 2.5 s after the last move at the
        earliest, when every participant has seen it."""
        gate.set()
        time.sleep(1.0)
        box, last = {}, None
        worker = threading.Thread(target=lambda: box.update(r=timed()), daemon=True) if timed else None
        if worker:
            worker.start()
        while len(moved) < moves:
            move()
            last = time.monotonic()
            if worker:
                worker.join(timeout=interval)
                if not worker.is_alive():
                    break
            elif len(moved) < moves:
                time.sleep(interval)
        if worker:
            worker.join()
        if last is not None:
            time.sleep(max(0.0, last + 2.5 - time.monotonic()))
        gate.clear()
        return box.get("r")

    for name, page in pages:
        for number in range(rounds):
            order = ("alone", "during") if number % 2 == 0 else ("during", "alone")
            for kind in order:
                warm = number == 0 and kind == order[0]  # wrk's warm-up second, once a page
                if kind == "alone":
                    time.sleep(0.5)  # the polls in flight answered
                    alone.setdefault(name, []).append(timed(kind, name, page, warm))
                else:
                    during.setdefault(name, []).append(polling(functools.partial(timed, kind, name, page, warm)))
    if len(moved) < moves:  # what is left of the moves, with nothing timed
        polling()
    stop.set()
    try:
        result = results.get(timeout=120)
    except queue.Empty:
        raise RuntimeError(f"the participants gave no results (their process: exit code {process.exitcode})") from None
    process.join(timeout=30)
    seen = result.pop("seen")
    lags = [s[title] - at if title in s else float("inf") for s in seen for title, at in moved.items()]
    return {"lags": lags, **result, "alone": alone, "during": during, "windows": windows}


def compare(alone, during):
    """A page's figures with and without the participants, from rounds timed alternately: the
    medians of each side's medians, and the median of each round's ratio (during / alone)."""
    ratios = [d["p50"] / a["p50"] if a["p50"] else float("inf") for a, d in zip(alone, during, strict=True)]
    return {
        "alone": statistics.median(r["p50"] for r in alone),
        "during": statistics.median(r["p50"] for r in during),
        "ratio": statistics.median(ratios),
        "ratios": ratios,
        "errors": sum(r["errors"] for r in [*alone, *during]),
    }


def summary(lags):
    seen = sorted(lags)
    return {
        "moves_seen": sum(1 for lag in seen if lag != float("inf")),
        "total": len(seen),
        "p50": statistics.median(seen) if seen else 0,
        "p95": seen[int(0.95 * (len(seen) - 1))] if seen else 0,
        "max": seen[-1] if seen else 0,
        "within_2s": sum(1 for lag in seen if lag <= 2.0),
    }
