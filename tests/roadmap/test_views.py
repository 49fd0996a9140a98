"""The matrix page, in-place cell edits, comments and the draft list, per persona."""

import pytest
from django.urls import reverse

from meetings.models import OrganisationKind
from roadmap.models import CommentStatus, RoadmapRow
from roadmap.views.drafts import ROWS_AT_ONCE
from tests.factories import make_organisation, make_user
from tests.roadmap.factories import estimate, make_draft, make_partner, make_roadmap, make_row


def _get(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def test_matrix_shows_rows_grouped_by_action_line_to_a_member(rw, client):
    html = _get(client, rw.world.sm_delegate, "roadmap:draft", rw.draft.pk).content.decode()
    assert "Action Line C5" in html and "Promote cooperation among the governments" in html
    assert "Global Cybersecurity Agenda" in html
    assert "Third draft (WG-WSIS-14/3)" in html
    assert 'data-testid="edit-outcome"' not in html  # members do not edit
    assert "Start the next draft" not in html


def test_matrix_offers_in_place_edit_to_the_secretariat(rw, client):
    html = _get(client, rw.world.secretariat, "roadmap:draft", rw.draft.pk).content.decode()
    assert f'hx-get="{reverse("roadmap:cell", args=[rw.row_a.pk, "outcome"])}"' in html
    assert "Start the next draft from this one" in html


def test_matrix_shows_itu_role_as_at_the_drafts_meeting(rw, client):
    from roadmap import services

    services.record_itu_role(action_line=rw.c5, role="partner", valid_from=rw.world.meeting.start_date.replace(2010))
    html = _get(client, rw.world.ms_delegate, "roadmap:draft", rw.draft.pk).content.decode()
    assert 'data-testid="line-role-C5">Facilitator<' in html


def test_roadmap_of_the_dedicated_group_never_reaches_a_sector_member(world, client):
    from tests.roadmap.factories import make_action_line

    line = make_action_line("C9")
    draft = make_draft(make_roadmap(world.dg, title="DG-ROADMAP-MARKER"), 1)
    row = make_row(draft, line, "A", "DG-ROW-MARKER")
    client.force_login(world.sm_delegate)
    for url in [
        reverse("roadmap:draft", args=[draft.pk]),
        reverse("roadmap:row", args=[row.pk]),
        reverse("roadmap:draft_export", args=[draft.pk, "csv"]),
    ]:
        response = client.get(url)
        assert response.status_code == 404 and b"DG-ROW-MARKER" not in response.content
    index = client.get(reverse("roadmap:index")).content.decode()
    assert "DG-ROADMAP-MARKER" not in index
    client.force_login(world.ms_delegate)
    assert "DG-ROADMAP-MARKER" in client.get(reverse("roadmap:index")).content.decode()


def test_observer_without_membership_gets_404(rw, client):
    observer = make_user(make_organisation(OrganisationKind.OBSERVER, "UNESCO", short_name="UNESCO"))
    response = _get(client, observer, "roadmap:draft", rw.draft.pk)
    assert response.status_code == 404 and b"Promote cooperation" not in response.content


def test_anonymous_is_sent_to_login(rw, client):
    response = client.get(reverse("roadmap:draft", args=[rw.draft.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_cell_editor_shows_current_values_and_revision(rw, client):
    html = _get(client, rw.world.secretariat, "roadmap:cell", rw.row_a.pk, "outcome").content.decode()
    assert "Promote cooperation among the governments" in html
    assert 'name="revision" value="0"' in html


def test_cell_post_saves_and_returns_the_cell(rw, client):
    client.force_login(rw.world.secretariat)
    url = reverse("roadmap:cell", args=[rw.row_a.pk, "results"])
    html = client.post(url, {"revision": 0, "itu_role": "co_facilitator", "expected_results": "Annual C5 meeting"})
    html = html.content.decode()
    assert "Annual C5 meeting" in html and "Co-facilitator" in html and "roadmap-saved" in html
    rw.row_a.refresh_from_db()
    assert (rw.row_a.expected_results, rw.row_a.revision) == ("Annual C5 meeting", 1)


def test_stale_cell_post_is_refused_showing_current_value_and_keeping_input(rw, client):
    RoadmapRow.objects.filter(pk=rw.row_a.pk).update(expected_results="THEIRS-SAVED-FIRST", revision=1)
    client.force_login(rw.world.secretariat)
    url = reverse("roadmap:cell", args=[rw.row_a.pk, "results"])
    html = client.post(url, {"revision": 0, "itu_role": "", "expected_results": "MINE-TYPED"}).content.decode()
    assert "someone else changed this row" in html
    assert "THEIRS-SAVED-FIRST" in html  # the current value is shown
    assert "MINE-TYPED" in html  # nothing the user typed is lost
    assert 'name="revision" value="1"' in html  # saving again is a deliberate overwrite
    rw.row_a.refresh_from_db()
    assert rw.row_a.expected_results == "THEIRS-SAVED-FIRST"


def test_invalid_cell_post_shows_errors_and_writes_nothing(rw, client):
    client.force_login(rw.world.secretariat)
    url = reverse("roadmap:cell", args=[rw.row_a.pk, "timing"])
    html = client.post(url, {"revision": 0, "start": "2012-01-01", "end": "2010-01-01", "milestones": "soon PP-10"})
    html = html.content.decode()
    assert "does not start with a date" in html and "The end comes before the start" in html
    rw.row_a.refresh_from_db()
    assert rw.row_a.start is None and rw.row_a.revision == 0


@pytest.mark.parametrize("persona", ["sm_delegate", "ms_delegate", "chair"])
def test_members_may_not_edit_cells(rw, client, persona):
    client.force_login(rw.world.personas[persona])
    url = reverse("roadmap:cell", args=[rw.row_a.pk, "results"])
    response = client.post(url, {"revision": 0, "itu_role": "", "expected_results": "HIJACK"})
    assert response.status_code == 403
    rw.row_a.refresh_from_db()
    assert rw.row_a.expected_results == ""


def test_superseded_draft_is_frozen(rw, client):
    from roadmap import services

    services.start_next_draft(draft=rw.draft, user=rw.world.secretariat)
    client.force_login(rw.world.secretariat)
    url = reverse("roadmap:cell", args=[rw.row_a.pk, "results"])
    assert client.post(url, {"revision": 0, "expected_results": "LATE"}).status_code == 403
    html = client.get(reverse("roadmap:draft", args=[rw.draft.pk])).content.decode()
    assert 'data-testid="edit-results"' not in html and "cannot be edited" in html


def test_start_next_draft_button_creates_fourth_draft(rw, client):
    client.force_login(rw.world.secretariat)
    response = client.post(reverse("roadmap:draft_next", args=[rw.draft.pk]), follow=True)
    html = response.content.decode()
    assert "Fourth draft" in html and "every row was copied" in html
    assert rw.roadmap.drafts.get(number=4).rows.count() == 2


def test_member_comments_and_secretariat_answers(rw, client):
    client.force_login(rw.world.ms_delegate)
    text = "Reference to ITU Child Online Protection Initiative should be made"
    client.post(reverse("roadmap:comment_add", args=[rw.row_a.pk]), {"text": text})
    comment = rw.row_a.comments.get()
    assert comment.author == rw.world.ms_delegate and comment.status == CommentStatus.OPEN
    response = client.post(
        reverse("roadmap:comment_answer", args=[comment.pk]),
        {f"c{comment.pk}-status": "taken", f"c{comment.pk}-reply": "x"},
    )
    assert response.status_code == 403
    client.force_login(rw.world.secretariat)
    client.post(
        reverse("roadmap:comment_answer", args=[comment.pk]),
        {f"c{comment.pk}-status": "taken", f"c{comment.pk}-reply": "Added as A4 in the fourth draft."},
    )
    client.force_login(rw.world.sm_delegate)
    html = client.get(reverse("roadmap:row", args=[rw.row_a.pk])).content.decode()
    assert text in html and "Taken into account" in html and "Added as A4 in the fourth draft." in html


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({}, ["A", "A1", "B"]),
        ({"action_line": "C2"}, ["B"]),
        ({"role": "partner"}, ["A1"]),
        ({"partner": "UNODC"}, ["A"]),
        ({"year": 2009}, ["A"]),  # A runs 2009–2015, A1 from 2012, B has no timing
        ({"year": 2012}, ["A", "A1"]),
    ],
)
def test_matrix_filters(rw, client, params, codes):
    import datetime

    make_row(rw.draft, rw.c2, "B", "Broadband")
    RoadmapRow.objects.filter(pk=rw.row_a.pk).update(start=datetime.date(2009, 1, 1), end=datetime.date(2015, 12, 31))
    RoadmapRow.objects.filter(pk=rw.row_a1.pk).update(start=datetime.date(2012, 1, 1), itu_role="partner")
    rw.row_a.partners.add(make_partner("UNODC"))
    html = _get(client, rw.world.ms_delegate, "roadmap:draft", rw.draft.pk, **params).content.decode()
    shown = sorted(
        code for code in ["A", "A1", "B"] if f'data-testid="row-{"C2" if code == "B" else "C5"}-{code}"' in html
    )
    assert shown == codes


def _fill(rw, n):
    for i in range(n):
        row = make_row(rw.draft, rw.c2 if i % 2 else rw.c5, f"X{i}")
        row.partners.add(rw.partner)
        row.milestones.create(date="2010-01-01", label="stage")
        estimate(row, 2010, "regular", amount=1000)


def test_large_draft_is_shown_one_action_line_at_a_time(rw, client):
    rw.partner = make_partner("UNESCO")
    _fill(rw, 70)
    html = _get(client, rw.world.ms_delegate, "roadmap:draft", rw.draft.pk, action_line="C5").content.decode()
    c5_rows = rw.draft.rows.filter(action_line=rw.c5).count()
    # Of that line its first rows; the others on demand (tests/roadmap/test_matrix_lines.py).
    assert html.count('data-testid="row-C5-') == ROWS_AT_ONCE < c5_rows and 'data-testid="row-C2-' not in html
    c2_rows = rw.draft.rows.filter(action_line=rw.c2).count()
    assert f'data-testid="tab-C2">C2 <span class="badge text-bg-light border">{c2_rows}</span>' in html
    assert (
        'data-testid="tab-C5" ' not in html
        and 'active" aria-current="page" href="?action_line=C5" data-testid="tab-C5"' in html
    )


def test_small_draft_shows_every_action_line_without_tabs(rw, client):
    make_row(rw.draft, rw.c2, "B", "Broadband")
    html = _get(client, rw.world.ms_delegate, "roadmap:draft", rw.draft.pk).content.decode()
    assert 'data-testid="row-C2-B"' in html and 'data-testid="row-C5-A"' in html
    assert 'data-testid="line-tabs"' not in html


@pytest.mark.parametrize("persona", ["secretariat", "ms_delegate"])
def test_matrix_query_count_is_constant(rw, client, django_assert_num_queries, persona):
    rw.partner = make_partner("UNESCO")
    RoadmapRow.objects.filter(draft=rw.draft).delete()
    _fill(rw, 3)
    client.force_login(rw.world.personas[persona])
    url = reverse("roadmap:draft", args=[rw.draft.pk])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill(rw, 197)
    assert rw.draft.rows.count() == 200
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    # 200 rows are more than one page shows at once: the first Action Line with rows (its first
    # rows, and a link to the others), and tabs.
    first_line = rw.c2 if rw.c2.position < rw.c5.position else rw.c5
    assert (
        html.count('data-testid="row-') == ROWS_AT_ONCE and rw.draft.rows.filter(action_line=first_line).count() >= 99
    )
    assert f'data-testid="row-{first_line.code}-' in html and 'data-testid="show-more"' in html
    assert 'data-testid="line-tabs"' in html and 'data-testid="tab-C5"' in html


def test_draft_list_links_drafts_and_comparison(rw, client):
    from roadmap import services

    services.start_next_draft(draft=rw.draft, user=rw.world.secretariat)
    html = _get(client, rw.world.sm_delegate, "roadmap:index").content.decode()
    assert "Fourth" in html and "WG-WSIS-14/3" in html and "Changes since the draft it started from" in html


def test_action_line_role_change_is_recorded_by_secretariat_only(rw, client):
    client.force_login(rw.world.ms_delegate)
    url = reverse("roadmap:action_line_role", args=[rw.c5.pk])
    assert client.post(url, {"role": "partner", "valid_from": "2010-01-01"}).status_code == 403
    client.force_login(rw.world.secretariat)
    client.post(url, {"role": "partner", "valid_from": "2010-01-01", "note": "demo change"})
    html = client.get(reverse("roadmap:action_lines")).content.decode()
    assert [e.role for e in rw.c5.role_history.all()] == ["partner", "facilitator"]
    assert "demo change" in html


def test_secretariat_records_status_meeting_and_symbol(rw, client):
    from roadmap.models import RoadmapDraft

    other = make_draft(rw.roadmap, 4)
    client.force_login(rw.world.ms_delegate)
    url = reverse("roadmap:draft_record", args=[other.pk])
    payload = {"status": "living", "meeting": rw.world.meeting.pk, "document_symbol": "WG-WSIS-15/4"}
    assert client.post(url, payload).status_code == 403
    client.force_login(rw.world.secretariat)
    client.post(url, payload)
    other = RoadmapDraft.objects.get(pk=other.pk)
    assert (other.status, other.meeting, other.document_symbol) == ("living", rw.world.meeting, "WG-WSIS-15/4")


def test_comment_times_show_in_the_meetings_zone(rw, client):
    import datetime

    from roadmap import services

    services.add_comment(
        row=rw.row_a,
        author=rw.world.ms_delegate,
        text="t",
        now=datetime.datetime(2009, 2, 11, 14, 10, tzinfo=datetime.UTC),
    )
    rw.world.meeting.time_zone = "Asia/Riyadh"
    rw.world.meeting.save()
    html = _get(client, rw.world.ms_delegate, "roadmap:row", rw.row_a.pk).content.decode()
    assert "11 Feb 2009 17:10" in html


def test_action_lines_page_queries_constant(rw, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.roadmap.factories import make_action_line

    client.force_login(rw.world.secretariat)
    url = reverse("roadmap:action_lines")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6, 12):
        line = make_action_line(f"C{n}", position=n)
        line.sub_lines.create(position=1, name=f"Sub {n}")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(few.captured_queries) == len(many.captured_queries) and "Sub 11" in html


@pytest.mark.parametrize("persona", ["secretariat", "ms_delegate"])
@pytest.mark.parametrize("query", ["", "?rows=all", "?partner=UNESCO"])
def test_matrix_query_count_is_the_same_for_one_row_and_many(rw, client, django_assert_num_queries, persona, query):
    """A row's goals, resolutions, partners, stages, estimates and comments come with every other
    row's: one query a relation, whatever the number of rows (one; many, shown one line at a time)."""
    from meetings.models import Resolution
    from roadmap import services
    from tests.roadmap.factories import make_goal

    rw.partner = make_partner("UNESCO")
    goal, resolution = make_goal(1), Resolution.objects.create(ref="PP-06 Res. 140")
    RoadmapRow.objects.filter(draft=rw.draft).delete()

    def fill(n):
        for i in range(n):
            row = make_row(rw.draft, rw.c2 if i % 2 else rw.c5, f"Y{rw.draft.rows.count()}")
            row.partners.add(rw.partner)
            row.strategic_goals.add(goal)
            row.resolutions.add(resolution)
            row.milestones.create(date="2010-01-01", label="stage")
            estimate(row, 2010, "regular", amount=1000)
            services.add_comment(row=row, author=rw.world.ms_delegate, text="c")

    fill(1)
    client.force_login(rw.world.personas[persona])
    url = reverse("roadmap:draft", args=[rw.draft.pk]) + query
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        html = client.get(url).content.decode()
    assert html.count('data-testid="row-') == 1 and "1 comment" in html
    fill(99)
    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get(url).content.decode()
    first_line = rw.draft.rows.filter(action_line=rw.c2).count()  # C2 comes first: its rows are shown
    assert html.count('data-testid="row-C2-') == (first_line if query == "?rows=all" else ROWS_AT_ONCE)
    assert html.count("1 comment") == html.count('data-testid="row-') and "Goal 1" in html and "UNESCO" in html
