"""Pictures of a draft drawn on the server as SVG, so the page and the PDF show the same thing.

Colours and sizes are SVG presentation attributes (no inline CSS); every text is escaped.
"""

import datetime

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .models import related

BLUE, ORANGE, GREY, INK = "#0b4f8a", "#e08a00", "#c9d3de", "#212529"
LABEL_W, ROW_H, TOP, WIDTH = 150, 18, 26, 900


def _svg(width, height, title, body):
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}" class="roadmap-chart" font-family="sans-serif" font-size="11">'
        f"<title>{escape(title)}</title>"
    )
    return mark_safe(head + "".join(body) + "</svg>")


def _text(x, y, text, anchor="start", fill=INK, size=11, weight="normal"):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" font-size="{size}" '
        f'font-weight="{weight}">{escape(text)}</text>'
    )


def _short(text, length):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def timeline_years(rows, horizon):
    starts = [r.start.year for r in rows if r.start]
    return min([*starts, horizon - 6]), horizon


def timeline_svg(rows, *, horizon=2015):
    """One bar per row from its proposed start to its end (up to the horizon), with a diamond
    for each intermediate stage; rows without timing are listed with "no timing"."""
    first, last = timeline_years(rows, horizon)
    span = (datetime.date(last + 1, 1, 1) - datetime.date(first, 1, 1)).days
    plot_w = WIDTH - LABEL_W - 10

    def x_of(day):
        day = min(max(day, datetime.date(first, 1, 1)), datetime.date(last + 1, 1, 1))
        return LABEL_W + plot_w * (day - datetime.date(first, 1, 1)).days / span

    height = TOP + ROW_H * max(len(rows), 1) + 6
    body = []
    for year in range(first, last + 2):
        x = x_of(datetime.date(year, 1, 1))
        body.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{height - 4}" stroke="{GREY}"/>')
        if year <= last:
            body.append(_text(x + plot_w / (last - first + 1) / 2, 14, str(year), "middle", weight="bold"))
    for i, row in enumerate(rows):
        y = TOP + i * ROW_H
        body.append(_text(4, y + 12, f"{row.action_line.code} {row.code}"))
        body.extend(_timeline_bar(row, y, x_of, last))
    return _svg(WIDTH, height, _("Proposed timing of each outcome up to %(year)s") % {"year": last}, body)


def _timeline_bar(row, y, x_of, last):
    if not (row.start or row.end):
        return [_text(LABEL_W + 4, y + 12, _("no timing proposed"), fill="#6c757d")]
    start = row.start or row.end
    end = row.end or datetime.date(last, 12, 31)
    x1, x2 = x_of(start), x_of(end)
    parts = [
        f'<rect x="{x1:.1f}" y="{y + 3}" width="{max(x2 - x1, 2):.1f}" height="{ROW_H - 6}" rx="3" fill="{BLUE}">'
        f"<title>{escape(f'{row.action_line.code} {row.code}: {start} – {end}')}</title></rect>"
    ]
    for m in related(row, "milestones"):
        cx, cy = x_of(m.date), y + ROW_H / 2
        parts.append(
            f'<path d="M{cx:.1f},{cy - 6:.1f} L{cx + 6:.1f},{cy:.1f} L{cx:.1f},{cy + 6:.1f} L{cx - 6:.1f},{cy:.1f} Z" '
            f'fill="{ORANGE}" stroke="#fff"><title>{escape(f"{m.date}: {m.label}")}</title></path>'
        )
    return parts


def resources_svg(totals):
    """Horizontal bars per Action Line: regular budget and extra-budgetary amounts, stacked."""
    lines = totals.by_action_line
    label_w = 230
    biggest = max([split.total.amount for _line, split in lines] + [1])
    plot_w = WIDTH - label_w - 130
    height = TOP + 24 * max(len(lines), 1) + 10
    body = [
        f'<rect x="{label_w}" y="4" width="12" height="12" fill="{BLUE}"/>',
        _text(label_w + 16, 14, _("Regular budget")),
        f'<rect x="{label_w + 130}" y="4" width="12" height="12" fill="{ORANGE}"/>',
        _text(label_w + 146, 14, _("Extra-budgetary")),
    ]
    for i, (line, split) in enumerate(lines):
        y = TOP + i * 24
        w_rb = plot_w * split.regular.amount / biggest
        w_xb = plot_w * split.extra.amount / biggest
        body += [
            _text(4, y + 14, _short(f"{line.code} {line.name}", 34)),
            f'<rect x="{label_w}" y="{y + 2}" width="{w_rb:.1f}" height="16" fill="{BLUE}"/>',
            f'<rect x="{label_w + w_rb:.1f}" y="{y + 2}" width="{w_xb:.1f}" height="16" fill="{ORANGE}"/>',
            _text(label_w + w_rb + w_xb + 6, y + 14, f"CHF {split.total.amount_display}"),
        ]
    if not lines:
        body.append(_text(label_w, TOP + 14, _("No resource estimates yet."), fill="#6c757d"))
    return _svg(WIDTH, height, _("Resources per Action Line (CHF)"), body)
