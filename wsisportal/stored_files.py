"""Files stored inside a transaction go when the transaction does not commit.

The database rolls back its rows; Django storage has no transactions (and Django no on_rollback
hook), so a file written by a failed command or service would stay behind with no row pointing
at it. The remedy is kept deliberately small:

- `removing_files_on_failure()` opens an atomic block and, while it is open, collects the names
  stored through `save()` or reported with `remember()`.
- If the block leaves with an exception, or was marked for rollback (`set_rollback(True)`), those
  files are deleted after the rollback. Files stored before the block are never touched.
- If it succeeds and sits inside another such block, its names pass to that one, since the outer
  transaction may still roll back; the outermost block that succeeds forgets them (committed).

The open blocks are kept on the database connection, like the transaction they mirror: one
per thread and alias, no module-level state. A file stored outside any such block is not
tracked; one stored in a plain nested `atomic()` that rolls back while the exception is caught
inside the block stays until the block itself fails (wrap that part in its own block).
"""

import contextlib
import hashlib
import io
import logging
import posixpath

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, transaction

logger = logging.getLogger(__name__)


def _open_blocks(using):
    connection = connections[using]
    if not hasattr(connection, "stored_files_blocks"):
        connection.stored_files_blocks = []
    return connection.stored_files_blocks


@contextlib.contextmanager
def removing_files_on_failure(*, using=DEFAULT_DB_ALIAS):
    """An atomic block whose stored files are deleted if it does not commit (see above)."""
    blocks = _open_blocks(using)
    stored = []
    blocks.append(stored)
    try:
        with transaction.atomic(using=using):
            yield
            rolled_back = transaction.get_rollback(using=using)
    except BaseException:
        _delete(stored)
        raise
    finally:
        blocks.pop()
    if rolled_back:
        _delete(stored)
    elif blocks:
        blocks[-1].extend(stored)


def remember(name, *, storage=default_storage, using=DEFAULT_DB_ALIAS):
    """Record a file just stored as `name` in `storage`, to be deleted if the innermost
    `removing_files_on_failure()` block does not commit. Outside such a block, nothing."""
    blocks = _open_blocks(using)
    if blocks:
        blocks[-1].append((storage, name))
    return name


def save(name, content, *, storage=default_storage, using=DEFAULT_DB_ALIAS):
    """`storage.save(name, content)`, remembered; returns the stored name."""
    return remember(storage.save(name, content), storage=storage, using=using)


CHUNK = 1024 * 1024


def replace(name, content, *, storage=default_storage, using=DEFAULT_DB_ALIAS):
    """Store `content` (bytes or a binary file) under exactly `name`, the one name its row owns, and
    return (SHA-256, size) of the stored bytes. Whatever is at `name` already is deleted first: call
    this holding the lock of the row that will record the file, after checking that the row has no
    file yet, so what is there can only be the leftover of an attempt killed between storing and
    committing. Remembered as `save()` is (gone again if the block does not commit)."""
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    digest, size = checksum(source)
    source.seek(0)
    if storage.exists(name):
        storage.delete(name)
    stored = save(name, File(source, name=posixpath.basename(name)), storage=storage, using=using)
    if stored != name:  # the storage chose another name: the row would point at a file not its own
        raise RuntimeError(f"The storage stored {name} as {stored}")
    return digest, size


def checksum(source):
    """(SHA-256 hex digest, size) of a binary file, read from where it stands to its end."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _delete(stored):
    for storage, name in stored:
        try:
            storage.delete(name)
        except Exception:  # the original failure matters more; say which file was left
            logger.exception("Could not delete %s after a failed transaction", name)
