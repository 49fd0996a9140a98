"""Who sees and does what, through the pages and by posting directly. Negative cases hold a
unique marker and assert it is absent."""

import datetime
import os

import pytest
from django.urls import reverse

from reports import services
from reports.models import BlockComment, ReportRevision, ReportStatus
from tests.factories import make_meeting
from tests.refusals import normalised
from tests.reports.factories import approve, circulate, make_revision

MARKER = "DG-SECRET-MARKER-91b"


def _approve_button(html):
    return 'data-testid="approve"' in html


@pytest.mark.parametrize(
    ("persona", "sees_button"),
    [("chair", True), ("former_vice_chair", False), ("secretariat", False), ("ms_delegate", False),
     ("sm_delegate", False), ("superuser", False)],
)  # fmt: skip
def test_approve_button_only_for_current_officer(world, wg_report, client_for, persona, sees_button):
    circulate(wg_report)
    html = client_for(world.personas[persona]).get(reverse("reports:report_detail", args=[wg_report.pk])).content
    assert _approve_button(html.decode()) is sees_button


@pytest.mark.parametrize("persona", ["former_vice_chair", "secretariat", "ms_delegate", "sm_delegate", "superuser"])
def test_approve_by_direct_post_is_forbidden(world, wg_report, client_for, persona):
    report = circulate(wg_report)
    response = client_for(world.personas[persona]).post(
        reverse("reports:report_approve", args=[report.pk]), {"lock_version": report.lock_version}
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.CIRCULATED and not ReportRevision.objects.exists()


def test_approve_by_direct_post_of_chair_records_who(world, wg_report, client_for):
    report = circulate(wg_report)
    client_for(world.chair).post(
        reverse("reports:report_approve", args=[report.pk]), {"lock_version": report.lock_version}
    )
    revision = ReportRevision.objects.get()
    assert revision.approved_by == world.chair


def _dg_routes(report, revision=None):
    routes = [
        ("get", reverse("reports:report_detail", args=[report.pk])),
        ("get", reverse("reports:report_draft_pdf", args=[report.pk])),
        ("get", reverse("reports:report_edit", args=[report.pk])),
        ("post", reverse("reports:block_comment", args=[report.blocks.exclude(kind="section").first().pk])),
    ]
    if revision:
        routes += [
            ("get", reverse("reports:revision_pdf", args=[report.pk, revision.number])),
            ("get", reverse("reports:revision_verify", args=[report.pk, revision.number])),
            ("get", reverse("reports:revision_detail", args=[report.pk, revision.number])),
        ]
    return routes


@pytest.mark.parametrize("persona", ["sm_delegate", "anonymous"])
def test_restricted_dg_report_is_hidden_on_every_route(world, dg_report, client_for, persona):
    circulate(dg_report)
    dg_report.refresh_from_db()
    revision = make_revision(dg_report, world.secretariat, published=True)
    client = client_for(world.personas[persona])
    for method, url in _dg_routes(dg_report, revision):
        response = getattr(client, method)(url, {"text": "x"} if method == "post" else None)
        assert response.status_code in (302, 404), url
        assert MARKER not in response.content.decode(errors="ignore"), url
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), url
    for url in [reverse("reports:report_list"), reverse("reports:meeting_action_items", args=[world.meeting.pk])]:
        assert MARKER not in client.get(url).content.decode()
    assert not BlockComment.objects.exists()


def test_dg_report_is_visible_to_member_state_delegate(world, dg_report, client_for):
    circulate(dg_report)
    html = client_for(world.ms_delegate).get(reverse("reports:report_detail", args=[dg_report.pk])).content.decode()
    assert MARKER in html


def test_circulated_wg_report_shows_dg_annex_only_to_those_who_may_see_it(world, wg_report, dg_report, client_for):
    services.annex_report(report=dg_report, to=wg_report, position=1, expected_lock=wg_report.lock_version)
    circulate(wg_report)
    url = reverse("reports:report_detail", args=[wg_report.pk])
    sm_html = client_for(world.sm_delegate).get(url).content.decode()
    assert "WG report" in sm_html and MARKER not in sm_html
    assert MARKER in client_for(world.ms_delegate).get(url).content.decode()


