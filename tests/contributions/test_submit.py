"""Submitting through the pages: symbols, who may submit where, late refusal and admission."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from contributions import deadlines, services
from contributions.models import AuditEntry, Document, DocumentFile, LateAdmission
from tests.contributions.conftest import BEFORE, DG_DEADLINE, GENEVA, pdf_upload, submit

ONE_SECOND = datetime.timedelta(seconds=1)


def post_submit(client, world, group, title="Views of Saudi Arabia", **extra):
    data = {"group": group.pk, "kind": "contribution", "title": title, "summary": "", "language": "E"}
    data.update(extra)
    data.setdefault("file", pdf_upload())
    return client.post(reverse("contributions:submit", args=[world.meeting.pk]), data)


@pytest.mark.usefixtures("world_ahead")
def test_delegate_submission_gets_a_symbol_at_once(client, world):
    client.force_login(world.ms_delegate)
    response = post_submit(client, world, world.wg)
    doc = Document.objects.get()
    assert doc.symbol == "WG-WSIS-14/1"
    assert list(doc.source_organisations.values_list("short_name", flat=True)) == ["KSA"]
    assert response.url == reverse("contributions:document_detail", args=[doc.pk])
    page = client.get(response.url).content.decode()
    assert "WG-WSIS-14/1" in page and "Views of Saudi Arabia" in page
    assert AuditEntry.objects.get().action == "submitted"


def test_sector_member_is_not_offered_the_dedicated_group(client, world):
    client.force_login(world.sm_delegate)
    page = client.get(reverse("contributions:submit", args=[world.meeting.pk])).content.decode()
    assert "WG-WSIS" in page and "DG-IPP" not in page


def test_sector_member_posting_to_the_dedicated_group_is_refused(client, world):
    client.force_login(world.sm_delegate)
    response = post_submit(client, world, world.dg, title="SM-DG-ATTEMPT")
    assert "Select a valid choice" in response.content.decode()
    assert not Document.objects.exists() and not DocumentFile.objects.exists()


def test_service_refuses_a_group_outside_the_meeting(world):
    from tests.factories import make_group

    other = make_group("OTHER")
    from wsisportal import access

    assert not access.can_submit_to_meeting(world.ms_delegate, world.meeting, other)
    assert access.can_submit_to_meeting(world.ms_delegate, world.meeting, world.dg)
    assert not access.can_submit_to_meeting(world.sm_delegate, world.meeting, world.dg)


@pytest.mark.parametrize(
    ("offset", "accepted"), [(-ONE_SECOND, True), (datetime.timedelta(0), True), (ONE_SECOND, False)]
)
def test_dedicated_group_deadline_is_exact_to_the_second(dg_world, offset, accepted):
    now = DG_DEADLINE + offset
    if accepted:
        assert submit(dg_world, dg_world.ms_delegate, dg_world.dg, now=now).symbol == "WG-WSIS-14/1"
    else:
        with pytest.raises(services.LateSubmissionRefused):
            submit(dg_world, dg_world.ms_delegate, dg_world.dg, now=now)
        assert not Document.objects.exists()


def test_working_group_has_no_rule_so_any_time_until_the_end_of_the_meeting_is_on_time(dg_world):
    last_second = datetime.datetime(2009, 2, 14, 0, 0, tzinfo=DG_DEADLINE.tzinfo) - ONE_SECOND
    assert submit(dg_world, dg_world.ms_delegate, dg_world.wg, now=last_second).symbol == "WG-WSIS-14/1"


def test_late_submission_is_refused_with_the_deadline_and_nothing_stored(client, dg_in_session, settings):
    world = dg_in_session
    client.force_login(world.ms_delegate)
    response = post_submit(client, world, world.dg, title="LATE-MARKER contribution")
    page = response.content.decode()
    assert deadlines.format_moment(world.dg_deadline, GENEVA) in page
    assert "past the deadline" in page and "nothing was stored" in page
    assert not Document.objects.exists() and not DocumentFile.objects.exists()
    # Nothing stored as a document; the chosen file is kept only for the form shown again (kept/).
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*") if p.parent.name != "kept")
    refusal = AuditEntry.objects.get()
    assert refusal.action == "refused_late" and "LATE-MARKER" in refusal.detail and refusal.actor == world.ms_delegate


def test_refusal_shows_the_submitters_own_zone(client, dg_in_session):
    world = dg_in_session
    world.ms_delegate.time_zone = "Asia/Riyadh"
    world.ms_delegate.save()
    client.force_login(world.ms_delegate)
    page = post_submit(client, world, world.dg).content.decode()
    riyadh = world.dg_deadline.astimezone(ZoneInfo("Asia/Riyadh"))
    assert f"{riyadh:%d %b %Y %H:%M:%S} +03 (Asia/Riyadh)" in page


def test_delegate_cannot_admit_their_own_late_document(client, dg_in_session):
    client.force_login(dg_in_session.ms_delegate)
    page = client.get(reverse("contributions:submit", args=[dg_in_session.meeting.pk])).content.decode()
    assert "late_reason" not in page
    post_submit(client, dg_in_session, dg_in_session.dg, late_reason="please")
    assert not Document.objects.exists()


def test_service_refuses_an_exemption_from_a_delegate(dg_world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        submit(dg_world, dg_world.ms_delegate, dg_world.dg, now=DG_DEADLINE + ONE_SECOND, late_reason="x")


def test_secretariat_admits_a_document_requested_in_session(client, dg_in_session):
    world = dg_in_session
    client.force_login(world.secretariat)
    reason = "Requested by the Dedicated Group during the session"
    response = post_submit(
        client, world, world.dg, title="Merged list", late_reason=reason, sources=[world.member_state.pk]
    )
    doc = Document.objects.get()
    admission = LateAdmission.objects.get(document=doc)
    assert (admission.reason, admission.granted_by, admission.on_behalf_of_chair) == (
        reason,
        world.secretariat,
        True,
    )
    assert admission.deadline == world.dg_deadline
    page = client.get(response.url).content.decode()
    assert "Admitted after the deadline" in page and reason in page and world.secretariat.username in page
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {"submitted", "admitted_late"}


def test_working_group_chair_admits_for_the_working_group(dg_world):
    from contributions.models import DeadlineRule

    DeadlineRule.objects.create(group=dg_world.wg, kind="", mode="days", amount=7)
    late = datetime.datetime(2009, 2, 10, 12, tzinfo=datetime.UTC)
    doc = submit(dg_world, dg_world.chair, dg_world.wg, now=late, late_reason="Requested in session")
    assert doc.late_admission.on_behalf_of_chair is False


def test_upload_form_shows_deadline_once_passed(client, dg_world):
    client.force_login(dg_world.ms_delegate)
    page = client.get(reverse("contributions:submit", args=[dg_world.meeting.pk])).content.decode()
    assert "11 Feb 2009 09:00:00 CET (Europe/Zurich)" in page
    assert "The deadline has passed" in page  # today is long after 2009


def test_time_left_is_shown_before_the_deadline(dg_world):
    from contributions import deadlines

    deadline = services.deadline_for_submission(meeting=dg_world.meeting, group=dg_world.dg, kind="contribution")
    assert deadlines.time_left(deadline, DG_DEADLINE - datetime.timedelta(days=2, hours=3)) == "2 days 3 hours"
    assert deadlines.time_left(deadline, DG_DEADLINE + ONE_SECOND) is None


def test_call_for_documents_has_its_own_due_date(dg_world):
    from contributions.models import CallForDocuments

    call = CallForDocuments.objects.create(
        meeting=dg_world.meeting,
        group=dg_world.dg,
        title="Reports",
        due_at=datetime.datetime(2009, 2, 12, 17, 59, 59, tzinfo=datetime.UTC),
    )
    call.addressees.set([dg_world.member_state])
    after_the_rule = datetime.datetime(2009, 2, 12, 12, tzinfo=datetime.UTC)  # past DG_DEADLINE
    doc = submit(dg_world, dg_world.ms_delegate, dg_world.dg, now=after_the_rule, call=call)
    assert doc.call == call
    with pytest.raises(services.LateSubmissionRefused):
        submit(dg_world, dg_world.ms_delegate, dg_world.dg, now=call.due_at + ONE_SECOND, call=call)


def test_secretariat_revises_edits_and_withdraws(client, world):
    doc = submit(world, world.secretariat, world.wg, "Draft Roadmap", now=BEFORE)
    client.force_login(world.secretariat)
    url = reverse("contributions:revise", args=[doc.pk])
    response = client.post(url, {"suffix": "Rev", "title": "Draft Roadmap", "language": "E", "file": pdf_upload()})
    rev = Document.objects.get(parent=doc)
    assert rev.symbol == "WG-WSIS-14/1(Rev.1)" and response.url.endswith(f"/{rev.pk}/")
    client.post(reverse("contributions:edit", args=[doc.pk]), {"title": "Roadmap, third draft", "kind": "draft"})
    client.post(reverse("contributions:withdraw", args=[doc.pk]), {"reason": "superseded by Rev.1"})
    doc.refresh_from_db()
    assert (doc.title, doc.symbol, doc.status) == ("Roadmap, third draft", "WG-WSIS-14/1", "withdrawn")
    page = client.get(reverse("contributions:document_detail", args=[doc.pk])).content.decode()
    assert "was withdrawn" in page and "keeps its symbol" in page and "WG-WSIS-14/1(Rev.1)" in page


def test_delegate_cannot_withdraw(client, world):
    doc = submit(world, world.ms_delegate, world.wg)
    client.force_login(world.ms_delegate)
    response = client.post(reverse("contributions:withdraw", args=[doc.pk]), {"reason": "x"})
    doc.refresh_from_db()
    assert response.status_code == 403 and doc.status == "available"


def test_secretariat_adds_a_language_version(client, world):
    doc = submit(world, world.secretariat, world.wg)
    client.force_login(world.secretariat)
    client.post(reverse("contributions:add_file", args=[doc.pk]), {"language": "F", "file": pdf_upload("fr.pdf")})
    assert sorted(doc.files.values_list("language", flat=True)) == ["E", "F"]
    assert AuditEntry.objects.filter(document=doc, action="file_added").exists()
