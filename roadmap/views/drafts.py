"""Roadmap pages: the list of drafts, the matrix of a draft, in-place cell edits, the comparison
of two drafts, exports. Each view: access helper → form → service → redirect/render."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jobs import services as job_services
from jobs.views import job_response
from wsisportal import access, redline
from wsisportal.optimistic import EditConflict

from .. import charts, compare, exports, rendering, services
from ..cells import COLUMNS
from ..forms import CELL_FORMS, AddRowForm, DraftRecordForm, FilterForm
from ..models import ActionLine, Partner, RoadmapRow, action_lines_with_roles, load_for_figures, load_for_matrix
from ..totals import compute_totals


def index(request):
    drafts = access.visible_roadmap_drafts(request.user).select_related("roadmap__group", "meeting__group")
    roadmaps = {}
    for draft in drafts:
        roadmaps.setdefault(draft.roadmap, []).append(draft)
    return render(request, "roadmap/index.html", {"roadmaps": roadmaps.items()})


def _other_drafts(user, draft):
    """The drafts of the same roadmap the user may see, to compare with."""
    return access.visible_roadmap_drafts(user).filter(roadmap=draft.roadmap_id).exclude(pk=draft.pk)


def draft_day(draft):
    """The day the draft speaks for: its meeting's first day, else the day it was started."""
    return draft.meeting.start_date if draft.meeting else draft.created_at.date()


def draft_matrix(request, pk):
    draft, other_drafts = access.get_roadmap_draft_and_others_for_view_or_404(request.user, pk)
    can_edit = access.can_edit_roadmap_draft(request.user, draft)
    context = {
        "draft": draft,
        "body": _matrix_body(
            request, draft, can_edit=can_edit, can_comment=access.can_view_roadmap_draft(request.user, draft)
        ),
        "other_drafts": other_drafts,
        "can_edit": can_edit,
        "can_start": access.can_start_roadmap_draft(request.user, draft),
        "add_row_form": AddRowForm() if can_edit else None,
        "formats": exports.FORMATS,
    }
    context["record_form"] = DraftRecordForm(instance=draft) if context["can_start"] else None
    return render(request, "roadmap/draft_matrix.html", context)


# Up to this many rows the matrix shows every Action Line at once; a larger draft shows one line
# at a time (the 330 rows of a full draft are ~1 MB of HTML), with the lines as tabs, and of that
# line its first ROWS_AT_ONCE rows: the others come on demand (htmx, `line_rows`), or all at once
# with `?rows=all` (the link without JavaScript, and deep links to a row: `RoadmapRow.get_matrix_url`).
ALL_LINES_UP_TO = 60
ROWS_AT_ONCE = 10


def _matrix_body(request, draft, *, can_edit, can_comment):
    """The filters, the line tabs, the matrix and the figures of the rows shown."""
    action_lines = action_lines_with_roles()
    filters, criteria = _filters(request, draft, action_lines.values())
    chosen = criteria.pop("action_line", None)
    counts = _rows_per_line(_selected_rows(request.user, draft, criteria), action_lines)
    tabs = sum(n for _line, n in counts) > ALL_LINES_UP_TO
    if tabs and not chosen and counts:
        chosen = counts[0][0].code
    selected = _selected_rows(request.user, draft, {**criteria, "action_line": chosen})
    shown = None if not tabs or request.GET.get("rows") == "all" else ROWS_AT_ONCE
    rows = load_for_matrix(selected[:shown])
    more_rows = dict((line.code, n) for line, n in counts).get(chosen, len(rows)) - len(rows) if tabs else 0
    groups = rendering.matrix_rows(
        _groups(rows, action_lines, draft_day(draft)), can_edit=can_edit, can_comment=can_comment
    )
    split = ROWS_AT_ONCE if tabs else None  # with every row of a line: its later rows where htmx puts them
    context = {
        "draft": draft,
        "groups": [(line, role, trs[:split], trs[split:] if split else []) for line, role, trs in groups],
        "columns": COLUMNS,
        "filters": filters,
        "filtered": bool(criteria) or (bool(chosen) and not tabs),
        "line_tabs": counts if tabs else None,
        "shown_line": chosen,
        "more_rows": more_rows,
        "tab_query": _query_without(request, "action_line", "rows"),
    }
    # The figures speak for every row of the selection: from the rows on the page when they all are,
    # else on demand (htmx, when scrolled to: `line_figures`; without JavaScript: `?rows=all`).
    if not more_rows:
        context.update(_figures(rows, draft))
    return {
        "table": rendering.matrix_table(context),
        "figures": render_to_string("roadmap/includes/matrix_figures.html", context, request),
    }


