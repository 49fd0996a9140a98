"""Server-side SVG pictures: the timeline and the resources chart."""

import datetime
import re

from roadmap.charts import resources_svg, timeline_svg
from roadmap.models import RoadmapRow, load_for_matrix
from roadmap.totals import compute_totals
from tests.roadmap.factories import estimate, make_row


def _rows(rw):
    return load_for_matrix(RoadmapRow.objects.filter(draft=rw.draft))


def test_timeline_draws_a_bar_per_timed_row_and_a_diamond_per_stage(rw):
    RoadmapRow.objects.filter(pk=rw.row_a.pk).update(start=datetime.date(2009, 1, 1), end=datetime.date(2015, 12, 31))
    rw.row_a.milestones.create(date=datetime.date(2010, 10, 4), label="PP-10 <Guadalajara>")
    svg = str(timeline_svg(_rows(rw), horizon=2015))
    assert svg.startswith("<svg") and svg.count("<rect") == 1 and svg.count("<path") == 1
    assert "PP-10 &lt;Guadalajara&gt;" in svg and "<Guadalajara>" not in svg  # escaped
    assert "no timing proposed" in svg  # A1 has none
    assert all(str(y) in svg for y in range(2009, 2016))


def test_timeline_bar_spans_the_proposed_years(rw):
    RoadmapRow.objects.filter(pk=rw.row_a.pk).update(start=datetime.date(2009, 1, 1), end=datetime.date(2015, 12, 31))
    RoadmapRow.objects.filter(pk=rw.row_a1.pk).update(start=datetime.date(2012, 1, 1), end=datetime.date(2012, 12, 31))
    widths = [
        float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', str(timeline_svg(_rows(rw))))
    ]
    assert len(widths) == 2 and abs(widths[0] / widths[1] - 7) < 0.05  # seven years against one


def test_resources_chart_stacks_regular_and_extra_budgetary(rw):
    b = make_row(rw.draft, rw.c2, "B")
    estimate(b, 2009, "regular", amount=300000)
    estimate(b, 2009, "extra", amount=100000)
    estimate(rw.row_a, 2010, "regular", amount=200000)
    svg = str(resources_svg(compute_totals(_rows(rw))))
    assert "CHF 400\u00a0000" in svg and "CHF 200\u00a0000" in svg
    assert "Regular budget" in svg and "Extra-budgetary" in svg
