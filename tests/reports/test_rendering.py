"""The report's block tree as Jinja2 macros (reports/rendering.py, jinja2/reports/blocks.html)
prints byte for byte what the Django templates printed before it.

The reference renderer is those Django templates, copied unchanged from main (46b31d6) into
tests/reports/reference/ (only their include paths shortened), rendered from what the old views
gave them: the working copy with its comments and comment form, or the approved revision's
snapshot. Each page is requested as a persona and its document (`<div class="r-screen">`) is
compared with the reference; only the CSRF token differs between two renders, so it is masked.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import Context, Engine
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from meetings.models import User
from reports import services
from reports.document import draft_with_comments
from reports.forms import CommentForm
from reports.models import BlockComment, Report
from tests.demo_snapshot import load_demo
from tests.reports.factories import circulate, make_block, make_report, make_revision, make_section
from wsisportal import access

REFERENCE = Engine(
    dirs=[Path(__file__).resolve().parent / "reference"],
    libraries={
        "i18n": "django.templatetags.i18n",
        "crispy_forms_tags": "crispy_forms.templatetags.crispy_forms_tags",
    },
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
SCREEN = re.compile(r'<div class="r-screen">(.*?</article>\n)</div>', re.S)
TRICKY = 'O\'Brien & "Sons" <b>'  # quotes are where Django's escaping and markupsafe's differ


def _reference(user, report, csrf="token"):
    """The document as the Django templates rendered it for `user` (the old report_detail)."""
    if access.can_view_report_draft(user, report) and not report.is_frozen:
        doc = draft_with_comments(report, user)  # the data, as the view reads it; the rendering is compared
        form = CommentForm() if access.can_comment_on_report(user, report) else None
        context = {"doc": doc, "comment_form": form, "csrf_token": csrf}
    else:
        revisions = [r for r in report.revisions.order_by("-number") if access.can_view_report_revision(user, r)]
        context = {"doc": revisions[0].snapshot}
    return REFERENCE.get_template("document.html").render(Context(context))


def _shown(client, report):
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    return SCREEN.search(page).group(1)


def _masked(html):
    return CSRF.sub('name="csrfmiddlewaretoken" value="…"', html)


def _assert_same(client, user, report):
    if user.is_authenticated:
        client.force_login(user)
    shown = _shown(client, report)
    assert _masked(shown) == _masked(_reference(user, report))
    return shown


@pytest.fixture
def full_report(world):
    """A circulated WG report with every kind of block, nested, numbered and not, text that must be
    escaped, comments, and the Dedicated Group's report as its annex; it cites a document."""
    report = make_report(world.meeting, title=f"Report {TRICKY}", symbol="WG-WSIS-14/20", signature="The Chair")
    opening = make_section(report, f"Opening {TRICKY}")
    make_block(
        report, opening, body="<p>Document WG-WSIS-14/3 was presented.</p><ul><li>one<ol><li>a</li></ol></li></ul>"
    )
    make_block(report, opening, body="<p>An unnumbered remark.</p>", numbered=False)
    heading = make_block(report, opening, kind="heading", title=f"Sub-heading {TRICKY}", body="<p>Intro.</p>")
    make_block(report, heading, body="<p>Nested paragraph.</p>")
    make_block(report, heading, kind="statement", delegation=world.member_state, lead="", verbatim=False,
               body=f"<p>Reported {TRICKY}.</p>")  # fmt: skip
    work = make_section(report, "Work", numbered=False)
    make_block(report, work, kind="statement", delegation=world.member_state, lead="Saudi Arabia stated",
               verbatim=True, body="<p>We support the roadmap.</p>")  # fmt: skip
    make_block(report, work, kind="decision", body="<p>The group agreed.</p>")
    make_block(report, work, kind="proposal", body="<p>Council is invited to note.</p>")
    owners = [world.secretariat_unit, world.member_state]
    make_block(report, work, kind="action", body="<p>Report back.</p>", owners=owners, owners_note=TRICKY,
               due_date=datetime.date(2009, 5, 15))  # fmt: skip
    make_block(report, work, kind="action", body="<p>Carry on.</p>", owners=[world.secretariat_unit],
               due_next_meeting=True)  # fmt: skip
    annex = make_report(world.meeting, group=world.dg, title="DG report", annexed_to=report, place_and_date="Geneva")
    make_block(annex, make_section(annex, "Conclusion"), body="<p>DG paragraph.</p>")
    report = circulate(report)
    for block in report.blocks.filter(kind__in=["paragraph", "decision"]):
        services.comment_on_block(block=block, author=world.ms_delegate, text=f"Comment {TRICKY}")
    return Report.objects.get(pk=report.pk)


