"""Restore a backup written by ops.backup into an EMPTY installation.

Order of work: read and check the whole archive first (manifest, every member's SHA-256),
then check the target (same migrations applied, no rows, no stored files), then store the
files and load the rows in one transaction, then verify the result (row counts against the
manifest, every document file and every approved report PDF against the checksum recorded in
its row). Nothing is written unless every check before it passed; if loading the rows fails,
the files just stored are removed again.
"""

import hashlib
import json
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from .backup import (
    DATABASE_MEMBER,
    FORMAT,
    MANIFEST_MEMBER,
    MEDIA_PREFIX,
    applied_migrations,
    row_counts,
    sha256_of,
    stored_file_names,
    stored_models,
)


class RestoreRefused(Exception):
    """The archive is damaged or the target is not an empty installation; nothing was written."""


def read_archive(path):
    """(manifest, database bytes) after checking every member against the manifest."""
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as exc:
        raise RestoreRefused(f"{path} is not a readable .tar.gz backup ({exc}).") from None
    with archive:
        manifest = _manifest(archive, path)
        expected = {MEDIA_PREFIX + f["name"]: f for f in manifest["files"]}
        expected[DATABASE_MEMBER] = {**manifest["database"], "name": DATABASE_MEMBER}
        database, seen = None, set()
        for member in archive:
            if member.name == MANIFEST_MEMBER:
                continue
            entry = expected.get(member.name)
            if entry is None or not member.isfile():
                raise RestoreRefused(
                    f"The archive holds an unexpected member {member.name!r}; it was not made by backup."
                )
            data = archive.extractfile(member)
            if member.name == DATABASE_MEMBER:
                database = data.read()
                digest = hashlib.sha256(database).hexdigest()
            else:
                digest = sha256_of(data)
            if digest != entry["sha256"] or member.size != entry["size"]:
                raise RestoreRefused(
                    f"{member.name} in the archive does not match its checksum: the archive is damaged."
                )
            seen.add(member.name)
        missing = sorted(set(expected) - seen)
        if missing:
            raise RestoreRefused(f"The archive lacks {len(missing)} member(s) its manifest lists, e.g. {missing[0]}.")
    return manifest, database


def _manifest(archive, path):
    try:
        manifest = json.load(archive.extractfile(MANIFEST_MEMBER))
    except (KeyError, ValueError, tarfile.TarError):
        raise RestoreRefused(f"{path} has no readable {MANIFEST_MEMBER}; it was not made by backup.") from None
    if manifest.get("format") != FORMAT:
        raise RestoreRefused(f"Unknown backup format {manifest.get('format')!r}; this portal reads {FORMAT}.")
    return manifest


def check_target_is_empty(manifest, storage=default_storage):
    """Refuse unless the target has the archive's migrations, no rows and no stored files."""
    if applied_migrations() != manifest["migrations"]:
        raise RestoreRefused(
            "The database's migrations differ from the backup's. Restore with the version of the portal that wrote "
            "the backup into a freshly migrated database, then upgrade and migrate."
        )
    counts = row_counts()
    occupied = [(label, counts[label]) for label in (m._meta.label_lower for m in stored_models()) if counts[label]]
    if occupied:
        shown = ", ".join(f"{label} ({n})" for label, n in occupied[:4])
        more = f" and {len(occupied) - 4} more tables" if len(occupied) > 4 else ""
        raise RestoreRefused(
            "The database is not empty; restore only into an empty installation (a new database, migrated, "
            f"nothing loaded). It already holds {sum(n for _, n in occupied)} rows, in {shown}{more}."
        )
    files = stored_file_names(storage)
    if files:
        raise RestoreRefused(
            f"The file storage (MEDIA_ROOT) is not empty: it already holds {len(files)} file(s), e.g. {files[0]}."
        )


def restore_backup(*, path, storage=default_storage):
    """Restore the archive at `path`; returns the verification summary (see verify_restored).

    Side effects: stores every archived file under its original name, loads every archived
    row (keeping primary keys; sequences reset), all or nothing. Raises RestoreRefused
    before writing anything if the archive or the target fails a check."""
    manifest, database = read_archive(path)
    check_target_is_empty(manifest, storage)
    stored = []
    try:
        _store_files(path, storage, stored)
        _load_rows(database)
    except BaseException:
        for name in stored:
            storage.delete(name)
        raise
    return verify_restored(manifest, storage)


def _store_files(path, storage, stored):
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            if not member.name.startswith(MEDIA_PREFIX):
                continue
            name = member.name[len(MEDIA_PREFIX) :]
            saved = storage.save(name, File(archive.extractfile(member), name=name))
            stored.append(saved)
            if saved != name:
                raise RestoreRefused(f"The storage renamed {name} to {saved}; the restore was undone.")


def _load_rows(database):
    with tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "database.json"
        fixture.write_bytes(database)
        with transaction.atomic():
            call_command("loaddata", str(fixture), verbosity=0)


def verify_restored(manifest, storage=default_storage):
    """Compare the restored installation with the manifest and with the checksums its rows
    record. Returns {"rows": n, "files": n, "document_files": n, "report_pdfs": n, "report_pdfs_pending": n,
    "problems": [...]}. A revision backed up while its PDF was being rendered has no file to check
    (`report_pdfs_pending`); asking for it after the restore queues its rendering again."""
    from contributions.models import DocumentFile
    from reports.models import ReportRevision

    problems = []
    counts = row_counts()
    for label, expected in manifest["rows"].items():
        if counts.get(label) != expected:
            problems.append(f"{label}: {counts.get(label)} rows restored, {expected} backed up")
    checked = {"document_files": 0, "report_pdfs": 0}
    pending = ReportRevision.objects.filter(sha256="")
    for kind, rows, field in (
        ("document_files", DocumentFile.objects.all(), "file"),
        ("report_pdfs", ReportRevision.objects.exclude(pk__in=pending), "pdf"),
    ):
        for row in rows.order_by("pk"):
            name = getattr(row, field).name
            if _digest_or_none(storage, name) != row.sha256:
                problems.append(f"{name}: missing, or its SHA-256 differs from the one recorded for {row}")
            checked[kind] += 1
    return {
        "rows": sum(counts.values()),
        "files": len(manifest["files"]),
        **checked,
        "report_pdfs_pending": pending.count(),
        "problems": problems,
    }


def _digest_or_none(storage, name):
    try:
        with storage.open(name, "rb") as stored:
            return sha256_of(stored)
    except FileNotFoundError:
        return None
