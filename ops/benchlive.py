"""The live row of `manage.py bench`: participants following a sitting while the chair moves on.

`manage.py bench_live` (run against the bench's throwaway database, while gunicorn serves it)
opens a sitting of a meeting with a 12-item agenda, starts `participants` threads that follow the
meeting's live panel as floor.js does (the panel once with the session, then its watch URL once a
second with If-None-Match: the ETag they last saw), and
moves the sitting to the next item ten times, every `interval` seconds. Each participant notes
when it first sees each item; the lag of a move is that moment minus the moment the move was
committed. Meanwhile the meeting page is timed with the usual load loop, to compare with its
figure measured without the participants.
"""

import re
import socket
import statistics
import threading
import time

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
    with the session only when its own part must change or the watch URL is refused."""

    def __init__(self, host, port, path, cookie, stop):
        super().__init__(daemon=True)
        self.host, self.port, self.path, self.cookie, self.stop = host, port, path, cookie, stop
        self.seen, self.polls, self.panels, self.errors = {}, 0, 0, 0
        self.watch = self.etag = None
        self.personal = ("", set(), "")

    def run(self):
        while not self.stop.is_set():
            started = time.monotonic()
            self.poll()
            self.stop.wait(max(0.0, 1.0 - (time.monotonic() - started)))

    def get(self, path, headers):
        """(status, ETag, body) of one HTTP/1.0 GET on a connection of its own (gunicorn's sync
        workers close each after their answer), written and read on a bare socket: the simulated
        browsers share the server's two cores, and http.client's header parsing cost them half as
        much again as this (`ops/benchlive.py` measured with time.process_time: 0.8 vs 0.5 ms a poll)."""
        lines = [f"GET {path} HTTP/1.0", f"Host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        with socket.create_connection((self.host, self.port), timeout=30) as sock:
            sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        fields = dict(line.split(": ", 1) for line in header_lines if ": " in line)
        return int(status_line.split()[1]), fields.get("ETag"), body.decode()

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


def follow(*, base, cookie, meeting, sitting, participants, moves, interval, during=None):
    """Run the participants, make the moves; `during` (a callable) runs meanwhile and its result
    is returned with the lags: {"lags": [...], "polls": n, "errors": n, "during": ...}."""
    host, port = base.removeprefix("http://").split(":")
    stop = threading.Event()
    path = f"/floor/meetings/{meeting.pk}/live/"
    crowd = [Participant(host, int(port), path, cookie, stop) for _ in range(participants)]
    for participant in crowd:
        participant.start()
        time.sleep(1.0 / participants)  # spread over a second, as pages opened at different times
    time.sleep(2)
    result = {}
    worker = threading.Thread(target=lambda: result.update(during=during() if during else None), daemon=True)
    worker.start()
    moved = {}
    for _ in range(moves):
        time.sleep(interval)
        sitting = services.move_to_item(sitting=sitting, step=1)
        moved[sitting.current_item.title] = time.time()
    time.sleep(2.5)
    worker.join(timeout=120)
    stop.set()
    for participant in crowd:
        participant.join(timeout=35)
    lags = [p.seen[title] - at if title in p.seen else float("inf") for p in crowd for title, at in moved.items()]
    return {
        "lags": lags,
        "polls": sum(p.polls for p in crowd),
        "panels": sum(p.panels for p in crowd),
        "errors": sum(p.errors for p in crowd),
        "during": result.get("during"),
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
