"""The HTML of a matrix cell, built in Python: the single source for the matrix, the row page,
the in-place (htmx) cell responses, the conflict notice of the editor and the PDF export.

A 330-row draft has ~2,000 cells; rendering each through nested template includes cost ~1.4 s a
page (`make bench`, profiled with cProfile: template variable lookups and include overhead per
cell). Here the per-request constants (translated labels, the cell URL pattern) are computed once
in a `CellRenderer`, and each cell is plain string building with escaping. The markup is exactly
what the former templates (roadmap/includes/cell.html, cell_body.html, estimate.html) produced;
tests/roadmap/test_cell_html.py pins it.
"""

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .cells import CELL_NAMES
from .models import related

_PK = 2147483646  # a placeholder primary key, replaced in the reversed cell URL


class CellRenderer:
    """Renders cells for one request (one language); reuse it for every row of a page."""

    def __init__(self, *, can_edit=False):
        self.can_edit = can_edit
        self.t = {
            "saved": gettext("Saved."),
            "edit": gettext("Edit"),
            "edit_label": gettext("Edit this cell"),
            "not_proposed": gettext("not proposed"),
            "goal": gettext("Goal %(n)s"),
            "rb_title": gettext("Regular budget"),
            "rb": gettext("RB"),
            "xb_title": gettext("Extra-budgetary"),
            "xb": gettext("XB"),
            "no_estimate": gettext("no estimate"),
        }
        self._dates = {}
        self._numbers = {}
        self._url = {name: reverse("roadmap:cell", args=[_PK, name]) for name in CELL_NAMES}
        self._body = {
            "outcome": self._outcome,
            "timing": self._timing,
            "links": self._links,
            "results": self._results,
            "resources": self._resources,
            "partners": self._partners,
        }

    def cells(self, row):
        """[(name, html)] of the row's cells as the matrix shows them (with the Edit button)."""
        return [(name, self.cell(row, name)) for name in CELL_NAMES]

    def cell(self, row, cell, *, saved=False):
        """A cell's display: its body, the "Saved." status after an edit, the Edit button."""
        t = self.t
        parts = [
            f'<div class="roadmap-cell-body{" roadmap-saved" if saved else ""}" data-testid="cell-{esc(cell)}">',
            self.body(row, cell),
            "</div>\n",
        ]
        if saved:
            parts.append(f'<span class="visually-hidden" role="status">{t["saved"]}</span>')
        parts.append("\n")
        if self.can_edit:
            url = esc(self._url[cell].replace(str(_PK), str(row.pk)))
            parts.append(
                f'<button type="button" class="btn btn-link btn-sm p-0 roadmap-edit" hx-get="{url}" '
                f'hx-target="closest td" hx-swap="innerHTML" data-testid="edit-{esc(cell)}" '
                f'aria-label="{t["edit_label"]}">{t["edit"]}</button>'
            )
        parts.append("\n")
        return mark_safe("".join(parts))

    def body(self, row, cell):
        """The cell's content alone (what the PDF and the editor's conflict notice show)."""
        render = self._body.get(cell)
        return mark_safe((render(row) if render else "") + "\n")

    def _outcome(self, row):
        html = (
            f'<div class="roadmap-outcome"><strong class="roadmap-code">{esc(row.code)}</strong> '
            f"{linebreaksbr(row.outcome)}</div>\n"
        )
        if row.source:
            html += f'<div class="small text-body-secondary">{esc(row.source)}</div>'
        html += "\n"
        if row.sub_line:
            html += f'<span class="badge text-bg-light border">{esc(row.sub_line.name)}</span>'
        html += "\n"
        if row.note:
            html += f'<div class="roadmap-note small" data-testid="row-note">{esc(row.note)}</div>'
        return html + "\n"

    def _timing(self, row):
        if row.start or row.end:
            start = self._date(row.start, "M Y") or "…"
            end = self._date(row.end, "M Y") or "…"
            html = f'<div class="text-nowrap">{start} – {end}</div>'
        else:
            html = f'<span class="text-body-secondary small">{self.t["not_proposed"]}</span>'
        html += "\n"
        stages = related(row, "milestones")
        if stages:
            items = "".join(
                f'<li><span class="text-nowrap">{self._date(m.date, "j M Y")}</span> {esc(m.label)}</li>'
                for m in stages
            )
            html += f'<ul class="roadmap-stages small">{items}</ul>'
        return html + "\n"

    def _links(self, row):
        goal = self.t["goal"]
        goals = "".join(
            f'<span class="badge roadmap-goal" title="{esc(g.short_title)}">'
            f"{goal % {'n': self._number(g.number)}}</span> "
            for g in related(row, "strategic_goals")
        )
        resolutions = "".join(f'<li title="{esc(r.title)}">{esc(r.ref)}</li>' for r in related(row, "resolutions"))
        return f'{goals}\n<ul class="list-unstyled small mb-0 mt-1">{resolutions}</ul>\n'

    def _results(self, row):
        html = ""
        if row.itu_role:
            html = f'<span class="badge roadmap-role roadmap-role-{esc(row.itu_role)}">{esc(row.itu_role_label)}</span>'
        return f'{html}\n<div class="roadmap-results">{linebreaksbr(row.expected_results)}</div>\n'

    def _resources(self, row):
        t = self.t
        if not related(row, "resources"):
            return f'<span class="text-body-secondary small">{t["no_estimate"]}</span>\n'
        years = "".join(
            f"<tr><th>{self._number(year)}</th><td>{self._estimate(rb)}</td><td>{self._estimate(xb)}</td></tr>"
            for year, rb, xb in row.estimates_by_year
        )
        return (
            '<table class="roadmap-resources">\n'
            f'<thead><tr><th>CHF</th><th title="{t["rb_title"]}">{t["rb"]}</th>'
            f'<th title="{t["xb_title"]}">{t["xb"]}</th></tr></thead>\n'
            f"<tbody>{years}</tbody>\n</table>\n"
        )

    def _partners(self, row):
        badges = "".join(
            f'<span class="badge text-bg-light border" title="{esc(p.name)}">{esc(p.short_name)}</span> '
            for p in related(row, "partners")
        )
        return (badges or '<span class="text-body-secondary small">—</span>') + "\n"

    def _estimate(self, e):
        html = ""
        if e:
            if e.amount is not None:
                html += f'<span class="text-nowrap">{esc(e.amount_display)}</span>'
            if e.staff_months is not None:
                html += (
                    '<span class="d-block small text-body-secondary text-nowrap">'
                    f"{self._number(e.staff_months)} SM</span>"
                )
        return html + "\n"

    def _date(self, day, fmt):
        """The `date` filter's escaped output, once per (day, format): it looks up translations each time."""
        key = (day, fmt)
        if key not in self._dates:
            self._dates[key] = esc(date_filter(day, fmt))
        return self._dates[key]

    def _number(self, value):
        """A number localized and escaped as `{{ value }}` shows it, once per value."""
        key = (type(value), str(value))  # Decimal("2026.0") == 2026 but shows differently
        if key not in self._numbers:
            self._numbers[key] = esc(localize(value))
        return self._numbers[key]
