"""Large uploads stream to temporary files in a directory of our own (FILE_UPLOAD_TEMP_DIR); a
worker killed mid-upload leaves its file there, and `sweep_upload_temp` removes the stale ones:
only Django's upload temp files, only those older than the threshold, at most so many a run."""

import io
import os
import time

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from contributions.demo.pdf import tiny_pdf
from contributions.models import DocumentFile

HOUR = 3600


def touch(path, age_seconds, content=b"partial upload"):
    path.write_bytes(content)
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


@pytest.fixture
def temp_dir(settings, tmp_path):
    directory = tmp_path / "upload-tmp"
    directory.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(directory)
    return directory


def sweep(**options):
    out = io.StringIO()
    call_command("sweep_upload_temp", stdout=out, **options)
    return out.getvalue()


def test_settings_give_uploads_a_directory_of_their_own():
    assert django_settings.FILE_UPLOAD_TEMP_DIR
    assert "contributions.uploads.OwnTempDirUploadHandler" in django_settings.FILE_UPLOAD_HANDLERS


def test_sweep_removes_only_stale_upload_temp_files_within_the_bound(temp_dir):
    stale = [
        touch(temp_dir / name, 2 * HOUR)
        for name in ("tmpa1b2c3d4.upload.pdf", "tmpzz99_x0y.upload", "tmpq7w8e9r0.upload.docx")
    ]
    fresh = touch(temp_dir / "tmpf5r6e7s8.upload.pdf", 60)  # an upload still streaming in
    foreign = [
        touch(temp_dir / "notes.txt", 2 * HOUR),
        touch(temp_dir / "tmpa1b2c3d4.uploaded", 2 * HOUR),
        touch(temp_dir / "backup.upload.pdf", 2 * HOUR),
    ]
    (temp_dir / "tmpd1r2e3c4.upload.d").mkdir()
    os.utime(temp_dir / "tmpd1r2e3c4.upload.d", (time.time() - 2 * HOUR,) * 2)

    first = sweep(older_than=30, limit=2)

    assert sum(p.exists() for p in stale) == 1
    assert "Removed 2 stale upload temporary files" in first and "more remain" in first
    second = sweep(older_than=30, limit=2)
    assert not any(p.exists() for p in stale) and "Removed 1 " in second and "more remain" not in second
    assert fresh.exists() and all(p.exists() for p in foreign) and (temp_dir / "tmpd1r2e3c4.upload.d").is_dir()


def test_sweep_leaves_a_symlink_and_its_target_alone(temp_dir, tmp_path):
    target = touch(tmp_path / "precious.pdf", 2 * HOUR)
    link = temp_dir / "tmpl1n2k3s4.upload.pdf"
    link.symlink_to(target)
    os.utime(link, (time.time() - 2 * HOUR,) * 2, follow_symlinks=False)
    sweep(older_than=30, limit=10)
    assert link.is_symlink() and target.exists()


def test_sweep_creates_a_missing_directory_and_reports_nothing_to_do(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "not-yet")
    assert "Removed 0 " in sweep()
    assert (tmp_path / "not-yet").is_dir()


def test_sweep_refuses_to_touch_the_shared_system_temp_dir(settings):
    settings.FILE_UPLOAD_TEMP_DIR = None
    with pytest.raises(CommandError, match="FILE_UPLOAD_TEMP_DIR"):
        sweep()


def test_a_large_upload_streams_into_the_directory_even_when_it_is_missing(client, world_ahead, settings, tmp_path):
    """Nothing needs to create the directory first: the upload handler does."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "fresh" / "upload-tmp")
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000  # so this small PDF goes to a temporary file
    content = tiny_pdf(["A contribution long enough to stream to disk " * 20] * 10)
    client.force_login(world_ahead.ms_delegate)
    client.post(
        reverse("contributions:submit", args=[world_ahead.meeting.pk]),
        {"group": world_ahead.wg.pk, "kind": "contribution", "title": "Streamed", "language": "E",
         "file": SimpleUploadedFile("streamed.pdf", content)},
    )  # fmt: skip
    assert DocumentFile.objects.get().size == len(content) > 1000
    assert (tmp_path / "fresh" / "upload-tmp").is_dir()
    assert list((tmp_path / "fresh" / "upload-tmp").iterdir()) == []  # closed, removed or moved
