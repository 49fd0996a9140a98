"""Backup and restore: the demo round-trips exactly, and a restore refuses anything but an empty
installation and an intact archive (writing nothing when it refuses)."""

import hashlib
import io
import json
import tarfile

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from contributions.models import DocumentFile
from meetings.models import Organisation
from ops.backup import counted_models, row_counts, stored_file_names, write_backup
from ops.restore import RestoreRefused, restore_backup
from reports.models import ReportRevision
from tests.demo_snapshot import load_demo


def all_rows():
    """Every row of every stored table (and many-to-many table) as Python values, read straight
    from the database: datetimes to the microsecond, decimals, JSON, file names. Content types
    and permissions are recreated by `migrate` with ids of their own, so rows pointing at them
    are compared by natural key; a many-to-many row's own id means nothing and is left out."""
    rows = {}
    for model in counted_models():
        columns = [c for f in model._meta.concrete_fields for c in _columns(f, model._meta.auto_created)]
        rows[model._meta.label_lower] = sorted(model._base_manager.values_list(*columns), key=repr)
    return rows


def _columns(field, auto_created):
    if field.related_model is ContentType:
        return [f"{field.name}__app_label", f"{field.name}__model"]
    if field.related_model is Permission:
        return [f"{field.name}__codename", f"{field.name}__content_type__app_label"]
    return [] if auto_created and field.primary_key else [field.attname]


def sha256_stored(name):
    with default_storage.open(name, "rb") as stored:
        return hashlib.sha256(stored.read()).hexdigest()


def empty_installation(settings, tmp_path):
    """What a new installation looks like: a migrated database without rows, no stored files."""
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "new-installation-media"


def test_demo_round_trips_with_every_checksum_and_count(transactional_db, settings, tmp_path):
    load_demo()
    rows_before, counts_before = all_rows(), row_counts()
    files_before = {name: sha256_stored(name) for name in stored_file_names()}
    path, manifest = write_backup(directory=tmp_path / "backups")
    empty_installation(settings, tmp_path)
    assert row_counts()["meetings.meeting"] == 0 and stored_file_names() == []

    out = io.StringIO()
    call_command("restore", str(path), stdout=out)

    assert "Every count and checksum matches the backup." in out.getvalue()
    assert row_counts() == counts_before == manifest["rows"]
    assert all_rows() == rows_before  # exact: primary keys, microseconds, JSON, file names
    assert {name: sha256_stored(name) for name in stored_file_names()} == files_before
    documents = list(DocumentFile.objects.all())
    revisions = list(ReportRevision.objects.all())
    assert len(documents) >= 10 and len(revisions) >= 2
    assert [sha256_stored(d.file.name) for d in documents] == [d.sha256 for d in documents]
    assert [sha256_stored(r.pdf.name) for r in revisions] == [r.sha256 for r in revisions]
    assert all(sha256_stored(r.pdf.name) == r.sha256 and r.approved_at for r in revisions)


@pytest.fixture
def small_backup(transactional_db, world, tmp_path):
    """A backup of the small test world with one stored file (committed, so that a restore
    test can flush the database as a new installation would be)."""
    default_storage.save("documents/backup-marker.pdf", ContentFile(b"%PDF-1.7 BACKUP-MARKER"))
    path, _manifest = write_backup(directory=tmp_path / "backups")
    return path


def test_restore_into_a_database_with_rows_is_refused_and_writes_nothing(small_backup, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "other-media"
    organisations = Organisation.objects.count()

    with pytest.raises(CommandError, match="The database is not empty; restore only into an empty installation"):
        call_command("restore", str(small_backup))

    assert Organisation.objects.count() == organisations and stored_file_names() == []


def test_restore_into_storage_with_files_is_refused(small_backup, settings, tmp_path):
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(RestoreRefused, match=r"MEDIA_ROOT\) is not empty: it already holds 1 file"):
        restore_backup(path=small_backup)

    assert row_counts()["meetings.organisation"] == 0


def test_restore_of_a_damaged_archive_is_refused_and_writes_nothing(small_backup, settings, tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(small_backup) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == "media/documents/backup-marker.pdf":
                data = data.replace(b"MARKER", b"MARKEX")
            target.addfile(member, io.BytesIO(data))
    empty_installation(settings, tmp_path)

    with pytest.raises(RestoreRefused, match="does not match its checksum: the archive is damaged"):
        restore_backup(path=damaged)

    assert stored_file_names() == [] and row_counts()["meetings.organisation"] == 0


@pytest.mark.parametrize("content", [b"", b"not a tar archive at all"])
def test_restore_of_something_else_is_refused(db, tmp_path, content):
    path = tmp_path / "other.tar.gz"
    path.write_bytes(content)
    with pytest.raises(RestoreRefused, match="is not a readable .tar.gz backup"):
        restore_backup(path=path)


def test_backup_name_is_dated_and_manifest_lists_every_file(small_backup):
    with tarfile.open(small_backup) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        names = archive.getnames()
    assert small_backup.name.startswith("wsisportal-") and small_backup.name.endswith(".tar.gz")
    assert names[:2] == ["manifest.json", "database.json"]
    assert manifest["files"] == [
        {
            "name": "documents/backup-marker.pdf",
            "size": 22,
            "sha256": hashlib.sha256(b"%PDF-1.7 BACKUP-MARKER").hexdigest(),
        }
    ]
    assert manifest["rows"]["meetings.organisation"] == Organisation.objects.count() > 0


def test_a_revision_whose_pdf_is_being_rendered_is_backed_up_and_restored_as_pending(
    transactional_db, world, settings, tmp_path, monkeypatch
):
    from reports import services as report_services
    from reports.tasks import render_revision_pdf_task
    from tests.reports.factories import approve, make_block, make_report, make_section

    report = make_report(world.meeting, title="Report backed up while rendering")
    make_block(report, make_section(report), body="<p>PENDING-AT-BACKUP</p>")
    queued = []
    monkeypatch.setattr(render_revision_pdf_task, "delay", queued.append)
    revision = approve(report, world.chair)
    path, _manifest = write_backup(directory=tmp_path / "backups")
    empty_installation(settings, tmp_path)

    out = io.StringIO()
    call_command("restore", str(path), stdout=out)

    assert "Every count and checksum matches the backup." in out.getvalue()
    assert "1 approved revision(s) had their PDF still being rendered when backed up" in out.getvalue()
    restored = ReportRevision.objects.get(pk=revision.pk)
    assert not restored.pdf_ready and "PENDING-AT-BACKUP" in str(restored.snapshot)
    rendered = report_services.render_revision_pdf(restored.pk)  # asked for after the restore
    assert sha256_stored(rendered.pdf.name) == rendered.sha256
