"""Who else has a paragraph of a report open in the editor: each open block form sends a short
heartbeat (htmx, every HEARTBEAT seconds); a name is shown while its last beat is younger than
EXPIRES. Kept in the cache (CACHES: shared by every worker when it is Redis), never in the
record: it is a courtesy to the editors, not a lock (the optimistic lock still decides).

One cache entry per report: {user id: [name, block id, unix time]}. Two beats at the same moment
may drop one of them; the next beat restores it.
"""

import time

from django.core.cache import cache

HEARTBEAT = 10  # seconds between beats of an open form (templates/reports/includes/presence.html)
EXPIRES = 30  # a name disappears this long after its last beat


def _key(report_id):
    return f"report-presence:{report_id}"


def beat(*, report_id, block_id, user, now=None):
    """Record that `user` has block `block_id` open; return the others who have a block of the
    same report open: {"block": [names on this block], "report": [names on other blocks]}."""
    now = now if now is not None else time.time()
    entries = {uid: e for uid, e in (cache.get(_key(report_id)) or {}).items() if now - e[2] < EXPIRES}
    entries[user.pk] = [user.display_name, block_id, now]
    cache.set(_key(report_id), entries, EXPIRES)
    return others(entries, user=user, block_id=block_id)


def current(*, report_id, block_id, user, now=None):
    """The others editing, as `beat` answers, without recording a beat."""
    now = now if now is not None else time.time()
    entries = {uid: e for uid, e in (cache.get(_key(report_id)) or {}).items() if now - e[2] < EXPIRES}
    return others(entries, user=user, block_id=block_id)


def others(entries, *, user, block_id):
    found = {"block": [], "report": []}
    for uid, (name, block, _at) in entries.items():
        if uid != user.pk:
            found["block" if block == block_id else "report"].append(name)
    return {k: sorted(v) for k, v in found.items()}
