"""The framework columns the group agreed at its 14th meeting, and the plain text of each cell.

One definition serves the matrix headings, the comparison of drafts and the CSV/XLSX/PDF
exports, so every view of a draft names and reads its columns the same way. Functions read
related rows through `related()`, so callers load them with the rows (`models.load_for_matrix`).
"""

from django.utils.translation import gettext_lazy as _

from .models import FundingSource, related

COLUMNS = [
    ("outcome", _("WSIS outcome")),
    ("timing", _("Proposed timing")),
    ("links", _("ITU strategic goals and relevant resolutions")),
    ("results", _("Expected results of ITU activities")),
    ("resources", _("Impact on ITU's human and financial resources")),
    ("partners", _("Other partners")),
]
CELL_NAMES = [name for name, _label in COLUMNS]
LABELS = dict(COLUMNS)


def outcome_text(row):
    source = f" ({row.source})" if row.source else ""
    return f"{row.code}: {row.outcome}{source}"


def timing_text(row):
    span = f"{_year_month(row.start)} – {_year_month(row.end)}" if row.start or row.end else ""
    stages = "; ".join(f"{m.date:%Y-%m-%d} {m.label}" for m in related(row, "milestones"))
    return "; ".join(part for part in (span, stages) if part)


def links_text(row):
    goals = [f"SG{g.number}" for g in related(row, "strategic_goals")]
    resolutions = [r.ref for r in related(row, "resolutions")]
    return "; ".join(goals + resolutions)


def results_text(row):
    role = f"[{row.get_itu_role_display()}] " if row.itu_role else ""
    return f"{role}{row.expected_results}".strip()


def resources_text(row):
    parts = []
    for r in sorted(related(row, "resources"), key=lambda r: (r.year, r.source != FundingSource.REGULAR)):
        figures = []
        if r.staff_months is not None:
            figures.append(f"{r.staff_months} SM")
        if r.amount is not None:
            figures.append(f"CHF {r.amount_display}")
        source = "RB" if r.source == FundingSource.REGULAR else "XB"
        parts.append(f"{r.year} {source}: {' '.join(figures)}")
    return "; ".join(parts)


def partners_text(row):
    return ", ".join(p.short_name for p in related(row, "partners"))


TEXT = {
    "outcome": outcome_text,
    "timing": timing_text,
    "links": links_text,
    "results": results_text,
    "resources": resources_text,
    "partners": partners_text,
}


def cell_texts(row):
    return {name: TEXT[name](row) for name in CELL_NAMES}


def _year_month(day):
    return f"{day:%Y-%m}" if day else "…"
