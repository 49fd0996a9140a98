"""A draft as CSV, XLSX (rows and totals sheets) and PDF. Callers check access first; these
functions only read the draft they are given. Every spreadsheet cell goes through
wsisportal/spreadsheet_cells.py: printable, and never a formula (amounts stay numbers)."""

import csv
import hashlib
import io
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wsisportal import spreadsheet_cells
from wsisportal.pdf import render_pdf

from . import charts, rendering
from .cells import COLUMNS
from .models import FundingSource, RoadmapDraft, load_for_matrix, related
from .totals import compute_totals

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
FORMATS = list(CONTENT_TYPES)
TIMELINE_ROWS = 18


def draft_rows(draft):
    return load_for_matrix(draft.rows.all())


def filename(draft, fmt):
    return f"roadmap-draft-{draft.number}.{fmt}"


def years_of(rows):
    return sorted({r.year for row in rows for r in related(row, "resources")})


def header(years):
    head = [
        _("Action Line"),
        _("Action Line name"),
        _("Sub-line"),
        _("Code"),
        _("WSIS outcome"),
        _("Source"),
        _("Start"),
        _("End"),
        _("Intermediate stages"),
        _("ITU strategic goals"),
        _("Relevant resolutions"),
        _("ITU's role"),
        _("Expected results of ITU activities"),
        _("Other partners"),
    ]
    for year in years:
        head += [f"{year} {_('RB')} CHF", f"{year} {_('XB')} CHF"]
    totals = [_("Staff-months RB"), _("Staff-months XB"), _("Total RB CHF"), _("Total XB CHF"), _("Total CHF")]
    # The row's note carries its "Demo content" label, as the matrix and the PDF show it.
    return head + totals + [_("Note")]


def row_values(row, years):
    stages = "; ".join(f"{m.date:%Y-%m-%d} {m.label}" for m in related(row, "milestones"))
    values = [
        row.action_line.code,
        row.action_line.name,
        row.sub_line.name if row.sub_line else "",
        row.code,
        row.outcome,
        row.source,
        row.start,
        row.end,
        stages,
        ", ".join(f"{g.number}" for g in related(row, "strategic_goals")),
        ", ".join(r.ref for r in related(row, "resolutions")),
        row.get_itu_role_display(),
        row.expected_results,
        ", ".join(p.short_name for p in related(row, "partners")),
    ]
    amounts, staff = {}, {s: Decimal("0") for s in FundingSource.values}
    for r in related(row, "resources"):
        amounts[(r.year, r.source)] = r.amount
        staff[r.source] += r.staff_months or 0
    for year in years:
        values += [amounts.get((year, FundingSource.REGULAR)), amounts.get((year, FundingSource.EXTRA))]
    rb = sum(a or 0 for (y, s), a in amounts.items() if s == FundingSource.REGULAR)
    xb = sum(a or 0 for (y, s), a in amounts.items() if s == FundingSource.EXTRA)
    return values + [staff[FundingSource.REGULAR], staff[FundingSource.EXTRA], rb, xb, rb + xb, row.note]


def export_csv(draft):
    rows = draft_rows(draft)
    years = years_of(rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(spreadsheet_cells.csv_row(header(years)))
    for row in rows:
        writer.writerow(spreadsheet_cells.csv_row(row_values(row, years)))
    return out.getvalue().encode("utf-8-sig")


def totals_table(totals):
    """The totals as plain rows: a heading line, then one line per Action Line, per year, overall."""
    head = [_("Staff-months RB"), _("CHF RB"), _("Staff-months XB"), _("CHF XB"), _("Total CHF")]

    def figures(split):
        rb, xb = split.regular, split.extra
        return [rb.staff_months, rb.amount, xb.staff_months, xb.amount, split.total.amount]

    table = [[_("Per Action Line"), "", *head]]
    table += [[line.code, line.name, *figures(split)] for line, split in totals.by_action_line]
    table += [[], [_("Per year"), "", *head]]
    table += [[year, "", *figures(split)] for year, split in totals.by_year]
    table += [[], [_("Per funding source"), "", *head], [_("All rows"), "", *figures(totals.overall)]]
    return table


def export_xlsx(draft):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = draft_rows(draft)
    years = years_of(rows)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Rows")
    sheet.append(spreadsheet_cells.xlsx_row(sheet, header(years)))
    for row in rows:
        sheet.append(spreadsheet_cells.xlsx_row(sheet, row_values(row, years)))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    widths = [8, 30, 14, 6, 60, 24, 11, 11, 30, 10, 22, 16, 50, 18] + [12] * (2 * len(years) + 5)
    _set_widths(sheet, widths)
    for column in ("G", "H"):
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    totals = book.create_sheet(_("Totals"))
    for line in totals_table(compute_totals(rows)):
        totals.append(spreadsheet_cells.xlsx_row(totals, line))
    for cell in totals[1]:
        cell.font = Font(bold=True)
    totals.freeze_panes = "A2"
    _set_widths(totals, [20, 40, 16, 14, 16, 14, 14])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _set_widths(sheet, widths):
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def pdf_context(draft, rows=None, now=None):
    rows = draft_rows(draft) if rows is None else rows
    totals = compute_totals(rows)
    return {
        "draft": draft,
        "groups": rendering.cell_bodies(group_by_action_line(rows)),
        "columns": COLUMNS,
        "totals": totals,
        # At most TIMELINE_ROWS bars per picture, so that each fits on a page under the header row.
        "timelines": [
            (line, charts.timeline_svg(line_rows[i : i + TIMELINE_ROWS], horizon=draft.roadmap.horizon))
            for line, line_rows in group_by_action_line(rows)
            for i in range(0, len(line_rows), TIMELINE_ROWS)
        ],
        "resources_svg": charts.resources_svg(totals),
        "generated_at": now or timezone.now(),
    }


def export_pdf(draft, progress=lambda percent: None):
    context = pdf_context(draft)
    progress(30)  # the rows are read and the charts drawn; WeasyPrint lays out the rest
    return render_pdf("pdf/roadmap_draft.html", context)


def pdf_job_key(draft, language):
    """What the draft's PDF shows, as a job key (jobs/): the draft's record and every row's edit
    counter (an edit bumps it), in one language. A change to any of them is a new PDF."""
    rows = list(draft.rows.order_by("pk").values_list("pk", "revision"))
    record = (int(draft.number), str(draft.status), str(draft.document_symbol), bool(draft.superseded), rows)
    return f"roadmap-pdf:{draft.pk}:{language}:{hashlib.sha256(repr(record).encode()).hexdigest()[:32]}"


def build_pdf_job(params, progress):
    """The jobs/ builder of a draft's PDF (params: draft, language)."""
    draft = RoadmapDraft.objects.select_related("roadmap", "meeting").get(pk=params["draft"])
    with translation.override(params["language"]):
        return export_pdf(draft, progress)


def group_by_action_line(rows):
    """[(action_line, [row, ...])] keeping the rows' order."""
    groups = []
    for row in rows:
        if not groups or groups[-1][0].pk != row.action_line_id:
            groups.append((row.action_line, []))
        groups[-1][1].append(row)
    return groups


EXPORTERS = {"csv": export_csv, "xlsx": export_xlsx, "pdf": export_pdf}


def export(draft, fmt):
    return EXPORTERS[fmt](draft)
