# ruff: noqa: E501 (golden markup strings)
"""The cells built in Python (roadmap/cell_html.py) keep the exact markup of the former templates
(cell.html / cell_body.html / estimate.html): the strings below were rendered by those templates."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from meetings.models import Resolution
from roadmap.cell_html import CellRenderer
from roadmap.cells import CELL_NAMES
from roadmap.matrix_html import MatrixRowRenderer
from roadmap.models import Milestone, RoadmapRow, RowComment, SubLine
from tests.roadmap.factories import estimate, make_goal, make_partner, make_row


@pytest.fixture
def full_row(rw):
    """A row with every part a cell can show, and text that must be escaped."""
    row = make_row(
        rw.draft,
        rw.c5,
        "B<1>",
        "Build <capacity>\nand & trust",
        position=3,
        source='Geneva Plan, para. 12 "a"',
        sub_line=SubLine.objects.create(action_line=rw.c5, position=1, name="e-<security>"),
        note="at UNDP's request",
        itu_role="co_facilitator",
        expected_results="Reports\nand <tools>",
        start=datetime.date(2009, 6, 1),
        end=datetime.date(2013, 12, 31),
    )
    Milestone.objects.create(row=row, date=datetime.date(2010, 3, 5), label="First <stage>")
    row.partners.add(make_partner("W&B", name="World <Bank>"))
    row.strategic_goals.add(make_goal(2, short_title='Goal "two"'))
    row.resolutions.add(Resolution.objects.create(ref="PP-06 Res. 999", title="Title <x>"))
    estimate(row, 2009, "regular", amount=60000, staff_months=Decimal("2.5"))
    estimate(row, 2010, "extra", amount=150000)
    estimate(row, 2010, "regular", staff_months=2010)
    return RoadmapRow.objects.for_matrix().get(pk=row.pk)


@pytest.fixture
def empty_row(rw):
    return RoadmapRow.objects.for_matrix().get(pk=rw.row_a.pk)


# Rendered by the former templates (cell_body.html with estimate.html), per row and cell.
BODIES = {
    ("full", "outcome"): (
        '<div class="roadmap-outcome"><strong class="roadmap-code">B&lt;1&gt;</strong> Build &lt;capacity&gt;<br>and &amp; trust</div>\n'
        '<div class="small text-body-secondary">Geneva Plan, para. 12 &quot;a&quot;</div>\n'
        '<span class="badge text-bg-light border">e-&lt;security&gt;</span>\n'
        '<div class="roadmap-note small" data-testid="row-note">at UNDP&#x27;s request</div>\n'
        "\n"
    ),
    ("full", "timing"): (
        '<div class="text-nowrap">Jun 2009 – Dec 2013</div>\n'
        '<ul class="roadmap-stages small"><li><span class="text-nowrap">5 Mar 2010</span> First &lt;stage&gt;</li></ul>\n'
        "\n"
    ),
    ("full", "links"): (
        '<span class="badge roadmap-goal" title="Goal &quot;two&quot;">Goal 2</span> \n'
        '<ul class="list-unstyled small mb-0 mt-1"><li title="Title &lt;x&gt;">PP-06 Res. 999</li></ul>\n'
        "\n"
    ),
    ("full", "results"): (
        '<span class="badge roadmap-role roadmap-role-co_facilitator">Co-facilitator</span>\n'
        '<div class="roadmap-results">Reports<br>and &lt;tools&gt;</div>\n'
        "\n"
    ),
    ("full", "resources"): (
        '<table class="roadmap-resources">\n'
        '<thead><tr><th>CHF</th><th title="Regular budget">RB</th><th title="Extra-budgetary">XB</th></tr></thead>\n'
        '<tbody><tr><th>2009</th><td><span class="text-nowrap">60\xa0000</span><span class="d-block small text-body-secondary text-nowrap">2.5 SM</span>\n'
        "</td><td>\n"
        '</td></tr><tr><th>2010</th><td><span class="d-block small text-body-secondary text-nowrap">2010.0 SM</span>\n'
        '</td><td><span class="text-nowrap">150\xa0000</span>\n'
        "</td></tr></tbody>\n"
        "</table>\n"
        "\n"
    ),
    ("full", "partners"): ('<span class="badge text-bg-light border" title="World &lt;Bank&gt;">W&amp;B</span> \n\n'),
    ("empty", "outcome"): (
        '<div class="roadmap-outcome"><strong class="roadmap-code">A</strong> Promote cooperation among the governments</div>\n'
        "\n"
        "\n"
        "\n"
        "\n"
    ),
    ("empty", "timing"): ('<span class="text-body-secondary small">not proposed</span>\n\n\n'),
    ("empty", "links"): ('\n<ul class="list-unstyled small mb-0 mt-1"></ul>\n\n'),
    ("empty", "results"): ('\n<div class="roadmap-results"></div>\n\n'),
    ("empty", "resources"): ('<span class="text-body-secondary small">no estimate</span>\n\n'),
    ("empty", "partners"): ('<span class="text-body-secondary small">—</span>\n\n'),
}
EDIT_SAVED = (
    '<div class="roadmap-cell-body roadmap-saved" data-testid="cell-timing">',
    '</div>\n<span class="visually-hidden" role="status">Saved.</span>\n<button type="button" class="btn btn-link btn-sm p-0 roadmap-edit" hx-get="/roadmap/rows/{pk}/cells/timing/" hx-target="closest td" hx-swap="innerHTML" data-testid="edit-timing" aria-label="Edit this cell">Edit</button>\n',
)
PLAIN = ('<div class="roadmap-cell-body" data-testid="cell-timing">', "</div>\n\n\n")


@pytest.mark.parametrize("label", ["full", "empty"])
@pytest.mark.parametrize("cell", CELL_NAMES)
def test_cell_body_matches_the_former_template(full_row, empty_row, label, cell):
    row = full_row if label == "full" else empty_row
    with translation.override("en"):
        assert CellRenderer().body(row, cell) == "".join(BODIES[(label, cell)])


@pytest.mark.parametrize(("can_edit", "saved", "expected"), [(True, True, EDIT_SAVED), (False, False, PLAIN)])
def test_cell_wraps_the_body_with_status_and_edit_button(full_row, can_edit, saved, expected):
    pre, post = expected
    with translation.override("en"):
        html = CellRenderer(can_edit=can_edit).cell(full_row, "timing", saved=saved)
    assert html == pre + "".join(BODIES[("full", "timing")]) + post.replace("{pk}", str(full_row.pk))


def test_cell_renderer_reads_related_rows_without_queries(full_row, django_assert_num_queries):
    renderer = CellRenderer(can_edit=True)
    with django_assert_num_queries(0):
        cells = renderer.cells(full_row)
    assert [name for name, _html in cells] == CELL_NAMES
    assert "World &lt;Bank&gt;" in dict(cells)["partners"]


@pytest.mark.parametrize(
    ("can_edit", "can_comment", "remove_form", "empty_link"),
    [(True, True, True, "Comment"), (False, True, False, "Comment"), (False, False, False, "")],
)
def test_matrix_row_shows_comment_chips_link_and_remove_form(rw, can_edit, can_comment, remove_form, empty_link):
    now = timezone.now()
    RowComment.objects.create(
        row=rw.row_a,
        author=rw.world.superuser,
        organisation=None,
        created_at=now,
        text="one two three four five six seven eight nine ten eleven <b>",
    )
    delegate = rw.world.ms_delegate
    RowComment.objects.create(
        row=rw.row_a,
        author=delegate,
        organisation=delegate.organisation,
        created_at=now + datetime.timedelta(seconds=1),
        text="short",
        status="taken",
        replied_by=rw.world.secretariat,
        replied_at=now,
    )
    rows = {r.pk: r for r in RoadmapRow.objects.for_matrix().filter(pk__in=[rw.row_a.pk, rw.row_a1.pk])}
    renderer = MatrixRowRenderer(can_edit=can_edit, can_comment=can_comment)
    with translation.override("en"):
        html = renderer.row(rows[rw.row_a.pk], "C5")
        empty = renderer.row(rows[rw.row_a1.pk], "C5")
    row_url = reverse("roadmap:row", args=[rw.row_a.pk])
    assert html.startswith(
        f'<tr id="row-{rw.row_a.pk}" data-testid="row-C5-A">\n      <td class="roadmap-cell roadmap-col-outcome"'
    )
    assert (
        '<div class="roadmap-comment-chip small"><span class="badge roadmap-status-open" title="Awaiting the secretariat">root</span> '
        "one two three four five six seven eight nine ten …</div>"
        f'<div class="roadmap-comment-chip small"><span class="badge roadmap-status-taken" title="Taken into account">{delegate.organisation.short_name}</span> short</div>\n'
        f'        <a class="small" href="{row_url}#comments" data-testid="comments-link">2 comments</a>'
    ) in html
    assert f'#comments" data-testid="comments-link">{empty_link}</a>' in empty
    form = (
        '<button class="btn btn-link btn-sm p-0 mt-1 d-block text-danger" type="submit" form="roadmap-row-remove" '
        f'formaction="{reverse("roadmap:row_remove", args=[rw.row_a.pk])}" '
        'data-confirm="Remove this row from the draft?">Remove</button>'
    )
    assert (form in html) is remove_form
    assert html.endswith("\n      </td>\n    </tr>")
