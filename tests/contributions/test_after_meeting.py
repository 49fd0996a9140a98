"""After a meeting has ended, only the secretariat adds documents to it, and that is recorded.

The meeting here sits in New York (not UTC, not the portal's default zone): 11-13 Feb 2009, so
it ends at 14 Feb 2009 00:00 EST, 05:00 UTC."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from contributions import deadlines, services
from contributions.models import AuditEntry, DeadlineRule, Document, DocumentFile, LateAdmission
from tests.contributions.conftest import pdf_upload, submit

NEW_YORK = ZoneInfo("America/New_York")
END = datetime.datetime(2009, 2, 14, 0, 0, tzinfo=NEW_YORK)
ONE_SECOND = datetime.timedelta(seconds=1)
SHOWN_END = "14 Feb 2009 00:00:00 EST (America/New_York)"


@pytest.fixture
def ny_world(world):
    world.meeting.time_zone = "America/New_York"
    world.meeting.save()
    return world


def test_meeting_ends_at_the_end_of_its_last_day_in_its_zone(ny_world):
    assert deadlines.meeting_ends_at(ny_world.meeting) == END
    assert deadlines.meeting_ends_at(ny_world.meeting).astimezone(datetime.UTC).hour == 5
    assert not deadlines.has_ended(ny_world.meeting, END - ONE_SECOND)
    assert deadlines.has_ended(ny_world.meeting, END)


# rule?, persona, offset from the end, outcome
TABLE = [
    (False, "ms_delegate", -ONE_SECOND, "accepted"),
    (False, "ms_delegate", datetime.timedelta(0), "ended"),
    (False, "ms_delegate", ONE_SECOND, "ended"),
    (False, "secretariat", -ONE_SECOND, "accepted"),
    (False, "secretariat", datetime.timedelta(0), "after_meeting"),
    (False, "secretariat", ONE_SECOND, "after_meeting"),
    (True, "ms_delegate", -ONE_SECOND, "late"),
    (True, "ms_delegate", datetime.timedelta(0), "ended"),
    (True, "ms_delegate", ONE_SECOND, "ended"),
    (True, "secretariat", -ONE_SECOND, "late"),
    (True, "secretariat", datetime.timedelta(0), "after_meeting"),
    (True, "secretariat", ONE_SECOND, "after_meeting"),
]


@pytest.mark.parametrize(("rule", "persona", "offset", "outcome"), TABLE)
def test_submission_at_the_end_of_the_meeting(ny_world, rule, persona, offset, outcome):
    if rule:  # the working group's rule: 7 calendar days before the opening
        DeadlineRule.objects.create(group=ny_world.wg, kind="", mode="days", amount=7)
    user = getattr(ny_world, persona)
    now = END + offset

    if outcome == "ended":
        with pytest.raises(services.MeetingEnded) as refused:
            submit(ny_world, user, ny_world.wg, "AFTER-END-MARKER", now=now)
        assert SHOWN_END in refused.value.message and "13 Feb 2009" in refused.value.message
        assert "only the secretariat" in refused.value.message
    elif outcome == "late":
        with pytest.raises(services.LateSubmissionRefused):
            submit(ny_world, user, ny_world.wg, "AFTER-END-MARKER", now=now)
    else:
        doc = submit(ny_world, user, ny_world.wg, "AFTER-END-MARKER", now=now)
        assert doc.symbol == "WG-WSIS-14/1" and doc.available_at == now

    actions = sorted(AuditEntry.objects.filter(document__isnull=False).values_list("action", flat=True))
    expected = {"accepted": ["submitted"], "after_meeting": ["after_meeting", "submitted"]}
    assert actions == expected.get(outcome, [])
    if outcome in {"ended", "late"}:
        assert not Document.objects.exists() and not DocumentFile.objects.exists()
    assert not LateAdmission.objects.exists()


def test_after_the_meeting_registration_names_the_end_in_the_audit_log(ny_world):
    doc = submit(ny_world, ny_world.secretariat, ny_world.wg, "List of participants", now=END + ONE_SECOND)
    entry = AuditEntry.objects.get(document=doc, action="after_meeting")
    assert entry.actor == ny_world.secretariat and entry.at == END + ONE_SECOND
    assert SHOWN_END in entry.detail


def test_the_chair_cannot_admit_a_document_after_the_meeting(ny_world):
    with pytest.raises(services.MeetingEnded):
        submit(ny_world, ny_world.chair, ny_world.wg, now=END, late_reason="Requested by the group")
    assert not Document.objects.exists()


def test_the_secretariat_may_still_admit_late_with_a_reason_after_the_meeting(ny_world):
    DeadlineRule.objects.create(group=ny_world.wg, kind="", mode="days", amount=7)
    doc = submit(ny_world, ny_world.secretariat, ny_world.wg, now=END, late_reason="Requested in session")
    assert doc.late_admission.reason == "Requested in session"
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "submitted",
        "admitted_late",
        "after_meeting",
    }


def test_a_delegate_posting_after_the_meeting_reads_when_it_ended(client, world, settings):
    """The 14th meeting (Geneva, 11-13 Feb 2009) ended long ago, and it has no deadline rule."""
    client.force_login(world.ms_delegate)
    page = client.get(reverse("contributions:submit", args=[world.meeting.pk])).content.decode()
    assert 'data-testid="meeting-ended"' in page and "14 Feb 2009 00:00:00 CET (Europe/Zurich)" in page

    response = client.post(
        reverse("contributions:submit", args=[world.meeting.pk]),
        {"group": world.wg.pk, "kind": "contribution", "title": "POST-MEETING-MARKER", "language": "E",
         "file": pdf_upload()},
    )  # fmt: skip

    page = response.content.decode()
    assert "14 Feb 2009 00:00:00 CET (Europe/Zurich)" in page and "only the secretariat" in page
    assert "nothing was stored" in page
    # Nothing stored as a document; the chosen file is kept only for the form shown again (kept/).
    stored = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file() and p.parent.name != "kept"]
    assert not Document.objects.exists() and not stored


def test_the_secretariat_registers_through_the_page_after_the_meeting(client, world):
    client.force_login(world.secretariat)
    response = client.post(
        reverse("contributions:submit", args=[world.meeting.pk]),
        {"group": world.wg.pk, "kind": "information", "title": "List of participants", "language": "E",
         "file": pdf_upload(), "sources": [world.secretariat_unit.pk]},
    )  # fmt: skip
    doc = Document.objects.get()
    assert response.url == reverse("contributions:document_detail", args=[doc.pk])
    audit = client.get(reverse("contributions:audit", args=[world.meeting.pk])).content.decode()
    assert "registered after the meeting ended" in audit and "14 Feb 2009 00:00:00 CET" in audit