def line_rows(request, pk, code):
    """The rows of one Action Line after the first ROWS_AT_ONCE, as the matrix's `<tbody>` (htmx:
    "Show the other rows"), under the same filters. An unknown line answers 404 like a draft the
    user may not see."""
    draft = access.get_roadmap_draft_for_view_or_404(request.user, pk)
    action_lines = action_lines_with_roles()
    if code not in {line.code for line in action_lines.values()}:
        raise Http404(_("No such Action Line."))
    _filters_form, criteria = _filters(request, draft, action_lines.values())
    criteria["action_line"] = code
    rows = load_for_matrix(_selected_rows(request.user, draft, criteria)[ROWS_AT_ONCE:])
    groups = rendering.matrix_rows(
        _groups(rows, action_lines, draft_day(draft)),
        can_edit=access.can_edit_roadmap_draft(request.user, draft),
        can_comment=access.can_view_roadmap_draft(request.user, draft),
    )
    trs = [tr for _line, _role, line_trs in groups for tr in line_trs]
    return HttpResponse(rendering.later_rows(code, trs))


def line_figures(request, pk, code):
    """The resource totals and charts of every row of one Action Line under the same filters (htmx:
    the matrix asks for them when only the line's first rows are on the page)."""
    draft = access.get_roadmap_draft_for_view_or_404(request.user, pk)
    action_lines = {a.pk: a for a in ActionLine.objects.all()}
    if code not in {line.code for line in action_lines.values()}:
        raise Http404(_("No such Action Line."))
    _filters_form, criteria = _filters(request, draft, action_lines.values())
    criteria.pop("action_line", None)
    rows = load_for_figures(_selected_rows(request.user, draft, {**criteria, "action_line": code}))
    context = {
        "draft": draft,
        "line_tabs": True,
        "shown_line": code,
        "filtered": bool(criteria),
        **_figures(rows, draft),
    }
    return render(request, "roadmap/includes/matrix_figures.html", context)


def _figures(rows, draft):
    """The totals and the two charts of `rows` (their estimates and stages prefetched)."""
    totals = compute_totals(rows)
    return {
        "totals": totals,
        "timeline_svg": charts.timeline_svg(rows, horizon=draft.roadmap.horizon),
        "resources_svg": charts.resources_svg(totals),
    }


def _filters(request, draft, action_lines):
    """The filter form and its criteria (empty when invalid)."""
    years = list(range(2005, draft.roadmap.horizon + 1))
    filters = FilterForm(request.GET or None, action_lines=action_lines, partners=Partner.objects.all(), years=years)
    return filters, filters.criteria()


def _selected_rows(user, draft, criteria):
    """The draft's rows the user may see (through the policy) that match the filters, in matrix order:
    the rows' default ordering starts with their draft's, which joins the roadmap and its group to sort
    rows that all have one draft."""
    rows = access.visible_roadmap_rows(user, draft.rows.filtered(**criteria))
    return rows.order_by("action_line__position", "position", "code")


def _groups(rows, action_lines, day):
    """[(line, ITU's role on `day`, rows)] per Action Line, in order."""
    return [
        (action_lines[line.pk], action_lines[line.pk].role_on(day), line_rows)
        for line, line_rows in exports.group_by_action_line(rows)
    ]


def _rows_per_line(rows, action_lines):
    """[(action line, number of rows)] in Action Line order, for the lines that have rows."""
    counts = dict(rows.order_by().values_list("action_line").annotate(n=Count("pk", distinct=True)))
    return [(line, counts[pk]) for pk, line in action_lines.items() if pk in counts]


def _query_without(request, *names):
    """The request's query string without `names`, to build links that set them."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@require_http_methods(["GET", "POST"])
def row_cell(request, pk, cell):
    """GET: the cell's editor (or, with ?show, its display); POST: save it, or refuse a stale edit."""
    if cell not in CELL_FORMS:
        raise Http404(_("No such column."))
    if request.method == "GET" and "show" in request.GET:
        row = access.get_roadmap_row_for_view_or_404(request.user, pk)
        return _render_cell(request, _reload(row), cell)
    row = access.get_roadmap_row_for_edit_or_404(request.user, pk)
    row = _reload(row)
    form_class = CELL_FORMS[cell]
    if request.method == "GET":
        return _render_editor(request, row, cell, form_class(initial=form_class.initial_for(row), row=row))
    form = form_class(request.POST, row=row)
    if not form.is_valid():
        return _render_editor(request, row, cell, form)
    data = {**form.cleaned_data, "estimates": form.estimates() if cell == "resources" else []}
    try:
        row = services.update_row_cell(row=row, cell=cell, data=data, expected_revision=data["revision"])
    except EditConflict as conflict:
        return _render_conflict(request, _reload(conflict.current), cell, form)
    return _render_cell(request, _reload(row), cell, saved=True)


def _reload(row):
    draft = row.draft
    (row,) = load_for_matrix(RoadmapRow.objects.filter(pk=row.pk))
    row.draft = draft
    return row


