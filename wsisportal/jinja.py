"""The Jinja2 environment of the few hot partials (roadmap cells and rows, register rows).

Django's template engine renders everything else. Jinja2 compiles templates to Python, which
makes a partial repeated hundreds of times on a page (a matrix cell, a register row) several
times cheaper than `{% include %}` in a loop. Strings are marked with `_()` and `ngettext()`,
which `makemessages` extracts like `{{ _("…") }}` in a Django template; formatting goes through
Django's own filters so both engines print dates and numbers alike.
"""

import functools
import html
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template import defaultfilters, engines
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.dates import MONTHS_3
from django.utils.safestring import mark_safe
from markupsafe import Markup

from jinja2 import Environment


def url(name, *args):
    return reverse(name, args=args)


@functools.cache
def _month_abbreviations(language):
    """ "Jan" … "Dec" as the `date` filter's "M" prints them in `language`, translated once a process
    (MONTHS_3 holds lazy strings: each use asks gettext; a register page has 100 dates)."""
    with translation.override(language):
        return (None, *(str(MONTHS_3[month]).title() for month in range(1, 13)))


def short_moment(value, zone):
    """`value` in `zone` as "1 Feb 2009 12:00 CET": what the `date` filter gives for "j M Y H:i T",
    at a twentieth of its cost (it parses its format on every call; a register page has 100)."""
    local = timezone.localtime(value, ZoneInfo(zone))
    month = _month_abbreviations(translation.get_language())[local.month]
    return f"{local.day} {month} {local.year} {local:%H:%M} {local.tzname()}"


class FileSizes:
    """Django's `filesizeformat` for one page ("729 bytes", "1.2 MB", "1,2 Mo" in French): its
    units are translated once a page and each byte count once, where the filter asks gettext on every
    call (two a register row, a tenth of its time). tests/test_jinja_filters.py holds it equal to the
    filter for every language and unit. Below 1 KB the words come from `ngettext` (the plural
    depends on the count); above, the number is formatted as `formats.number_format(round(x, 1),
    1)` formats it without thousands separators (USE_THOUSAND_SEPARATOR is off): one decimal,
    the language's decimal separator."""

    UNITS = ((1 << 50, "%s PB"), (1 << 40, "%s TB"), (1 << 30, "%s GB"), (1 << 20, "%s MB"), (1 << 10, "%s KB"))

    def __init__(self):
        self.decimal_separator = formats.get_format("DECIMAL_SEPARATOR")
        self.units = [(size, translation.gettext(unit)) for size, unit in self.UNITS]
        self.byte_counts = {}

    def __call__(self, value):
        if type(value) is not int or not 0 <= value < 1 << 60 or settings.USE_THOUSAND_SEPARATOR:
            return defaultfilters.filesizeformat(value)
        for size, unit in self.units:
            if value >= size:
                number = f"{round(value / size, 1):.1f}".replace(".", self.decimal_separator)
                return (unit % number).replace(" ", "\xa0")
        if value not in self.byte_counts:
            self.byte_counts[value] = defaultfilters.filesizeformat(value)
        return self.byte_counts[value]


def short_day(value):
    """A date as "1 Feb 2009": what the `date` filter gives for "j M Y", without parsing the format."""
    return f"{value.day} {_month_abbreviations(translation.get_language())[value.month]} {value.year}"


def date_range(start, end):
    """What templates/meetings/includes/date_range.html prints: "11–13 February 2009", "30 March –
    1 April 2009", one day once (tests/test_jinja_filters.py holds them equal in every language)."""
    if start == end:
        return defaultfilters.date(start, "j F Y")
    if start.year == end.year and start.month == end.month:
        return f"{defaultfilters.date(start, 'j')}–{defaultfilters.date(end, 'j F Y')}"
    if start.year == end.year:
        return f"{defaultfilters.date(start, 'j F')} – {defaultfilters.date(end, 'j F Y')}"
    return f"{defaultfilters.date(start, 'j F Y')} – {defaultfilters.date(end, 'j F Y')}"


def as_translate_printed(labels):
    """{key: translation} as Django's `{% translate "…" %}` printed a literal: marked safe, so not
    escaped (Django marks a literal's translation safe; the catalogs are the portal's own)."""
    return {key: mark_safe(label) for key, label in labels.items()}


def django_escape(value):
    """What `{{ value }}` prints in a Django template: Django's `escape` (html.escape) writes quotes
    as `&#x27;` and `&quot;` where markupsafe writes `&#39;` and `&#34;`. Both escape `&<>` alike,
    so text without quotes is left to markupsafe's faster escape, which runs after this."""
    if type(value) is str:
        return Markup(html.escape(value)) if "'" in value or '"' in value else value
    if type(value) is int or hasattr(value, "__html__"):
        return value
    return django_escape(str(value))


@functools.cache
def as_django_prints():
    """The project's environment printing as Django's templates do (whitespace kept as written,
    values escaped with Django's `escape`): for a partial that replaces a Django template and must
    print byte for byte what it printed (the report's block tree, the search results). Labels are
    passed in through `as_translate_printed`, which prints them as `{% translate %}` did."""
    return engines["jinja2"].env.overlay(trim_blocks=False, lstrip_blocks=False, finalize=django_escape)


def environment(**options):
    env = Environment(**options)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(url=url, static=static, date_range=date_range)
    env.filters.update(
        date=defaultfilters.date,
        short_moment=short_moment,
        short_day=short_day,
        localize=formats.localize,
        linebreaksbr=defaultfilters.linebreaksbr,
        filesizeformat=defaultfilters.filesizeformat,
        truncatewords=defaultfilters.truncatewords,
        truncatechars=defaultfilters.truncatechars,
    )
    return env
