"""/healthz stays a bare answer; /readyz reports the database, the cache, the storage and the
queue, and answers 503 naming the one that fails; every response and log record carries the
request id, and LOG_FORMAT=json writes one JSON object a line."""

import json
import logging

import pytest
from django.urls import reverse

from wsisportal import health, logs


def test_healthz_does_no_database_work(client):
    # No db fixture: any query would raise "Database access not allowed".
    assert client.get(reverse("healthz")).content == b"ok"


def test_readyz_reports_each_service(db, client):
    answer = client.get(reverse("readyz"))
    report = answer.json()
    assert answer.status_code == 200 and report["ready"] is True
    assert set(report["checks"]) == {"database", "cache", "storage", "queue"}
    assert all(check["ok"] for check in report["checks"].values())
    assert report["checks"]["queue"]["mode"] == "inline"  # no broker: tasks run in the requesting process


def test_readyz_answers_503_and_names_the_failing_service(db, client, monkeypatch):
    def unreachable():
        raise ConnectionError("redis://secret-host:6379 refused")

    monkeypatch.setitem(health.CHECKS, "cache", unreachable)
    answer = client.get(reverse("readyz"))
    report = answer.json()
    assert answer.status_code == 503 and report["ready"] is False
    assert report["checks"]["cache"] == {"ok": False, "error": "ConnectionError", "ms": report["checks"]["cache"]["ms"]}
    assert "secret-host" not in answer.content.decode()  # the kind of error, never its text
    assert report["checks"]["database"]["ok"]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [("abc-123.XY:z", True), ("", False), ("x" * 129, False), ("bad id\nforged log line", False)],
)
def test_the_request_id_comes_from_the_trusted_header_only_when_sane(client, settings, sent, kept):
    settings.REQUEST_ID_HEADER = "X-Request-ID"
    answer = client.get(reverse("healthz"), headers={"X-Request-ID": sent} if sent else {})
    assert (answer["X-Request-ID"] == sent) is kept
    assert logs.SANE.match(answer["X-Request-ID"])


def test_without_a_trusted_header_each_request_gets_its_own_id(client, settings):
    settings.REQUEST_ID_HEADER = ""
    first = client.get(reverse("healthz"), headers={"X-Request-ID": "chosen-by-client"})
    second = client.get(reverse("healthz"))
    assert first["X-Request-ID"] != "chosen-by-client" and first["X-Request-ID"] != second["X-Request-ID"]


def test_json_log_lines_carry_the_request_id(settings):
    from pythonjsonlogger.json import JsonFormatter

    config = settings.LOGGING["formatters"]["json"]  # the formatter LOG_FORMAT=json selects
    json_formatter = JsonFormatter(config["format"], rename_fields=config["rename_fields"])
    record = logging.LogRecord("contributions", logging.WARNING, __file__, 1, "Stored %s", ("x.pdf",), None)
    token = logs.current.set("req-42")
    try:
        logs.RequestIdFilter().filter(record)
    finally:
        logs.current.reset(token)
    line = json.loads(json_formatter.format(record))
    assert line["request_id"] == "req-42" and line["message"] == "Stored x.pdf"
    assert line["level"] == "WARNING" and line["logger"] == "contributions" and "time" in line
