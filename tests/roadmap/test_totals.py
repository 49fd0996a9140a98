"""Totals per Action Line, per year and per funding source, against figures computed by hand."""

from decimal import Decimal

from roadmap.models import RoadmapRow, load_for_matrix
from roadmap.totals import compute_totals
from tests.roadmap.factories import estimate, make_row

RB, XB = "regular", "extra"


def _totals(rw):
    return compute_totals(load_for_matrix(RoadmapRow.objects.filter(draft=rw.draft)))


def _setup(rw):
    # C2 B: 2009 RB 100 000 (2 SM), 2010 XB 50 000
    b = make_row(rw.draft, rw.c2, "B", position=1)
    estimate(b, 2009, RB, amount=100000, staff_months=2)
    estimate(b, 2010, XB, amount=50000)
    # C5 A: 2009 RB 30 000 (1.5 SM), 2009 XB 20 000 (0.5 SM), 2011 RB 10 000
    estimate(rw.row_a, 2009, RB, amount=30000, staff_months=1.5)
    estimate(rw.row_a, 2009, XB, amount=20000, staff_months=0.5)
    estimate(rw.row_a, 2011, RB, amount=10000)
    # C5 A1: staff-months only (no amount) in 2010 RB: 3 SM
    estimate(rw.row_a1, 2010, RB, staff_months=3)
    # C5 A2: no estimate at all
    make_row(rw.draft, rw.c5, "A2", position=3)


def test_totals_per_action_line_match_hand_figures(rw):
    _setup(rw)
    totals = _totals(rw)
    got = {
        line.code: (s.regular.amount, s.extra.amount, s.total.amount, s.total.staff_months)
        for line, s in totals.by_action_line
    }
    assert got == {
        "C2": (100000, 50000, 150000, Decimal("2")),
        "C5": (40000, 20000, 60000, Decimal("5.0")),  # 1.5 + 0.5 + 3
    }
    assert [line.code for line, _ in totals.by_action_line] == ["C2", "C5"]  # Action Line order


def test_totals_per_year_match_hand_figures(rw):
    _setup(rw)
    got = {year: (s.regular.amount, s.extra.amount, s.total.amount) for year, s in _totals(rw).by_year}
    assert got == {2009: (130000, 20000, 150000), 2010: (0, 50000, 50000), 2011: (10000, 0, 10000)}


def test_totals_per_funding_source_and_overall(rw):
    _setup(rw)
    overall = _totals(rw).overall
    assert (overall.regular.amount, overall.extra.amount, overall.total.amount) == (140000, 70000, 210000)
    assert (overall.regular.staff_months, overall.extra.staff_months) == (Decimal("6.5"), Decimal("0.5"))


def test_rows_with_no_amount_count_as_zero_and_are_listed(rw):
    _setup(rw)
    totals = _totals(rw)
    assert sorted(row.code for row in totals.rows_without_amounts) == ["A1", "A2"]


def test_totals_of_a_draft_without_estimates_are_zero(rw):
    totals = _totals(rw)
    assert totals.by_year == []
    assert totals.overall.total.amount == 0 and totals.overall.total.staff_months == 0
    assert [line.code for line, s in totals.by_action_line if s.total.amount == 0] == ["C5"]
