"""The chair approves knowingly: the redline of this revision against the last approved one, the
dialog's text saying what approving and publishing do, and the revision in the PDF's header."""

import re

import pytest
from django.urls import reverse

from reports import services
from reports.changes import revision_changes
from tests.pdf_checks import words
from tests.reports.factories import approve, circulate, make_block


def _second_revision(world, report):
    """Revision 1 approved; then one paragraph reworded and one added, circulated as revision 2."""
    approve(report, world.chair)
    report.refresh_from_db()
    paragraph = report.blocks.get(kind="paragraph")
    services.update_block(
        block=paragraph, data={"body": "<p>Document WG-WSIS-14/3 was presented and noted.</p>"},
        expected_lock=report.lock_version,
    )  # fmt: skip
    make_block(report, paragraph.parent, body="<p>A NEW-PARAGRAPH-91 at the end.</p>")
    circulate(report)
    report.refresh_from_db()
    return report


def test_redline_compares_with_the_last_approved_revision(world, wg_report):
    report = _second_revision(world, wg_report)
    base, changes = revision_changes(report)
    assert base.number == 1 and report.revision == 2
    by_status = {c.status: c for c in changes if c.is_change}
    assert set(by_status) == {"changed", "added"}
    assert by_status["changed"].label == "1.1"
    assert "was presented <ins>and noted</ins>." in by_status["changed"].html
    assert "NEW-PARAGRAPH-91" in by_status["added"].html and by_status["added"].label == "1.4"


def test_first_revision_has_nothing_to_compare_with(world, wg_report):
    circulate(wg_report)
    wg_report.refresh_from_db()
    assert revision_changes(wg_report) == (None, [])


def test_chair_sees_redline_and_what_approving_does(world, wg_report, client_for):
    report = _second_revision(world, wg_report)
    html = client_for(world.chair).get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "What revision 2 changes against approved revision 1" in html
    assert 'id="approve-redline"' in html and "was presented <ins>and noted</ins>." in html
    form = re.search(r'<form[^>]*data-testid="approve-form"[^>]*>', html)[0]
    assert 'data-confirm-include="approve-redline"' in form
    assert "You approve revision 2 of" in form and "as Chair, WG-WSIS" in form
    assert "a later change becomes revision 3" in form and "not public until it is published" in form


def test_delegate_sees_no_redline_or_approve_dialog(world, wg_report, client_for):
    report = _second_revision(world, wg_report)
    html = client_for(world.ms_delegate).get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "approve-redline" not in html and "data-confirm=" not in html


@pytest.mark.parametrize("public", [True, False])
def test_publish_dialog_says_who_will_read_it(world, wg_report, client_for, public):
    approve(wg_report, world.chair)
    group = wg_report.group
    if not public:
        wg_report.group = world.dg  # the Dedicated Group: Member States only, never public
        wg_report.save(update_fields=["group"])
    html = client_for(world.secretariat).get(reverse("reports:report_detail", args=[wg_report.pk])).content.decode()
    form = re.search(r'<form[^>]*data-testid="publish-form"[^>]*>', html)[0]
    assert "You publish approved revision 1" in form
    if public:
        assert f"everyone, without signing in, on the public pages of {group.code}" in form
    else:
        assert "as WG-WSIS-DG is not open to the public" in form or "is not open to the public" in form
    assert 'data-testid="publish-explained"' in html and "Publishing is a separate, later step" in html


def test_pdf_of_revision_2_carries_its_revision_in_the_header(world, wg_report):
    report = _second_revision(world, wg_report)
    revision = services.approve_report(report=report, by=world.chair, expected_lock=report.lock_version)
    found = words(revision.pdf.read())
    header = [(page, word) for page, _x, y, word in found if y < 68]  # above the 24 mm top margin
    assert (1, "Revision") in header and (1, "2") in header
    first = [(page, w) for page, _x, _y, w in words(services.render_report_pdf(revision.snapshot, draft=False))]
    assert (1, "Revision") in first


def test_pdf_of_revision_1_has_no_revision_line(world, wg_report):
    revision = approve(wg_report, world.chair)
    assert "Revision" not in [w for _p, _x, _y, w in words(revision.pdf.read())]
