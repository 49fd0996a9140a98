"""Rendered fragments kept in the cache under the content generation (wsisportal/generation.py).

A view first checks access as always, then asks for the part of the page that costs the most
to build (a roadmap matrix, a report's text, a register's table, a calendar):

    html = fragments.cached("roadmap-matrix", (draft.pk, can_edit, filters), render)

The key holds everything besides stored content that the output depends on (whose view: the
access flags or visible groups it was built for; options; anything time-dependent). The language
and time zone of the request and the content generation are added here, so any committed change
anywhere, a language switch or another zone gets a fresh render. What is cached must not carry
anything personal (a CSRF token, a name from the session): views keep those outside the fragment.
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone, translation

from . import generation

SECONDS = 600  # an upper bound on staleness should a counter update ever fail


def cached(name, key, render):
    """render(), or what it returned for the same name, key, language, zone and content generation."""
    if not generation.cache_usable():
        return render()
    parts = (name, key, translation.get_language(), timezone.get_current_timezone_name(), generation.current())
    full_key = f"fragment:{name}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
    value = cache.get(full_key)
    if value is None:
        value = render()
        cache.set(full_key, value, SECONDS)
    return value
