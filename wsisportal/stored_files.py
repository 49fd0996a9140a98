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
import logging

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


def _delete(stored):
    for storage, name in stored:
        try:
            storage.delete(name)
        except Exception:  # the original failure matters more; say which file was left
            logger.exception("Could not delete %s after a failed transaction", name)