def test_sector_member_reads_dg_report_as_annex_1_once_wg_report_is_approved(world, wg_report, dg_report, client_for):
    services.annex_report(report=dg_report, to=wg_report, position=1, expected_lock=wg_report.lock_version)
    revision = approve(wg_report, world.chair)
    client = client_for(world.sm_delegate)
    html = client.get(reverse("reports:revision_detail", args=[wg_report.pk, revision.number])).content.decode()
    assert 'id="annex-1"' in html and MARKER in html
    response = client.get(reverse("reports:report_detail", args=[dg_report.pk]))
    assert response.status_code == 302 and response["Location"].endswith("#annex-1")
    # The DG's working copy is not what was released: its draft, editor and paragraphs answer as
    # missing ones do (404), and its live title never reaches the list; the frozen one does.
    for url in [
        reverse("reports:report_draft_pdf", args=[dg_report.pk]),
        reverse("reports:report_edit", args=[dg_report.pk]),
        reverse("reports:block_edit", args=[dg_report.blocks.first().pk]),
    ]:
        missing = url.replace(f"/{dg_report.pk}/", "/999999/").replace(f"/{dg_report.blocks.first().pk}/", "/999999/")
        hidden, absent = client.get(url), client.get(missing)
        assert hidden.status_code == 404 and normalised(hidden, url) == normalised(absent, missing), url
    dg_report.title = "LIVE-TITLE-AFTER-RELEASE"
    dg_report.save()
    listing = client.get(reverse("reports:report_list")).content.decode()
    assert "LIVE-TITLE-AFTER-RELEASE" not in listing
    assert "Released as Annex 1 of" in listing and MARKER in listing  # the frozen title carries the marker


def test_published_summary_is_public_and_unpublished_is_not(world, client_for):
    from tests.reports.factories import make_block, make_report, make_section

    summary = make_report(world.meeting, kind="summary", title="PUBLIC-SUMMARY-MARKER")
    make_block(summary, make_section(summary, "Results"))
    revision = make_revision(summary, world.chair, published=False)
    anonymous = client_for(world.anonymous)
    assert anonymous.get(reverse("reports:report_detail", args=[summary.pk])).status_code == 404
    assert "PUBLIC-SUMMARY-MARKER" not in anonymous.get(reverse("reports:report_list")).content.decode()
    revision.published_at = revision.approved_at
    revision.save()
    assert "PUBLIC-SUMMARY-MARKER" in anonymous.get(reverse("reports:report_list")).content.decode()
    pdf = anonymous.get(reverse("reports:revision_pdf", args=[summary.pk, revision.number]), follow=True)
    assert pdf.content.startswith(b"%PDF")


def test_pdf_download_is_the_stored_file_and_verify_detects_tampering(world, wg_report, client_for):
    revision = approve(wg_report, world.chair)
    client = client_for(world.sm_delegate)
    url = reverse("reports:revision_pdf", args=[wg_report.pk, revision.number])
    verify = reverse("reports:revision_verify", args=[wg_report.pk, revision.number])
    stored = revision.pdf.read()
    assert client.get(url, follow=True).content == stored
    assert "matches the checksum" in client.get(verify).content.decode()
    # Overwrite the stored file: the download refuses to serve it as the approved PDF (no
    # re-rendering either), and the verify page says what is wrong.
    with open(revision.pdf.path, "wb") as handle:
        handle.write(b"%PDF-1.7 tampered")
    refused = client.get(url, follow=True)
    assert refused.status_code == 409 and b"tampered" not in refused.content
    assert "MISMATCH" in refused.content.decode() and refused["Content-Type"].startswith("text/html")
    assert "MISMATCH" in client.get(verify).content.decode()
    # Remove it: both pages say it is missing, neither is a server error.
    os.remove(revision.pdf.path)
    for response in (client.get(url, follow=True), client.get(verify)):
        assert response.status_code in (409, 200) and "MISSING: the approved PDF is not in storage" in (
            response.content.decode()
        )
    assert client.get(url, follow=True).status_code == 409
    assert client.get(verify).status_code == 200  # the page itself is no refusal


