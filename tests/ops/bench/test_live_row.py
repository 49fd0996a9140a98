"""The live row's measuring parts (ops/benchlive.py): the simulated browser's HTTP/1.1 client on a
bare socket (one connection kept as a browser keeps it, a new one when the server closed it, bodies
by length, chunked or to the end), and the pages' figures compared round by round."""

import io
import socket
import threading

import pytest

from ops import benchlive
from ops.management.commands.bench import Command
from tests.floor.helpers import open_sittings

PANEL = b'<p data-testid="current-item"><span class="floor-number">1</span> Opening</p>'


class Server(threading.Thread):
    """A loopback server answering each connection's requests with the next of `answers` (bytes);
    after `per_connection` answers it closes the connection. Records what it read, per connection."""

    def __init__(self, answers, per_connection):
        super().__init__(daemon=True)
        self.answers, self.per_connection, self.requests = list(answers), per_connection, []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]

    def run(self):
        while self.answers:
            conn, _ = self.listener.accept()
            with conn:
                served = []
                self.requests.append(served)
                buffer = b""
                while self.answers and len(served) < self.per_connection:
                    while b"\r\n\r\n" not in buffer:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        buffer += chunk
                    if b"\r\n\r\n" not in buffer:
                        break
                    request, _, buffer = buffer.partition(b"\r\n\r\n")
                    served.append(request.decode().split("\r\n")[0])
                    conn.sendall(self.answers.pop(0))


def chunked(body):
    return b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)


def participant(server):
    return benchlive.Participant("127.0.0.1", server.port, "/panel/", "sessionid=x", stop=None)


def test_the_browser_keeps_its_connection_and_reads_each_kind_of_body():
    server = Server(
        [
            b'HTTP/1.1 200 OK\r\nContent-Length: %d\r\nETag: W/"a"\r\n\r\n%s' % (len(PANEL), PANEL),
            b'HTTP/1.1 304 Not Modified\r\nETag: W/"a"\r\n\r\n',
            b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nETag: W/"b"\r\n\r\n' + chunked(b"second"),
        ],
        per_connection=3,
    )
    server.start()
    browser = participant(server)
    assert browser.get("/one/", {}) == (200, 'W/"a"', PANEL.decode())
    assert browser.get("/two/", {"If-None-Match": 'W/"a"'}) == (304, 'W/"a"', "")
    assert browser.get("/three/", {}) == (200, 'W/"b"', "second")
    browser.close()
    server.join(timeout=5)
    assert server.requests == [["GET /one/ HTTP/1.1", "GET /two/ HTTP/1.1", "GET /three/ HTTP/1.1"]]


def test_the_browser_opens_a_new_connection_when_the_server_closed_its_own():
    """As gunicorn's sync workers do after every answer (Connection: close), or a keep-alive that
    timed out between two polls (the server closes it silently)."""
    server = Server(
        [
            b'HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\nETag: W/"a"\r\n\r\n'
            + chunked(b"first"),
            b'HTTP/1.1 304 Not Modified\r\nETag: W/"a"\r\n\r\n',
            b'HTTP/1.1 200 OK\r\nETag: W/"c"\r\n\r\nto the end',
        ],
        per_connection=1,
    )
    server.start()
    browser = participant(server)
    assert browser.get("/one/", {}) == (200, 'W/"a"', "first")
    assert browser.sock is None  # closed as the server said
    assert browser.get("/two/", {}) == (304, 'W/"a"', "")
    kept = browser.sock
    assert kept is not None  # nothing said: kept, but the server closes it after this answer
    assert browser.get("/three/", {}) == (200, 'W/"c"', "to the end")
    server.join(timeout=5)
    assert server.requests == [["GET /one/ HTTP/1.1"], ["GET /two/ HTTP/1.1"], ["GET /three/ HTTP/1.1"]]


def test_a_refused_connection_is_an_error_not_a_retry_loop():
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()
    browser = benchlive.Participant("127.0.0.1", port, "/panel/", "", stop=None)
    browser.poll()
    assert (browser.errors, browser.panels, browser.sock) == (1, 0, None)


def test_pages_are_compared_round_by_round_and_the_median_ratio_is_the_figure():
    alone = [{"p50": 10.0, "errors": 0}, {"p50": 20.0, "errors": 0}, {"p50": 10.0, "errors": 1}]
    during = [{"p50": 11.0, "errors": 0}, {"p50": 50.0, "errors": 0}, {"p50": 12.0, "errors": 0}]
    figures = benchlive.compare(alone, during)
    assert figures["ratios"] == pytest.approx([1.1, 2.5, 1.2])
    assert figures["ratio"] == pytest.approx(1.2)  # one window disturbed by the shared machine: not the figure
    assert (figures["alone"], figures["during"], figures["errors"]) == (10.0, 12.0, 1)


def test_the_bench_table_judges_each_page_by_its_median_ratio():
    pages = {
        "home": benchlive.compare(
            [{"p50": 10.0, "errors": 0}] * 5, [{"p50": v, "errors": 0} for v in (11, 40, 12, 11, 13)]
        ),
        "meeting page": benchlive.compare(
            [{"p50": 10.0, "errors": 0}] * 5, [{"p50": v, "errors": 0} for v in (16, 16, 12, 17, 30)]
        ),
    }
    lags = benchlive.summary([0.5] * 1999 + [2.5])
    live = {"participants": 200, "moves": 10, "polls": 10000, "panels": 200, "errors": 0, "summary": lags}
    command = Command(stdout=io.StringIO())
    command.print_live({**live, "pages": pages})
    printed = command.stdout.getvalue()
    assert "within 2 s: 1999/2000" in printed and "goal all ≤ 2 s: MISSED" in printed
    assert "home                       median 12.0 ms vs 10.0 ms without them: 1.20×" in printed
    assert "(rounds 1.10, 4.00, 1.20, 1.10, 1.30; goal ≤ 1.5×: met)" in printed
    assert "meeting page               median 16.0 ms vs 10.0 ms without them: 1.60×" in printed
    assert "goal ≤ 1.5×: MISSED" in printed.split("meeting page")[1]


def test_the_row_times_pages_alternately_while_the_participants_follow_every_move(
    transactional_db, world, live_server, client
):
    """follow(): the participants in their own process, each page timed with them paused and polling
    in turn (ABBA), the moves made only while they poll, and each move seen by each of them."""
    wg, _dg = open_sittings(world)
    client.force_login(world.ms_delegate)
    timed = []

    def measure(path, warm_up):
        timed.append((path, warm_up))
        return {"p50": 10.0 + len(timed), "p95": 20.0, "rps": 100.0, "errors": 0}

    result = benchlive.follow(
        base=live_server.url,
        cookie=f"sessionid={client.cookies['sessionid'].value}",
        meeting=world.meeting,
        sitting=wg,
        participants=3,
        moves=2,
        interval=0.3,
        measure=measure,
        pages=[("home", "/")],
        rounds=2,
    )
    assert [kind for kind, *_ in result["windows"]] == ["alone", "during", "during", "alone"]
    assert timed == [("/", True), ("/", False), ("/", False), ("/", False)]  # the warm-up once a page
    assert [r["p50"] for r in result["alone"]["home"]] == [11.0, 14.0]
    assert [r["p50"] for r in result["during"]["home"]] == [12.0, 13.0]
    assert len(result["lags"]) == 3 * 2 and all(0 <= lag < 2 for lag in result["lags"])  # each saw each move
    assert (result["panels"], result["errors"]) == (3, 0) and result["polls"] > 0
