"""Rendered fragments kept in the cache under a key that names what they show.

A view checks access first, then asks for the costly part of a page:

    html = fragments.cached("report-revision", (revision.pk, revision.sha256, revision.published_at), render)

`version` must change whenever what the fragment shows changes, and must hold nothing else that
varies: the id, checksum and publication of a frozen revision, an object's own version counter, the access
flags the fragment was built for. Nothing global: a write to one meeting never invalidates
another's pages, and sign-ins, sessions and throttling invalidate nothing. The language and time
zone of the request are added here. What is cached must not carry anything personal (a CSRF
token, a name from the session). The backend is the default cache (CACHE_URL).
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone, translation

SECONDS = 24 * 3600  # versions make entries exact; the timeout only lets unused ones go


def cached(name, version, render):
    """render(), or what it returned for the same name, version, language and zone."""
    parts = (name, version, translation.get_language(), timezone.get_current_timezone_name())
    key = f"fragment:{name}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
    value = cache.get(key)
    if value is None:
        value = render()
        cache.set(key, value, SECONDS)
    return value