def _render_cell(request, row, cell, saved=False):
    can_edit = access.can_edit_roadmap_draft(request.user, row.draft)
    return HttpResponse(rendering.cell(row, cell, can_edit=can_edit, saved=saved))


def _render_editor(request, row, cell, form, conflict=False):
    return render(
        request,
        "roadmap/includes/cell_editor.html",
        {"row": row, "cell": cell, "form": form, "conflict": conflict, "current": rendering.cell_body(row, cell)},
    )


def _render_conflict(request, current, cell, form):
    """Keep what the user typed, show the value now stored, and let them save again on purpose."""
    data = request.POST.copy()
    data["revision"] = current.revision
    kept = CELL_FORMS[cell](data, row=current)
    kept.is_valid()
    return _render_editor(request, current, cell, kept, conflict=True)


@require_POST
def draft_next(request, pk):
    draft = access.get_roadmap_draft_for_start_or_404(request.user, pk)
    new = services.start_next_draft(draft=draft, user=request.user)
    messages.success(
        request,
        _("%(new)s started from the %(old)s; every row was copied.") % {"new": new.label, "old": draft.label.lower()},
    )
    return redirect("roadmap:draft", new.pk)


@require_POST
def draft_record(request, pk):
    draft = access.get_roadmap_draft_for_start_or_404(request.user, pk)
    form = DraftRecordForm(request.POST, instance=draft)
    if form.is_valid():
        services.record_draft(draft=draft, **form.cleaned_data)
        messages.success(
            request,
            _("Recorded: %(label)s, %(status)s.") % {"label": draft.label, "status": draft.get_status_display()},
        )
    else:
        messages.error(request, _("Nothing recorded: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("roadmap:draft", draft.pk)


@require_POST
def row_add(request, pk):
    draft = access.get_roadmap_draft_for_edit_or_404(request.user, pk)
    form = AddRowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The row was not added: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("roadmap:draft", draft.pk)
    data = form.cleaned_data
    row = services.add_row(
        draft=draft,
        action_line=data["action_line"],
        sub_line=data["sub_line"],
        code=data["code"],
        outcome=data["outcome"],
        source=data["source"],
    )
    messages.success(request, _("Row %(row)s added.") % {"row": row})
    return redirect(row.get_matrix_url())


@require_POST
def row_remove(request, pk):
    row = access.get_roadmap_row_for_edit_or_404(request.user, pk)
    try:
        services.remove_row(row=row)
    except services.RowRemovalRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Row %(row)s removed from this draft.") % {"row": row})
    return redirect("roadmap:draft", row.draft.pk)


def draft_url(draft):
    return reverse("roadmap:draft", args=[draft.pk])


def draft_compare(request, pk):
    """Compare this draft with another of the same roadmap (?with=pk; default: the one it started from)."""
    draft = access.get_roadmap_draft_for_view_or_404(request.user, pk)
    other_pk = request.GET.get("with") or draft.based_on_id
    if not other_pk:
        messages.info(request, _("This draft was not started from another one; choose a draft to compare with."))
        return redirect("roadmap:draft", draft.pk)
    other = access.get_roadmap_draft_for_view_or_404(request.user, other_pk)
    if other.roadmap_id != draft.roadmap_id:
        raise Http404(_("These drafts belong to different roadmaps."))
    old, new = sorted([other, draft], key=lambda d: d.number)
    changes = compare.compare_drafts(load_for_matrix(old.rows.all()), load_for_matrix(new.rows.all()))
    redline_changes = compare.redline_changes(changes)
    context = {
        "draft": draft,
        "old": old,
        "new": new,
        "changes": changes,
        "summary": compare.summary(changes),
        "redline_changes": redline_changes,
        "redline_summary": redline.summary(redline_changes),
        "other_drafts": _other_drafts(request.user, draft),
        "show_same": request.GET.get("all") == "1",
    }
    return render(request, "roadmap/draft_compare.html", context)


def draft_export(request, pk, fmt):
    draft = access.get_roadmap_draft_for_view_or_404(request.user, pk)
    if fmt not in exports.FORMATS:
        raise Http404(_("No such format."))
    if fmt == "pdf":
        return _pdf_job(request, draft)
    response = HttpResponse(exports.export(draft, fmt), content_type=exports.CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{exports.filename(draft, fmt)}"'
    return response


def _pdf_job(request, draft):
    """The draft's PDF is built by a worker (a 330-row draft takes seconds): the first request
    shows its progress, a request once it is built gets the PDF (jobs/)."""
    language = translation.get_language()
    job = job_services.request_job(
        kind="roadmap-pdf",
        key=exports.pdf_job_key(draft, language),
        params={"draft": draft.pk, "language": language},
        filename=exports.filename(draft, "pdf"),
        content_type=exports.CONTENT_TYPES["pdf"],
    )
    title = _("PDF of draft %(number)s") % {"number": draft.number}
    return job_response(request, job, title=title, back_url=reverse("roadmap:draft", args=[draft.pk]))