def test_pdf_download_carries_its_checksum_as_etag_and_answers_304_when_unchanged(
    world, wg_report, dg_report, client_for
):
    revision = approve(wg_report, world.chair)
    url = reverse("reports:revision_pdf", args=[wg_report.pk, revision.number])
    stored = revision.pdf.read()
    first = client_for(world.sm_delegate).get(url, follow=True)
    assert first["ETag"] == f'"{revision.sha256}"' and first.content == stored
    assert first.redirect_chain[0][1] == 302  # through a signed ticket, never cached
    again = client_for(world.sm_delegate).get(url, HTTP_IF_NONE_MATCH=f'"{revision.sha256}"')
    assert again.status_code == 304 and again["ETag"] == first["ETag"] and not again.content
    assert again["Cache-Control"] == "private, max-age=31536000, immutable"
    other = client_for(world.sm_delegate).get(url, HTTP_IF_NONE_MATCH='"0000"', follow=True)
    assert other.content == stored
    # Access is checked first: an outsider who knows the checksum is refused, not told "unchanged".
    dg_revision = approve(dg_report, world.chair)
    dg_url = reverse("reports:revision_pdf", args=[dg_report.pk, dg_revision.number])
    refused = client_for(world.sm_delegate).get(dg_url, HTTP_IF_NONE_MATCH=f'"{dg_revision.sha256}"')
    assert refused.status_code == 404


def test_comment_on_circulated_report_by_member(world, wg_report, client_for):
    circulate(wg_report)
    block = wg_report.blocks.get(kind="statement")
    client_for(world.sm_delegate).post(reverse("reports:block_comment", args=[block.pk]), {"text": "COMMENT-7"})
    html = client_for(world.secretariat).get(reverse("reports:report_detail", args=[wg_report.pk])).content.decode()
    assert "COMMENT-7" in html


def test_edit_with_stale_lock_returns_conflict_with_unsaved_text(world, wg_report, client_for):
    client = client_for(world.secretariat)
    block = wg_report.blocks.get(kind="paragraph")
    stale = wg_report.lock_version
    prefix = f"b{block.pk}-"
    data = {prefix + "lock_version": stale, prefix + "numbered": "on", prefix + "body": "<p>first</p>"}
    client.post(reverse("reports:block_edit", args=[block.pk]), data)
    second = {**data, prefix + "body": "<p>UNSAVED-SECOND</p>"}
    response = client.post(reverse("reports:block_edit", args=[block.pk]), second)
    assert response.status_code == 409
    assert "UNSAVED-SECOND" in response.content.decode()
    block.refresh_from_db()
    assert block.body == "<p>first</p>"


def test_pending_action_items_on_next_meeting_and_closing_there(world, wg_report, client_for):
    approve(wg_report, world.chair)
    nxt = make_meeting(world.wg, number=15, start=datetime.date(2009, 6, 22))
    panel = reverse("reports:meeting_action_items", args=[nxt.pk])
    html = client_for(world.sm_delegate).get(panel).content.decode()
    assert "The Secretariat shall report back." in html and "pending" in html
    assert 'data-testid="close-action' not in html
    item = wg_report.blocks.get(kind="action")
    assert (
        client_for(world.sm_delegate)
        .post(reverse("reports:action_item_close", args=[item.pk, nxt.pk]), {"status": "done"})
        .status_code
        == 403
    )
    client_for(world.secretariat).post(reverse("reports:action_item_close", args=[item.pk, nxt.pk]), {"status": "done"})
    item.refresh_from_db()
    assert item.action_status == "done" and item.closed_at_meeting == nxt
    assert "The Secretariat shall report back." not in client_for(world.sm_delegate).get(panel).content.decode()


