"""Roadmap cells and matrix rows (roadmap/rendering.py, jinja2/roadmap/cells.html): what each
cell shows, escaped, read from the prefetched relations without a query."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from meetings.models import Resolution
from roadmap import rendering
from roadmap.cells import CELL_NAMES
from roadmap.models import Milestone, RoadmapRow, RowComment, SubLine, load_for_matrix
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
    return load_for_matrix(RoadmapRow.objects.filter(pk=row.pk))[0]


@pytest.fixture
def empty_row(rw):
    return load_for_matrix(RoadmapRow.objects.filter(pk=rw.row_a.pk))[0]


# What each cell of the full row shows (escaped), in order.
SHOWN = {
    "outcome": [
        '<strong class="roadmap-code">B&lt;1&gt;</strong> Build &lt;capacity&gt;<br>and &amp; trust',
        "Geneva Plan, para. 12 &#34;a&#34;",
        '<span class="badge text-bg-light border">e-&lt;security&gt;</span>',
        'data-testid="row-note">at UNDP&#39;s request</div>',
    ],
    "timing": ["Jun 2009 – Dec 2013", "5 Mar 2010</span> First &lt;stage&gt;"],
    "links": ['title="Goal &#34;two&#34;">Goal 2</span>', '<li title="Title &lt;x&gt;">PP-06 Res. 999</li>'],
    "results": ['roadmap-role-co_facilitator">Co-facilitator</span>', "Reports<br>and &lt;tools&gt;"],
    "resources": ["<th>2009</th><td><span", "60\u00a0000", "2.5 SM", "2010.0 SM", "150\u00a0000"],
    "partners": ['title="World &lt;Bank&gt;">W&amp;B</span>'],
}
EMPTY = {
    "outcome": ['<strong class="roadmap-code">A</strong>'],
    "timing": ["not proposed"],
    "links": ['<ul class="list-unstyled small mb-0 mt-1"></ul>'],
    "results": ['<div class="roadmap-results">'],
    "resources": ["no estimate"],
    "partners": ['<span class="text-body-secondary small">—</span>'],
}


def _in_order(html, parts):
    at = 0
    for part in parts:
        found = html.find(part, at)
        assert found >= 0, f"{part!r} not after position {at} in {html!r}"
        at = found + len(part)


@pytest.mark.parametrize("cell", CELL_NAMES)
def test_cell_body_shows_every_part_escaped(full_row, empty_row, cell):
    with translation.override("en"):
        _in_order(str(rendering.cell_body(full_row, cell)), SHOWN[cell])
        _in_order(str(rendering.cell_body(empty_row, cell)), EMPTY[cell])
    assert "<b>" not in str(rendering.cell_body(full_row, cell))


@pytest.mark.parametrize(("can_edit", "saved"), [(True, True), (False, False)])
def test_cell_wraps_the_body_with_status_and_edit_button(full_row, can_edit, saved):
    with translation.override("en"):
        html = str(rendering.cell(full_row, "timing", can_edit=can_edit, saved=saved))
    assert html.startswith(
        f'<div class="roadmap-cell-body{" roadmap-saved" if saved else ""}" data-testid="cell-timing">'
    )
    assert ('role="status">Saved.</span>' in html) is saved
    edit = f'hx-get="{reverse("roadmap:cell", args=[full_row.pk, "timing"])}"'
    assert (edit in html) is can_edit
    assert ('aria-label="Edit this cell">Edit</button>' in html) is can_edit


def test_cells_read_related_rows_without_queries(full_row, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = [str(rendering.cell(full_row, name, can_edit=True)) for name in CELL_NAMES]
    assert "World &lt;Bank&gt;" in html[CELL_NAMES.index("partners")]


def test_cells_follow_the_active_language(full_row):
    with translation.override("fr"):
        html = str(rendering.cell(full_row, "timing", can_edit=True))
    assert "Jui 2009 – Déc 2013" in html


@pytest.mark.parametrize(
    ("can_edit", "can_comment", "empty_link"),
    [(True, True, "Comment"), (False, True, "Comment"), (False, False, "")],
)
def test_matrix_row_shows_comment_chips_link_and_remove_button(rw, can_edit, can_comment, empty_link):
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
    rows = load_for_matrix(RoadmapRow.objects.filter(pk__in=[rw.row_a.pk, rw.row_a1.pk]).order_by("position"))
    line = rows[0].action_line
    with translation.override("en"):
        [(_line, _role, (html, empty))] = rendering.matrix_rows(
            [(line, None, rows)], can_edit=can_edit, can_comment=can_comment
        )
    html, empty = str(html), str(empty)
    assert html.startswith(f'<tr id="row-{rw.row_a.pk}" data-testid="row-{line.code}-A">')
    assert html.count("<td ") == len(CELL_NAMES) + 1
    _in_order(
        html,
        [
            'roadmap-status-open" title="Awaiting the secretariat">root</span> '
            "one two three four five six seven eight nine ten …",
            f'roadmap-status-taken" title="Taken into account">{delegate.organisation.short_name}</span> short',
            f'href="{reverse("roadmap:row", args=[rw.row_a.pk])}#comments" data-testid="comments-link">2 comments</a>',
        ],
    )
    assert f'data-testid="comments-link">{empty_link}</a>' in empty
    remove = f'formaction="{reverse("roadmap:row_remove", args=[rw.row_a.pk])}"'
    assert (remove in html) is can_edit
    assert "csrfmiddlewaretoken" not in html
