"""A large draft's matrix: one Action Line at a time, its first rows on the page and the others on
demand (htmx, `roadmap:line_rows`) or all at once without JavaScript (`?rows=all`); deep links to
a row still reach it; the figures speak for the whole line."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmap import services
from roadmap.models import RoadmapRow
from roadmap.views.drafts import ALL_LINES_UP_TO, ROWS_AT_ONCE
from tests.roadmap.factories import estimate, make_action_line, make_draft, make_partner, make_roadmap, make_row


def _fill(rw, line, n, prefix):
    partner = make_partner(f"P{prefix}")
    for i in range(n):
        row = make_row(rw.draft, line, f"{prefix}{i}", f"Outcome {prefix}{i}")
        row.partners.add(partner)
        row.milestones.create(date=datetime.date(2010, 1, 1), label="stage")
        estimate(row, 2010, "regular", amount=1000)


@pytest.fixture
def large(rw):
    """C5: its two rows and 28 more (30); C2: 40 rows; more than a page shows at once."""
    _fill(rw, rw.c5, 28, "E")
    _fill(rw, rw.c2, 40, "T")
    assert rw.draft.rows.count() > ALL_LINES_UP_TO
    return rw


def _codes(html, line):
    """The codes of `line`'s rows in the HTML, in order."""
    marker = f'data-testid="row-{line}-'
    return [part.split('"', 1)[0] for part in html.split(marker)[1:]]


def _ordered_codes(rw, line):
    return list(rw.draft.rows.filter(action_line=line).values_list("code", flat=True))


