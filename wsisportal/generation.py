"""The content generation: one number that changes whenever a transaction that wrote portal
content commits. Rendered fragments are cached under it (wsisportal/fragments.py), so a page
that nobody has changed is not rendered twice, and any change is seen on the next request.

It is correct by construction rather than by bookkeeping: every database connection carries an
execute wrapper that notices every INSERT, UPDATE and DELETE (model saves, queryset updates,
bulk creates, raw SQL alike) on any table but the few that hold no content (sessions, login
throttling, the admin log, this counter). When such a write commits, the counter goes up by one
in its own short statement; inside a transaction that is after the commit (`on_commit`), so no
lock is held across a transaction and a reader never finds a new number with old data.

A connection whose transaction has written and not yet committed must not use the cache at all:
what it reads is not what others read (`cache_usable`). Tests run inside such transactions,
which therefore render afresh; tests that commit (browser and transactional tests) use the cache.
"""

import logging
import re
import uuid

from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.models import F

logger = logging.getLogger(__name__)

TABLE = "meetings_contentgeneration"
# Tables whose rows no page shows: writing them changes no rendered fragment.
QUIET_TABLES = frozenset(
    {TABLE, "django_session", "django_admin_log", "django_migrations", "django_content_type", "auth_permission"}
)
QUIET_PREFIXES = ("axes_",)
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def is_content_write(sql):
    """The table an SQL statement writes, when it is a content table; else None."""
    match = WRITE.match(sql)
    if not match:
        return None
    table = match.group(1).lower()
    if table in QUIET_TABLES or table.startswith(QUIET_PREFIXES):
        return None
    return table


def watch_connection(sender, connection, **kwargs):
    """`connection_created`: give the connection the write watcher (once, however often it reconnects)."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if is_content_write(sql):
        connection = context["connection"]
        if not connection.in_atomic_block:
            bump(connection.alias)
        elif not _pending(connection):
            transaction.on_commit(lambda: bump(connection.alias), using=connection.alias, robust=True)
            connection.content_written_in = connection.run_on_commit[-1]
    return result


def _pending(connection):
    """Whether this connection's open transaction has written content (its bump is registered and
    was not discarded by a savepoint rollback)."""
    marker = getattr(connection, "content_written_in", None)
    return marker is not None and any(entry is marker for entry in connection.run_on_commit)


def cache_usable(using="default"):
    """False while this connection holds uncommitted content writes: it must neither read
    fragments others rendered nor store what only it can see."""
    return not _pending(connections[using])


def bump(using="default"):
    """Count one committed change. A failure is logged, never raised: the change is committed."""
    try:
        if not _counter(using).update(value=F("value") + 1) and not _create(using):
            _counter(using).update(value=F("value") + 1)  # created meanwhile by a reader: count on it
    except DatabaseError:
        if TABLE not in connections[using].introspection.table_names():
            return  # writes made while migrating, before the counter's table exists: nothing is cached yet
        logger.exception("The content generation could not be counted up; cached pages expire by themselves.")


def current(using="default"):
    """'epoch:value', one indexed single-row read (the row is created on first use)."""
    row = _counter(using).values_list("epoch", "value").first()
    if row is None:
        row = _create(using) or _counter(using).values_list("epoch", "value").get()
    return f"{row[0]}:{row[1]}"


def _counter(using):
    from meetings.models import ContentGeneration

    return ContentGeneration.objects.using(using).filter(pk=1)


def _create(using):
    """The row with a new epoch: (epoch, value), or None if another request created it first."""
    from meetings.models import ContentGeneration

    try:
        with transaction.atomic(using=using):
            row = ContentGeneration.objects.using(using).create(pk=1, epoch=uuid.uuid4().hex, value=0)
    except IntegrityError:
        return None
    return row.epoch, row.value
