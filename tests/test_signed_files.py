"""Signed file tickets (wsisportal/signed_files.py): the rule first, as a table of cases at its
boundaries, then the approved PDF download that uses it."""

import hashlib
import time

import pytest
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from wsisportal import signed_files

BYTES = b"%PDF-1.7 the approved record"


@pytest.fixture
def stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    name = default_storage.save("reports/ticket-test.pdf", ContentFile(BYTES))
    return name


def ticket(name, *, sha256=None, filename="WG-WSIS-14-20-rev1.pdf"):
    return signed_files.url_for(
        name,
        filename=filename,
        sha256=sha256 or hashlib.sha256(BYTES).hexdigest(),
        content_type="application/pdf",
        refusal_url="/reports/1/revisions/1/verify/?download=refused",
    )


def get(url):
    return Client().get(url)  # no session: the ticket alone opens the file


def test_a_valid_ticket_serves_the_bytes_with_their_name_and_checksum(db, stored):
    response = get(ticket(stored))
    assert response.status_code == 200 and response.content == BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="WG-WSIS-14-20-rev1.pdf"'
    assert response["ETag"] == f'"{hashlib.sha256(BYTES).hexdigest()}"'
    assert response["Cache-Control"] == "private, no-store"


def test_the_served_name_is_the_signed_one_whatever_the_url_says(db, stored):
    url = ticket(stored).rsplit("/", 1)[0] + "/other-name.exe"
    assert get(url)["Content-Disposition"] == 'attachment; filename="WG-WSIS-14-20-rev1.pdf"'


def not_found_like_any_path(response):
    unknown = get("/files/no-such-ticket/x.pdf")
    return (response.status_code, response.content) == (unknown.status_code, unknown.content) == (404, b"Not found")


@pytest.mark.parametrize(
    ("age", "served"),
    [(0, True), (signed_files.MAX_AGE - 5, True), (signed_files.MAX_AGE + 5, False), (3600, False)],
)
def test_a_ticket_expires_after_max_age(db, stored, monkeypatch, age, served):
    url = ticket(stored)
    later = time.time() + age
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = get(url)
    assert (response.status_code == 200 and response.content == BYTES) if served else not_found_like_any_path(response)


@pytest.mark.parametrize(
    "alter",
    [
        lambda url: url.replace("/files/", "/files/x", 1),  # a byte more in the token
        lambda url: url[:20] + ("A" if url[20] != "A" else "B") + url[21:],  # a byte changed
        lambda url: "/files/" + signing.dumps(["reports/ticket-test.pdf"], salt="another") + "/x.pdf",  # other salt
        lambda url: "/files/",
    ],
)
def test_a_forged_or_broken_ticket_answers_like_a_missing_path(db, stored, alter):
    assert not_found_like_any_path(get(alter(ticket(stored))))


def test_an_altered_or_missing_file_sends_the_reader_to_the_refusal(db, stored):
    with default_storage.open(stored, "wb") as handle:
        handle.write(b"%PDF-1.7 tampered")
    response = get(ticket(stored))
    assert response.status_code == 302 and response["Location"] == "/reports/1/revisions/1/verify/?download=refused"
    assert b"tampered" not in response.content
    default_storage.delete(stored)
    assert get(ticket(stored))["Location"].endswith("?download=refused")


def test_only_get_and_head_are_served(db, stored):
    assert Client().post(ticket(stored)).status_code != 200