def _page(response):
    """A page without its per-request CSRF token."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def test_page_shows_the_first_rows_of_the_line_and_links_to_the_others(large, client):
    rw = large
    url = reverse("roadmap:draft", args=[rw.draft.pk])
    html = _get(client, rw.world.ms_delegate, url, action_line="C5").content.decode()
    assert _codes(html, "C5") == _ordered_codes(rw, rw.c5)[:ROWS_AT_ONCE] and "row-C2-" not in html
    assert "Show the other 20 rows of Action Line C5" in html
    # Without JavaScript the link opens the line with every row, at the first one not shown yet.
    assert 'href="?action_line=C5&amp;rows=all#line-C5-later"' in html
    assert f'hx-get="{reverse("roadmap:line_rows", args=[rw.draft.pk, "C5"])}"' in html


def test_line_rows_answer_the_later_rows_of_that_line_only(large, client):
    rw = large
    url = reverse("roadmap:line_rows", args=[rw.draft.pk, "C2"])
    html = _get(client, rw.world.ms_delegate, url).content.decode()
    assert html.startswith('<tbody id="line-C2-later"')
    assert _codes(html, "C2") == _ordered_codes(rw, rw.c2)[ROWS_AT_ONCE:] and "row-C5-" not in html


def test_line_rows_keep_the_filters(large, client):
    rw = large
    RoadmapRow.objects.filter(code__in=[f"T{i}" for i in range(0, 40, 3)]).update(itu_role="partner")
    matching = list(
        rw.draft.rows.filter(action_line=rw.c2, itu_role="partner").values_list("code", flat=True)
    )  # 14 rows: 10 on the page, 4 on demand
    url = reverse("roadmap:line_rows", args=[rw.draft.pk, "C2"])
    html = _get(client, rw.world.ms_delegate, url, role="partner").content.decode()
    assert _codes(html, "C2") == matching[ROWS_AT_ONCE:]


def test_without_javascript_every_row_of_the_line_is_shown(large, client):
    rw = large
    url = reverse("roadmap:draft", args=[rw.draft.pk])
    html = _get(client, rw.world.ms_delegate, url, action_line="C5", rows="all").content.decode()
    assert _codes(html, "C5") == _ordered_codes(rw, rw.c5)
    later = html.split('<tbody id="line-C5-later"', 1)[1]  # where htmx would put them
    assert _codes(later, "C5") == _ordered_codes(rw, rw.c5)[ROWS_AT_ONCE:]
    assert 'data-testid="show-more"' not in html


def _totals(html):
    return html.split('data-testid="totals-action-line"', 1)[1].split("</table>", 1)[0]


def test_figures_speak_for_the_whole_line_and_come_on_demand(large, client):
    rw = large
    url = reverse("roadmap:draft", args=[rw.draft.pk])
    html = _get(client, rw.world.ms_delegate, url, action_line="C5").content.decode()
    # Only the first rows are on the page: the figures of the line are asked for when scrolled to.
    assert 'data-testid="totals"' not in html and "(Action Line C5)" in html
    figures_url = reverse("roadmap:line_figures", args=[rw.draft.pk, "C5"])
    assert f'hx-get="{figures_url}" hx-trigger="intersect once"' in html
    assert 'href="?action_line=C5&amp;rows=all#figures"' in html  # without JavaScript
    figures = client.get(figures_url).content.decode()
    assert figures.startswith('<section id="figures" data-testid="figures">') and "(Action Line C5)" in figures
    assert "<th>C5</th>" in _totals(figures) and "28\u00a0000" in _totals(figures)  # 28 rows x CHF 1,000
    # With every row of the line on the page, the same figures are on it.
    every_row = client.get(url, {"action_line": "C5", "rows": "all"}).content.decode()
    assert _totals(every_row) == _totals(figures)


def test_figures_keep_the_filters(large, client):
    rw = large
    RoadmapRow.objects.filter(code__in=["E0", "E1", "E2"]).update(itu_role="partner")
    url = reverse("roadmap:line_figures", args=[rw.draft.pk, "C5"])
    figures = _get(client, rw.world.ms_delegate, url, role="partner").content.decode()
    assert "3\u00a0000" in _totals(figures) and "rows matching the filters" in figures


@pytest.mark.parametrize("name", ["roadmap:line_rows", "roadmap:line_figures"])
def test_unknown_line_is_not_found(large, client, name):
    response = _get(client, large.world.ms_delegate, reverse(name, args=[large.draft.pk, "C99"]))
    assert response.status_code == 404 and b'data-testid="row-' not in response.content
    assert b'data-testid="totals"' not in response.content


def test_line_of_a_hidden_draft_answers_like_a_draft_that_does_not_exist(world, client):
    line = make_action_line("C9")
    draft = make_draft(make_roadmap(world.dg, title="DG roadmap"), 1)
    for i in range(ROWS_AT_ONCE + 2):
        make_row(draft, line, f"D{i}", f"DG-ROW-MARKER {i}")
    client.force_login(world.ms_delegate)  # a Member State sees the Dedicated Group's rows
    assert b"DG-ROW-MARKER" in client.get(reverse("roadmap:line_rows", args=[draft.pk, "C9"])).content
    client.force_login(world.sm_delegate)  # a Sector Member does not
    for name in ["roadmap:line_rows", "roadmap:line_figures"]:
        hidden = client.get(reverse(name, args=[draft.pk, "C9"]))
        missing = client.get(reverse(name, args=[draft.pk + 1000, "C9"]))
        assert hidden.status_code == missing.status_code == 404 and _page(hidden) == _page(missing)
        assert b"DG-ROW-MARKER" not in hidden.content


def test_deep_link_to_a_later_row_reaches_it(large, client):
    rw = large
    row = rw.draft.rows.get(action_line=rw.c2, code="T35")  # far past the first rows of C2
    row_page = _get(client, rw.world.ms_delegate, reverse("roadmap:row", args=[row.pk])).content.decode()
    link = row.get_matrix_url()
    assert f'href="{link.replace("&", "&amp;")}"' in row_page  # the breadcrumb back to the matrix
    path, fragment = link.split("#")
    html = client.get(path).content.decode()
    assert fragment == f"row-{row.pk}" and f'id="row-{row.pk}"' in html


def test_added_row_opens_where_it_is_shown(large, client):
    rw = large
    client.force_login(rw.world.secretariat)
    data = {"action_line": rw.c2.pk, "code": "Z9", "outcome": "A row added last", "source": ""}
    response = client.post(reverse("roadmap:row_add", args=[rw.draft.pk]), data)
    row = rw.draft.rows.get(code="Z9")
    assert response.status_code == 302 and response["Location"] == row.get_matrix_url()
    assert f'id="row-{row.pk}"' in client.get(response["Location"].split("#")[0]).content.decode()


def test_later_rows_offer_editing_to_the_secretariat_only(large, client):
    rw = large
    url = reverse("roadmap:line_rows", args=[rw.draft.pk, "C5"])
    assert 'data-testid="edit-results"' in _get(client, rw.world.secretariat, url).content.decode()
    assert 'data-testid="edit-results"' not in _get(client, rw.world.ms_delegate, url).content.decode()
    services.start_next_draft(draft=rw.draft, user=rw.world.secretariat)  # this draft is now frozen
    assert 'data-testid="edit-results"' not in _get(client, rw.world.secretariat, url).content.decode()


@pytest.mark.parametrize("persona", ["secretariat", "ms_delegate"])
def test_line_rows_queries_constant(rw, client, persona):
    _fill(rw, rw.c2, ROWS_AT_ONCE + 1, "F")
    client.force_login(rw.world.personas[persona])
    url = reverse("roadmap:line_rows", args=[rw.draft.pk, "C2"])
    with CaptureQueriesContext(connection) as one:
        assert _codes(client.get(url).content.decode(), "C2") == ["F10"]
    _fill(rw, rw.c2, 30, "G")
    with CaptureQueriesContext(connection) as many:
        assert len(_codes(client.get(url).content.decode(), "C2")) == 31
    assert len(one.captured_queries) == len(many.captured_queries)


def test_line_figures_queries_constant(rw, client):
    _fill(rw, rw.c2, 1, "F")
    client.force_login(rw.world.ms_delegate)
    url = reverse("roadmap:line_figures", args=[rw.draft.pk, "C2"])
    with CaptureQueriesContext(connection) as one:
        assert "1\u00a0000" in _totals(client.get(url).content.decode())
    _fill(rw, rw.c2, 30, "G")
    with CaptureQueriesContext(connection) as many:
        assert "31\u00a0000" in _totals(client.get(url).content.decode())
    assert len(one.captured_queries) == len(many.captured_queries)