@pytest.mark.parametrize("persona", ["secretariat", "ms_delegate", "sm_delegate", "chair"])
def test_working_copy_is_what_the_django_templates_printed(world, client, full_report, persona):
    shown = _assert_same(client, world.personas[persona], full_report)
    assert "Comment O&#x27;Brien &amp; &quot;Sons&quot; &lt;b&gt;" in shown  # Django's escaping
    assert 'data-testid="action-meta">Action: SG, ' in shown and "due 15 May 2009" in shown
    assert ("DG paragraph." in shown) == (persona != "sm_delegate")


def test_comment_form_on_every_paragraph_for_a_member(world, client, full_report):
    shown = _assert_same(client, world.ms_delegate, full_report)
    paragraphs = full_report.blocks.exclude(kind="section").count()
    assert shown.count('<details class="r-comment-form">') == paragraphs
    assert shown.count("Comment on this paragraph") == paragraphs


@pytest.mark.parametrize("persona", ["anonymous", "ms_delegate", "sm_delegate", "secretariat"])
def test_published_revision_is_what_the_django_templates_printed(world, client, full_report, persona):
    make_revision(full_report, world.chair, published=True)
    shown = _assert_same(client, world.personas[persona], full_report)
    assert "Nested paragraph." in shown and "r-comment-form" not in shown


@pytest.mark.parametrize("persona", ["secretariat", "ms_delegate"])
def test_french_page_is_what_the_django_templates_printed(world, client, full_report, persona):
    user = world.personas[persona]
    user.language = "fr"
    user.save(update_fields=["language"])
    with translation.override("fr"):
        shown = _assert_same(client, user, full_report)
    assert "Annexe" in shown


@pytest.mark.parametrize("persona", ["anonymous", "ms-delegate", "sm-delegate", "secretariat", "chair"])
def test_demo_reports_are_what_the_django_templates_printed(db, client, persona):
    load_demo()
    user = User.objects.filter(username=persona).first() or AnonymousUser()
    compared = 0
    for report in Report.objects.order_by("pk"):
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        response = client.get(reverse("reports:report_detail", args=[report.pk]))
        if response.status_code != 200 or b'class="r-screen"' not in response.content:
            continue  # not theirs to read, or seen only as a released annex
        assert _masked(SCREEN.search(response.content.decode()).group(1)) == _masked(_reference(user, report))
        compared += 1
    assert compared >= 1


def _count_queries(client, report):
    with CaptureQueriesContext(connection) as captured:
        assert "r-screen" in client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", ["secretariat", "ms_delegate"])
@pytest.mark.parametrize("approved", [False, True])
def test_report_page_queries_do_not_grow_with_blocks(world, client, settings, persona, approved):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    client.force_login(world.personas[persona])
    report = make_report(world.meeting, title="Growing")
    section = make_section(report, "Only")
    make_block(report, section, kind="action", owners=[world.secretariat_unit], due_next_meeting=True)
    other = make_report(world.meeting, group=world.dg, title="Annexed", annexed_to=report)
    make_section(other, "A")
    report = circulate(report)
    services.comment_on_block(block=report.blocks.get(kind="action"), author=world.ms_delegate, text="First")
    if approved:
        make_revision(report, world.chair)
    one = _count_queries(client, report)
    for n in range(30):
        parent = make_section(report, f"S{n}")
        make_block(report, make_block(report, parent, kind="heading", title="H"), kind="action",
                   owners=[world.member_state], due_date=datetime.date(2009, 5, 15))  # fmt: skip
        make_block(other, make_section(other, f"A{n}"))
    for block in report.blocks.exclude(kind__in=["section", "heading"]):
        BlockComment.objects.create(block=block, author=world.ms_delegate, text="More", revision=1)
    if approved:
        Report.objects.filter(pk=report.pk).update(revision=report.revision + 1)
        report.refresh_from_db()
        make_revision(report, world.chair)
    assert _count_queries(client, report) == one