def test_dg_action_items_never_reach_the_sector_member(world, dg_report, client_for):
    from tests.reports.factories import make_block

    make_block(dg_report, dg_report.blocks.get(kind="section"), kind="action", body=f"<p>{MARKER} action</p>",
               owners=[world.secretariat_unit])  # fmt: skip
    make_revision(dg_report, world.secretariat)
    nxt = make_meeting(world.wg, number=15, start=datetime.date(2009, 6, 22))
    panel = reverse("reports:meeting_action_items", args=[nxt.pk])
    assert MARKER not in client_for(world.sm_delegate).get(panel).content.decode()
    assert MARKER in client_for(world.ms_delegate).get(panel).content.decode()


def test_released_dg_action_items_pending_for_dg_members_only(world, wg_report, dg_report, client_for):
    from tests.reports.factories import make_block

    make_block(dg_report, dg_report.blocks.get(kind="section"), kind="action", body=f"<p>{MARKER} by 15 May</p>",
               owners=[world.secretariat_unit], due_date=datetime.date(2009, 5, 15))  # fmt: skip
    services.annex_report(report=dg_report, to=wg_report, position=1, expected_lock=wg_report.lock_version)
    approve(wg_report, world.chair)
    nxt = make_meeting(world.wg, number=15, start=datetime.date(2009, 6, 22))
    panel = reverse("reports:meeting_action_items", args=[nxt.pk])
    ms_html = client_for(world.ms_delegate).get(panel).content.decode()
    assert f"{MARKER} by 15 May" in ms_html and "15 May 2009" in ms_html
    assert MARKER not in client_for(world.sm_delegate).get(panel).content.decode()


def test_anonymous_reads_released_annex_in_published_wg_report(world, wg_report, dg_report, client_for):
    services.annex_report(report=dg_report, to=wg_report, position=1, expected_lock=wg_report.lock_version)
    revision = approve(wg_report, world.chair)
    client = client_for(world.anonymous)
    url = reverse("reports:revision_detail", args=[wg_report.pk, revision.number])
    assert client.get(url).status_code == 404  # approved, not yet published
    wg_report.refresh_from_db()
    services.publish_report(report=wg_report)
    assert MARKER in client.get(url).content.decode()
    assert client.get(reverse("reports:report_draft_pdf", args=[dg_report.pk])).status_code == 302  # to login


def test_edits_to_a_released_report_never_reach_those_who_read_it_only_as_released(world, wg_report, dg_report, client):
    """Finding 2: after the WG-WSIS report annexing it was approved and published, a change to the
    Dedicated Group's working copy (its title, its status) showed on the anonymous report list and
    the meeting's action-items panel. Outsiders see what was released: the frozen annex."""
    services.annex_report(report=dg_report, to=wg_report, position=1, expected_lock=wg_report.lock_version)
    revision = approve(wg_report, world.chair)
    services.publish_report(report=wg_report)
    dg_report.title = "LIVE-TITLE-AFTER-RELEASE"
    dg_report.status = ReportStatus.DRAFT
    dg_report.save()
    pages = [reverse("reports:report_list"), reverse("reports:meeting_action_items", args=[world.meeting.pk])]
    annex = reverse("reports:revision_detail", args=[wg_report.pk, revision.number]) + "#annex-1"
    for persona in (None, world.sm_delegate):
        client.logout()
        if persona:
            client.force_login(persona)
        for url in pages:
            html = client.get(url).content.decode()
            assert "LIVE-TITLE-AFTER-RELEASE" not in html, (persona, url)
            assert MARKER in html and "Released as Annex 1 of" in html and annex in html, (persona, url)
            assert ">Draft<" not in html
    client.force_login(world.ms_delegate)  # a member reads it as released while it is a draft …
    assert "LIVE-TITLE-AFTER-RELEASE" not in client.get(pages[0]).content.decode()
    dg_report.status = ReportStatus.CIRCULATED
    dg_report.save()  # … and the working copy itself once it is circulated to the group again
    assert "LIVE-TITLE-AFTER-RELEASE" in client.get(pages[0]).content.decode()
    client.force_login(world.sm_delegate)
    assert "LIVE-TITLE-AFTER-RELEASE" not in client.get(pages[0]).content.decode()
