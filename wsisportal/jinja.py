"""The Jinja2 environment of the few hot partials (roadmap cells and rows, register rows).

Django's template engine renders everything else. Jinja2 compiles templates to Python, which
makes a partial repeated hundreds of times on a page (a matrix cell, a register row) several
times cheaper than `{% include %}` in a loop. Strings are marked with `_()` and `ngettext()`,
which `makemessages` extracts like `{{ _("…") }}` in a Django template; formatting goes through
Django's own filters so both engines print dates and numbers alike.
"""

from zoneinfo import ZoneInfo

from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone, translation

from jinja2 import Environment


def url(name, *args):
    return reverse(name, args=args)


def in_zone(value, zone, fmt):
    """A moment in the given zone, formatted with Django's `date` filter (`T` names the zone)."""
    return defaultfilters.date(timezone.localtime(value, ZoneInfo(zone)), fmt)


def environment(**options):
    env = Environment(**options)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(url=url, static=static)
    env.filters.update(
        date=defaultfilters.date,
        in_zone=in_zone,
        localize=formats.localize,
        linebreaksbr=defaultfilters.linebreaksbr,
        filesizeformat=defaultfilters.filesizeformat,
        truncatewords=defaultfilters.truncatewords,
        truncatechars=defaultfilters.truncatechars,
    )
    return env
