"""Rich text of reports: sanitised with nh3 on the way in, document symbols found in it.

Allowed: paragraphs, line breaks, lists, emphasis, links (http, https, mailto) and simple
tables. Everything else (scripts, styles, event handlers, images, iframes) is dropped.
"""

import html
import re
import unicodedata

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "sub", "sup", "ul", "ol", "li", "a", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}

# An official symbol: a prefix of capitals (with hyphens) then meeting/number, e.g. WG-WSIS-14/5,
# optionally with a revision suffix (WG-WSIS-14/5(Rev.1)).
SYMBOL_RE = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+/\d+(?:\((?:Rev|Add|Corr)\.\d+\))?")
_TAG_RE = re.compile(r"(<[^>]+>)")


def clean_html(value):
    """The only way rich text enters a report: nh3 with the report whitelist."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def plain_text(value):
    """Text content of sanitised HTML (tags dropped, entities decoded)."""
    return html.unescape(_TAG_RE.sub(" ", value or "")).replace("\xa0", " ").strip()


def find_symbols(value):
    """Document symbols mentioned in the text, in order of first mention, without repeats."""
    seen = []
    if "/" not in (value or ""):  # every symbol holds a "/"
        return seen
    for match in SYMBOL_RE.findall(plain_text(value)):
        if match not in seen:
            seen.append(match)
    return seen


def link_symbols(value, urls):
    """Wrap each mentioned symbol that has a URL in `urls` in a link, outside existing links."""
    parts = _TAG_RE.split(value or "")
    inside_link = False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            lowered = part.lower()
            if lowered.startswith(("<a ", "<a>")):
                inside_link = True
            elif lowered.startswith("</a"):
                inside_link = False
            continue
        if not inside_link and "/" in part:  # every symbol holds a "/": most text holds none
            parts[i] = SYMBOL_RE.sub(lambda m: _link(m.group(0), urls), part)
    return "".join(parts)


def _link(symbol, urls):
    url = urls.get(symbol)
    if not url:
        return f'<span class="r-symbol">{symbol}</span>'
    return f'<a class="r-symbol" href="{html.escape(url)}">{symbol}</a>'


def text_direction(value):
    """ "rtl" when the first strongly directional character is Arabic or Hebrew, else "ltr"."""
    for char in plain_text(value):
        bidi = unicodedata.bidirectional(char)
        if bidi in ("R", "AL"):
            return "rtl"
        if bidi == "L":
            return "ltr"
    return "ltr"
