"""Every bad upload gets a clear message and leaves neither a row nor a file."""

import hashlib
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from contributions import services, uploads
from contributions.demo.pdf import tiny_pdf
from contributions.forms import UploadField
from contributions.models import AuditEntry, Document, DocumentFile
from tests.contributions.conftest import BEFORE, docx_bytes, pdf_upload


def stored_files(settings):
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def post_file(client, world, upload):
    client.force_login(world.ms_delegate)
    data = {"group": world.wg.pk, "kind": "contribution", "title": "UPLOAD-MARKER", "language": "E", "file": upload}
    return client.post(reverse("contributions:submit", args=[world.meeting.pk]), data)


def assert_nothing_left(settings):
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()
    assert not AuditEntry.objects.exists()
    assert stored_files(settings) == []


def odt_bytes():
    """An OpenDocument text: a zip whose first entry is the uncompressed `mimetype`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()


def xlsx_bytes():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "Roadmap"
    book.save(buffer)
    return buffer.getvalue()


BAD = [
    ("empty", SimpleUploadedFile("empty.pdf", b""), "The submitted file is empty"),
    ("exe-named-pdf", SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200), "not an accepted type"),
    ("html-named-pdf", SimpleUploadedFile("x.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
     "not an accepted type"),
    ("zip-not-office", SimpleUploadedFile("x.docx", docx_bytes(part="other/file.xml")), "not an accepted type"),
    ("binary-named-txt", SimpleUploadedFile("notes.txt", bytes(range(256)) * 4), "not an accepted type"),
    ("png", SimpleUploadedFile("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), "not an accepted type"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "upload", "message"), BAD, ids=[b[0] for b in BAD])
@pytest.mark.usefixtures("world_ahead")
def test_bad_upload_is_refused_with_a_message(client, world, settings, name, upload, message):
    page = post_file(client, world, upload).content.decode()
    assert message in page
    assert_nothing_left(settings)


@pytest.mark.usefixtures("world_ahead")
def test_oversized_upload_is_refused(client, world, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    page = post_file(client, world, SimpleUploadedFile("big.pdf", tiny_pdf(["x" * 80] * 30))).content.decode()
    assert "the limit is 1000" in page
    assert_nothing_left(settings)


def raw_multipart(world, filename_bytes, content, star=False):
    boundary = "BoUnDaRy"
    parts = []
    fields = {"group": str(world.wg.pk), "kind": "contribution", "title": "RAW-MARKER", "language": "E"}
    for key, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '.encode()
        + (b"filename*=UTF-8''" + filename_bytes if star else b'filename="' + filename_bytes + b'"')
        + b"\r\nContent-Type: application/pdf\r\n\r\n"
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.mark.usefixtures("world_ahead")
def test_name_in_an_odd_encoding_is_refused(client, world, settings):
    client.force_login(world.ms_delegate)
    # RFC 2231 lets a client send the name percent-encoded; these bytes are not UTF-8.
    body, content_type = raw_multipart(world, b"contribution-%FF%FE.pdf", tiny_pdf(["x"]), star=True)
    page = client.post(reverse("contributions:submit", args=[world.meeting.pk]), body, content_type=content_type)
    assert "not valid UTF-8" in page.content.decode()
    assert_nothing_left(settings)


@pytest.mark.usefixtures("world_ahead")
def test_path_in_the_name_never_reaches_storage(client, world, settings):
    client.force_login(world.ms_delegate)
    body, content_type = raw_multipart(world, b"..\\..\\..\\etc/passwd.pdf", tiny_pdf(["x"]))
    client.post(reverse("contributions:submit", args=[world.meeting.pk]), body, content_type=content_type)
    docfile = DocumentFile.objects.get()
    assert docfile.original_filename == "passwd.pdf"  # Django keeps the last component only
    assert docfile.file.name.startswith("documents/") and "passwd" not in docfile.file.name
    assert [p.parent for p in stored_files(settings)] == [settings.MEDIA_ROOT / "documents"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../../etc/passwd.pdf", "path separators"),
        ("..\\evil.pdf", "path separators"),
        ("report\u202efdp.exe", "control or invisible characters"),
        ("tab\there.pdf", "control or invisible characters"),
        ("a" * 201 + ".pdf", "longer than 200"),
    ],
)
def test_upload_field_refuses_odd_names(name, message):
    upload = pdf_upload()
    upload._name = name  # what a client other than a browser could send, bypassing basename()
    with pytest.raises(ValidationError) as exc:
        UploadField().clean(upload)
    assert message in str(exc.value)


@pytest.mark.parametrize(
    ("filename", "content", "content_type", "extension"),
    [
        ("c.pdf", tiny_pdf(["ok"]), "application/pdf", ".pdf"),
        ("c.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
        ("c.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
        (
            "slides.pptx",
            docx_bytes(part="ppt/presentation.xml"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ".pptx",
        ),
        ("text.odt", odt_bytes(), "application/vnd.oasis.opendocument.text", ".odt"),
        ("notes.txt", "Contribution — texte accentué\n".encode(), "text/plain", ".txt"),
    ],
)
@pytest.mark.usefixtures("world_ahead")
def test_accepted_types_are_read_from_the_content(client, world, settings, filename, content, content_type, extension):
    post_file(client, world, SimpleUploadedFile(filename, content))
    docfile = DocumentFile.objects.get()
    assert docfile.content_type == content_type and docfile.file.name.endswith(extension)
    assert docfile.original_filename == filename and docfile.size == len(content)
    assert docfile.sha256 == hashlib.sha256(content).hexdigest()


MISNAMED = [
    # name, content, what the question names, the name it is stored under once agreed
    ("notes.pdf", b"A contribution in plain text\n", "plain text (TXT)", "notes.txt"),
    ("misnamed.txt", tiny_pdf(["ok"]), "PDF", "misnamed.pdf"),
    ("paper.docx", tiny_pdf(["ok"]), "PDF", "paper.pdf"),
]


@pytest.mark.parametrize(("filename", "content", "detected", "renamed"), MISNAMED, ids=[m[0] for m in MISNAMED])
@pytest.mark.usefixtures("world_ahead")
def test_a_misnamed_file_is_stored_only_once_the_user_agrees(client, world, settings, filename, content, detected,
                                                             renamed):  # fmt: skip
    page = post_file(client, world, SimpleUploadedFile(filename, content)).content.decode()
    assert f"“{filename}” is named as" in page and f"its content is {detected}" in page
    assert 'name="accept_detected_type"' in page and 'type="checkbox"' in page
    assert not Document.objects.exists()
    assert f"Kept from your last try: “{filename}”" in page  # not asked for again
    token = re.search(r'name="kept_file" value="([^"]+)"', page).group(1)
    data = {"group": world.wg.pk, "kind": "contribution", "title": "UPLOAD-MARKER", "language": "E",
            "kept_file": token, "accept_detected_type": "on"}  # fmt: skip
    client.post(reverse("contributions:submit", args=[world.meeting.pk]), data)
    docfile = DocumentFile.objects.get()
    assert docfile.original_filename == renamed
    assert docfile.sha256 == hashlib.sha256(content).hexdigest()
    assert [p.parent.name for p in stored_files(settings)] == ["documents"]  # the kept copy is gone


def test_failure_after_storing_removes_rows_and_files(world, settings):
    """The second file hits the one-file-per-language constraint after the first was stored."""
    first, second = pdf_upload("a.pdf"), pdf_upload("b.pdf")
    with pytest.raises(IntegrityError):
        services.submit_document(
            meeting=world.meeting,
            group=world.wg,
            submitted_by=world.ms_delegate,
            title="twice English",
            kind="contribution",
            files=[("E", first, "a.pdf", "application/pdf"), ("E", second, "b.pdf", "application/pdf")],
            now=BEFORE,
        )
    assert_nothing_left(settings)


def test_download_name_from_symbol_and_language():
    assert uploads.download_name("WG-WSIS-14/5", "E", "application/pdf") == "WG-WSIS-14-5-E.pdf"
    assert uploads.download_name("WG-WSIS-14/3(Rev.1)", "R", "text/plain") == "WG-WSIS-14-3-Rev.1-R.txt"
