"""The demo (`manage.py load_demo`) for tests that start from it: loaded for real by the first such
test of a test process, then copied back, row for row and file for file, into each later test's
database. Loading renders and freezes two report PDFs (WeasyPrint) and takes 8-15 s; the copy
takes well under a second, and some forty tests start from the demo.

What the load changed is recorded against what the database held before it (the migrations' rows:
content types, permissions, the Secretariat group): rows added, changed and removed in every table,
files stored under MEDIA_ROOT, entries of the local-memory cache and mails sent. A later test gets
the copy only when its database holds exactly what the recorded load started from; otherwise (a
flush re-created the migrations' rows with new ids, a test wrote rows first) the demo is loaded for
real again and recorded anew. tests/test_demo_snapshot.py proves that a copy is the load.

The tests of the command itself (tests/meetings/test_demo.py, the reloading tests) call it directly.
"""

import atexit
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction


def _models():
    """Every model with a table of its own (many-to-many tables included); a child of multi-table
    inheritance counts for its own table's columns only."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def _columns(model):
    return [f.attname for f in model._meta.local_concrete_fields]


def _rows(model):
    """{pk: (column values…)} of the model's own table."""
    columns = _columns(model)
    index = columns.index(model._meta.pk.attname)
    return {values[index]: values for values in model._base_manager.order_by().values_list(*columns)}


def database_state():
    """{model: {pk: row}} of every table."""
    return {model: _rows(model) for model in _models()}


def media_state():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return {}
    return {path.relative_to(root): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def _cache_state():
    if not isinstance(cache, LocMemCache) and not isinstance(getattr(cache, "_wrapped", None), LocMemCache):
        return None
    with cache._lock:
        return {key: (value, cache._expire_info.get(key)) for key, value in cache._cache.items()}


@dataclass
class Snapshot:
    before: dict  # {model: {pk: row}}: what the database held when the demo was loaded
    added: dict = field(default_factory=dict)  # {model: [row]}
    changed: dict = field(default_factory=dict)  # {model: [row]}
    removed: dict = field(default_factory=dict)  # {model: [pk]}
    files: Path | None = None  # a copy of the files the load stored, relative to MEDIA_ROOT
    cache_entries: dict | None = None  # {key: (pickled value, expiry)} the load wrote
    mails: list = field(default_factory=list)

    def fits(self):
        """True when the database holds exactly what the recorded load started from."""
        return database_state() == self.before

    def restore(self):
        with transaction.atomic():  # foreign keys are checked at the end (they are deferred)
            for model, pks in self.removed.items():
                model._base_manager.filter(pk__in=pks)._raw_delete(connection.alias)
            for model, rows in self.changed.items():
                columns = _columns(model)
                for row in rows:
                    values = dict(zip(columns, row, strict=True))
                    model._base_manager.filter(pk=values.pop(model._meta.pk.attname)).update(**values)
            for model, rows in self.added.items():
                _insert(model, rows)
            _reset_sequences(list(self.added))
        if self.files is not None:
            shutil.copytree(self.files, settings.MEDIA_ROOT, dirs_exist_ok=True)
        if self.cache_entries:
            with cache._lock:
                for key, (value, expiry) in self.cache_entries.items():
                    cache._cache[key] = value
                    cache._expire_info[key] = expiry
        if hasattr(mail, "outbox"):
            mail.outbox.extend(self.mails)


def _insert(model, rows):
    """The rows as they are (raw: no auto_now, no signals), in batches the database accepts."""
    fields, columns = model._meta.local_concrete_fields, _columns(model)
    objs = [model(**dict(zip(columns, row, strict=True))) for row in rows]
    size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), size):
        model._base_manager._insert(objs[start : start + size], fields=fields, raw=True, using=connection.alias)


def _reset_sequences(models):
    """PostgreSQL's sequences ignore explicit ids: each continues after its table's highest id."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def _forget_sqlite_sequences():
    """SQLite's AUTOINCREMENT remembers the explicit ids a committed world used (the leak scan's
    900001…) even after the flush; without its sqlite_sequence rows it counts from each table's
    highest id again, as PostgreSQL's sequences do after _reset_sequences."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_sequence")


