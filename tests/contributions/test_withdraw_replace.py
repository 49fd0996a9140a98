"""A delegate withdraws, or replaces the file of, their own organisation's document until its
deadline; the secretariat at any time. The symbol stays allocated; the audit log records it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contributions import services
from contributions.models import AuditEntry, Document
from tests.contributions.conftest import DG_DEADLINE, pdf_upload, submit
from tests.factories import make_user
from wsisportal import access

ONE_SECOND = datetime.timedelta(seconds=1)

# who, when (relative to the Dedicated Group's deadline of 11 Feb 2009 09:00 CET), may they
CASES = [
    ("own-delegate-one-second-before", "ms_delegate", -ONE_SECOND, True),
    ("own-delegate-at-the-deadline", "ms_delegate", datetime.timedelta(0), True),
    ("own-delegate-one-second-after", "ms_delegate", ONE_SECOND, False),
    ("colleague-of-same-organisation-before", "ms_colleague", -ONE_SECOND, True),
    ("other-member-state-before", "chair", -ONE_SECOND, False),
    ("sector-member-before", "sm_delegate", -ONE_SECOND, False),  # may not even see it
    ("secretariat-long-after", "secretariat", datetime.timedelta(days=400), True),
    ("anonymous-before", "anonymous", -ONE_SECOND, False),
]


@pytest.mark.parametrize(("name", "who", "offset", "may"), CASES, ids=[c[0] for c in CASES])
def test_who_may_withdraw_or_replace_until_the_deadline(dg_world, name, who, offset, may):
    doc = submit(dg_world, dg_world.ms_delegate, dg_world.dg, "Internet policy issues")
    user = make_user(dg_world.member_state, "ms2") if who == "ms_colleague" else getattr(dg_world, who)
    assert access.can_withdraw_or_replace(user, doc, now=DG_DEADLINE + offset) is may


def test_without_a_rule_until_the_meeting_ends(world):
    doc = submit(world, world.ms_delegate, world.wg)  # WG-WSIS has no rule in this world
    end = datetime.datetime(2009, 2, 14, 0, 0, tzinfo=world.meeting.zone)
    assert access.can_withdraw_or_replace(world.ms_delegate, doc, now=end - ONE_SECOND)
    assert not access.can_withdraw_or_replace(world.ms_delegate, doc, now=end)


def test_a_withdrawn_document_changes_no_more(dg_world):
    doc = submit(dg_world, dg_world.ms_delegate, dg_world.dg)
    services.withdraw_document(document=doc, by=dg_world.ms_delegate, reason="Sent twice")
    assert not access.can_withdraw_or_replace(dg_world.ms_delegate, doc, now=DG_DEADLINE - ONE_SECOND)
    assert not access.can_withdraw_or_replace(dg_world.secretariat, doc, now=DG_DEADLINE - ONE_SECOND)


@pytest.fixture
def meeting_to_come(world):
    """The 14th meeting moved a month ahead, so the real clock is before its end."""
    start = timezone.localdate() + datetime.timedelta(days=30)
    world.meeting.start_date, world.meeting.end_date = start, start + datetime.timedelta(days=2)
    world.meeting.save()
    return world


def test_delegate_withdraws_through_the_page(client, meeting_to_come):
    world = meeting_to_come
    doc = submit(world, world.ms_delegate, world.wg, "Our contribution", now=timezone.now())
    client.force_login(world.ms_delegate)
    page = client.get(reverse("contributions:document_detail", args=[doc.pk])).content.decode()
    assert 'data-testid="change-until"' in page
    client.post(reverse("contributions:withdraw", args=[doc.pk]), {"reason": "Sent by mistake"})
    doc.refresh_from_db()
    assert (doc.status, doc.symbol, doc.withdrawn_reason) == ("withdrawn", "WG-WSIS-14/1", "Sent by mistake")
    entry = AuditEntry.objects.get(document=doc, action="withdrawn")
    assert (entry.actor, entry.detail) == (world.ms_delegate, "Sent by mistake")
    page = client.get(reverse("contributions:document_detail", args=[doc.pk])).content.decode()
    assert 'data-testid="status-withdrawn"' in page and 'data-testid="withdraw-form"' not in page
    register = client.get(reverse("contributions:register", args=[world.meeting.pk])).content.decode()
    assert "WG-WSIS-14/1" in register and 'data-testid="status-withdrawn"' in register
    # The symbol stays allocated: the next submission is /2.
    assert submit(world, world.ms_delegate, world.wg, "Next", now=timezone.now()).symbol == "WG-WSIS-14/2"


def test_delegate_replaces_the_file_and_the_earlier_one_is_kept(client, meeting_to_come):
    world = meeting_to_come
    doc = submit(world, world.ms_delegate, world.wg, "Our contribution", now=timezone.now())
    before = doc.files.get()
    client.force_login(world.ms_delegate)
    client.post(
        reverse("contributions:replace_file", args=[doc.pk]),
        {"language": "E", "file": pdf_upload("corrected.pdf", text="Corrected text")},
    )
    after = doc.files.get()
    assert after.original_filename == "corrected.pdf" and after.sha256 != before.sha256
    assert after.file.storage.exists(before.file.name)  # the earlier file is not lost
    entry = AuditEntry.objects.get(document=doc, action="file_replaced")
    assert before.file.name in entry.detail and entry.actor == world.ms_delegate
    assert Document.objects.get(pk=doc.pk).symbol == "WG-WSIS-14/1"


def test_replacing_with_a_bad_file_changes_nothing(client, meeting_to_come):
    from django.core.files.uploadedfile import SimpleUploadedFile

    world = meeting_to_come
    doc = submit(world, world.ms_delegate, world.wg, now=timezone.now())
    before = doc.files.get()
    client.force_login(world.ms_delegate)
    response = client.post(
        reverse("contributions:replace_file", args=[doc.pk]),
        {"language": "E", "file": SimpleUploadedFile("x.pdf", b"\x00\x01\x02binary", "application/pdf")},
        follow=True,
    )
    assert "not an accepted type" in response.content.decode()
    assert doc.files.get().sha256 == before.sha256
    assert not AuditEntry.objects.filter(action="file_replaced").exists()


def test_another_organisation_cannot_withdraw(client, meeting_to_come):
    world = meeting_to_come
    doc = submit(world, world.ms_delegate, world.wg, now=timezone.now())
    client.force_login(world.sm_delegate)
    assert client.post(reverse("contributions:withdraw", args=[doc.pk]), {"reason": "x"}).status_code == 403
    assert client.post(reverse("contributions:replace_file", args=[doc.pk]), {"language": "E"}).status_code == 403
    doc.refresh_from_db()
    assert doc.status == "available"
