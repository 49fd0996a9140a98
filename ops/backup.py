"""Backups of a whole installation: the database rows and the stored files, in one dated
.tar.gz with a manifest (row counts, SHA-256 of every member).

The rows are written with Django's serializer, not pg_dump, so one archive format serves both
PostgreSQL and SQLite and an archive can be restored into either (e.g. production into a
laptop's SQLite). It is exact: primary keys are kept, datetimes keep their microseconds (the
stock encoder would cut them to milliseconds), JSON, decimals and file names round-trip
unchanged. Content types and permissions are not stored: `migrate` creates them, and rows that
point at them are written with natural keys. Sessions are not stored (a restore logs everyone
out). Files are read through Django storage, so a backup works the same with object storage.

Archive layout: manifest.json, database.json, media/<storage name> for each stored file.
"""

import datetime
import hashlib
import io
import itertools
import json
import tarfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "wsisportal-backup/1"
DATABASE_MEMBER = "database.json"
MANIFEST_MEMBER = "manifest.json"
MEDIA_PREFIX = "media/"
# Recreated by `migrate` (content types, permissions) or deliberately not kept (sessions).
# Rebuilt by migrate, or not worth keeping.
NOT_STORED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
CHUNK = 1024 * 1024


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder without the loss: datetimes and times keep their microseconds."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def stored_models():
    """Every concrete model whose rows go into a backup, ordered so that rows referenced by
    natural key (users) come before the rows that point at them."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(app_list, allow_cycles=True)
    return [
        m for m in ordered if m._meta.label_lower not in NOT_STORED and not m._meta.proxy and m._meta.managed
    ]  # fmt: skip


def counted_models():
    """Stored models plus the many-to-many tables Django creates for them: what `rows` counts."""
    models = stored_models()
    through = {f.remote_field.through for m in models for f in m._meta.local_many_to_many}
    return models + sorted((t for t in through if t._meta.auto_created), key=lambda t: t._meta.label_lower)


def row_counts():
    return {m._meta.label_lower: m._base_manager.count() for m in counted_models()}


def serialize_rows(stream):
    """Write every stored row as one JSON array to `stream` (text)."""
    objects = itertools.chain.from_iterable(m._base_manager.order_by("pk").iterator() for m in stored_models())
    serializers.serialize("json", objects, stream=stream, cls=ExactJSONEncoder, use_natural_foreign_keys=True)


def applied_migrations():
    applied = MigrationRecorder(connection).applied_migrations()
    by_app = {}
    for app_label, name in sorted(applied):
        by_app.setdefault(app_label, []).append(name)
    return by_app


def stored_file_names(storage=default_storage, directory=""):
    """Every file name in `storage`, depth first, sorted."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # a new installation's MEDIA_ROOT may not exist yet
        return []
    names = [f"{directory}/{f}" if directory else f for f in sorted(files)]
    for sub in sorted(directories):
        names += stored_file_names(storage, f"{directory}/{sub}" if directory else sub)
    return names


def sha256_of(fileobj):
    digest = hashlib.sha256()
    for chunk in iter(lambda: fileobj.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _add_bytes(archive, name, data, mtime):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), mtime, 0o600
    archive.addfile(info, io.BytesIO(data))


def describe_stored_file(name, storage=default_storage):
    with storage.open(name, "rb") as source:
        return {"name": name, "size": storage.size(name), "sha256": sha256_of(source)}


def _add_stored_file(archive, entry, storage, mtime):
    info = tarfile.TarInfo(MEDIA_PREFIX + entry["name"])
    info.size, info.mtime, info.mode = entry["size"], mtime, 0o600
    with storage.open(entry["name"], "rb") as source:
        archive.addfile(info, source)


def read_rows():
    """(database JSON bytes, row counts, applied migrations), all from one snapshot."""
    own_snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if own_snapshot:  # one snapshot for every table, not one per query (must be the first statement)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        buffer = io.StringIO()
        serialize_rows(buffer)
        return buffer.getvalue().encode(), row_counts(), applied_migrations()


def write_backup(*, directory, now=None, storage=default_storage):
    """Write `directory`/wsisportal-YYYYMMDD-HHMMSS.tar.gz and return (path, manifest).

    Side effects: creates the directory and the archive (written as .partial, renamed when
    complete); nothing else changes. Stored files are immutable (never rewritten once a row
    records them), so a file's checksum taken first still holds when it is copied. (A revision's
    PDF name is rewritten only while no row records it, when a retry replaces what a killed render
    left; a backup that caught that moment stops, or its restore refuses it: run it again.)
    A revision whose PDF is still being rendered is backed up as it is, without a file."""
    now = now or timezone.now()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"wsisportal-{now:%Y%m%d-%H%M%S}.tar.gz"
    database, counts, migrations = read_rows()
    files = [describe_stored_file(name, storage) for name in stored_file_names(storage)]
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "database": {
            "vendor": connection.vendor,
            "member": DATABASE_MEMBER,
            "size": len(database),
            "sha256": hashlib.sha256(database).hexdigest(),
        },
        "migrations": migrations,
        "rows": counts,
        "files": files,
    }
    mtime = int(now.timestamp())
    partial = directory / f"{path.name}.partial"
    with tarfile.open(partial, "w:gz") as archive:
        _add_bytes(archive, MANIFEST_MEMBER, json.dumps(manifest, indent=2, sort_keys=True).encode(), mtime)
        _add_bytes(archive, DATABASE_MEMBER, database, mtime)
        for entry in files:
            _add_stored_file(archive, entry, storage, mtime)
    partial.rename(path)
    return path, manifest