def record_load():
    """Load the demo for real and record what it changed."""
    _forget_sqlite_sequences()
    before, files_before = database_state(), media_state()
    cache_before = _cache_state()
    mails_before = len(getattr(mail, "outbox", []))
    call_command("load_demo", stdout=io.StringIO())
    snapshot = Snapshot(before=before)
    for model, rows in database_state().items():
        old = before[model]
        added = [row for pk, row in rows.items() if pk not in old]
        changed = [row for pk, row in rows.items() if pk in old and old[pk] != row]
        removed = [pk for pk in old if pk not in rows]
        for kind, found in (("added", added), ("changed", changed), ("removed", removed)):
            if found:
                getattr(snapshot, kind)[model] = found
    stored = {name: data for name, data in media_state().items() if files_before.get(name) != data}
    if stored:
        snapshot.files = Path(tempfile.mkdtemp(prefix="demo-snapshot-"))
        atexit.register(shutil.rmtree, snapshot.files, ignore_errors=True)
        for name, data in stored.items():
            (snapshot.files / name).parent.mkdir(parents=True, exist_ok=True)
            (snapshot.files / name).write_bytes(data)
    cache_after = _cache_state()
    if cache_before is not None and cache_after is not None:
        snapshot.cache_entries = {key: entry for key, entry in cache_after.items() if cache_before.get(key) != entry}
    snapshot.mails = list(getattr(mail, "outbox", []))[mails_before:]
    return snapshot


_last = None


def _canonical(state):
    """{model: sorted rows} with every id replaced by what it names: a row's own primary key left
    out, a foreign key written as the canonical row it points to. Two databases whose rows differ
    in their ids only (the migrations' rows, written again after a flush) read the same."""
    by_pk = {model._meta.db_table: (model, rows) for model, rows in state.items()}
    memo = {}

    def row_of(model, pk):
        key = (model._meta.db_table, pk)
        if key not in memo:
            memo[key] = None  # a cycle reads as None
            target = by_pk.get(model._meta.db_table, (model, {}))[1].get(pk)
            memo[key] = canonical_row(model, target) if target is not None else ("missing", pk)
        return memo[key]

    def canonical_row(model, row):
        values = []
        for f, value in zip(model._meta.local_concrete_fields, row, strict=True):
            if f.primary_key and not f.is_relation:
                continue
            values.append(row_of(f.related_model, value) if f.is_relation and value is not None else value)
        return tuple(values)

    return {
        model: sorted(map(repr, (canonical_row(model, row) for row in rows.values()))) for model, rows in state.items()
    }


def _renumber_as_recorded(snapshot):
    """When the database holds the recorded start under other ids (a flush wrote the migrations'
    content types, permissions and groups again, numbered on from PostgreSQL's sequences), write
    those rows again under the recorded ids. True when done."""
    current = database_state()
    if _canonical(current) != _canonical(snapshot.before):
        return False
    from django.contrib.contenttypes.models import ContentType

    with transaction.atomic():
        for model, rows in current.items():
            if rows:
                model._base_manager.all()._raw_delete(connection.alias)
        for model, rows in snapshot.before.items():
            if rows:
                _insert(model, list(rows.values()))
        _reset_sequences([model for model, rows in snapshot.before.items() if rows])
    ContentType.objects.clear_cache()
    return snapshot.fits()


def load_demo():
    """The demo in the test's database: copied from this process's recorded load when the
    database is as that load found it, loaded for real (and recorded) otherwise. Ids are counted
    from each table's highest id (SQLite's sequence rows forgotten), as by `load_demo_with_small_ids`."""
    global _last
    if _last is not None and (_last.fits() or _renumber_as_recorded(_last)):
        _forget_sqlite_sequences()
        _last.restore()
    else:
        _last = record_load()
