"""A full disk: the store writes part of a file and fails. Nothing half-written may remain (no
row, no file, no number used) and the submitter reads plainly that nothing was stored (503)."""

import errno
import os
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from contributions import services, uploads
from contributions.models import AuditEntry, Document, DocumentFile, SymbolCounter
from tests.contributions.conftest import pdf_upload, submit

FULL_DISK = "tests.contributions.test_storage_failure.FullDiskStorage"


class FullDiskStorage(FileSystemStorage):
    """A disk of `capacity` bytes: a save that does not fit writes what fits, then fails as a full
    file system does (ENOSPC), leaving the partial file on disk as FileSystemStorage would."""

    def __init__(self, capacity, **kwargs):
        super().__init__(**kwargs)
        self.capacity = capacity

    def _used(self):
        return sum(f.stat().st_size for f in Path(self.location).rglob("*") if f.is_file())

    def _save(self, name, content):
        room = self.capacity - self._used()
        if content.size <= room:
            return super()._save(name, content)
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as partial:
            content.seek(0)
            partial.write(content.read(max(room, 0)))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


def stored_files(settings):
    return sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


def full_disk(settings, capacity):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": FULL_DISK, "OPTIONS": {"capacity": capacity}}}


def counters():
    return list(SymbolCounter.objects.values_list("series", "last_number"))


def test_the_simulated_disk_really_leaves_a_partial_file(world, settings):
    """The fixture itself: without the clean-up, a failed save leaves bytes on disk."""
    full_disk(settings, capacity=100)
    storage = FullDiskStorage(capacity=100, location=settings.MEDIA_ROOT)
    with pytest.raises(OSError):
        storage.save("documents/x.pdf", pdf_upload())
    assert [p.stat().st_size for p in stored_files(settings)] == [100]


def test_full_disk_on_the_first_file_leaves_nothing_and_says_so(client, world_ahead, settings):
    world = world_ahead
    first = submit(world, world.ms_delegate, world.wg, "Stored before the disk filled up", now=None)
    before = (counters(), stored_files(settings), AuditEntry.objects.count())
    full_disk(settings, capacity=first.files.get().size + 100)
    client.force_login(world.ms_delegate)

    response = client.post(
        reverse("contributions:submit", args=[world.meeting.pk]),
        {"group": world.wg.pk, "kind": "contribution", "title": "DISK-FULL-MARKER", "language": "E",
         "file": pdf_upload(text="A contribution that does not fit")},
    )  # fmt: skip

    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == str(uploads.STORAGE_RETRY_AFTER_SECONDS)
    assert "could not be stored" in page and "no symbol was allocated" in page
    assert "DISK-FULL-MARKER" in page  # the form comes back filled in (but for the file)
    assert list(Document.objects.values_list("title", flat=True)) == ["Stored before the disk filled up"]
    assert DocumentFile.objects.count() == 1
    assert (counters(), stored_files(settings), AuditEntry.objects.count()) == before


def test_full_disk_on_the_second_language_file_removes_the_first(world, settings):
    english, french = pdf_upload("en.pdf", "English version"), pdf_upload("fr.pdf", "Version française")
    full_disk(settings, capacity=english.size + french.size // 2)

    with pytest.raises(uploads.StorageFailed):
        services.submit_document(
            meeting=world.meeting,
            group=world.wg,
            submitted_by=world.secretariat,
            title="Bilingual",
            kind="contribution",
            files=[("E", english, "en.pdf", "application/pdf"), ("F", french, "fr.pdf", "application/pdf")],
            now=world.meeting.opens_at,
        )

    assert stored_files(settings) == []
    assert not Document.objects.exists() and not DocumentFile.objects.exists() and not AuditEntry.objects.exists()
    assert counters() == []
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    assert submit(world, world.secretariat, world.wg, now=world.meeting.opens_at).symbol == "WG-WSIS-14/1"


def test_full_disk_when_adding_a_language_version_leaves_nothing(client, world, settings):
    doc = submit(world, world.secretariat, world.wg, "English only", now=world.meeting.opens_at)
    before = stored_files(settings)
    full_disk(settings, capacity=doc.files.get().size + 50)
    client.force_login(world.secretariat)

    response = client.post(
        reverse("contributions:add_file", args=[doc.pk]), {"language": "F", "file": pdf_upload("fr.pdf")}, follow=True
    )

    assert "could not be stored" in response.content.decode()
    assert doc.files.count() == 1 and stored_files(settings) == before
    assert not AuditEntry.objects.filter(action="file_added").exists()
