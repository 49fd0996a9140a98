"""Notices: written with the change they announce, shown in the inbox through the policy, mailed
after the commit from an outbox that keeps what a down mail server could not take."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from contributions.models import Subscription
from inbox import notices
from inbox.models import Notification, NotificationKind, OutgoingMail
from inbox.services import deliver_pending, unread_count
from meetings import services as meeting_services
from meetings.models import OrganisationKind
from reports.models import ReportStatus
from tests.contributions.conftest import submit
from tests.factories import make_organisation, make_user
from tests.meetings.conftest import make_agenda
from tests.reports.factories import circulate, make_report
from wsisportal import access, request_memo


class DownBackend:
    """An e-mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_submission_notice_is_in_the_inbox_and_mailed_after_commit(world, django_capture_on_commit_callbacks):
    Subscription.objects.create(user=world.sm_delegate, group=world.wg)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        doc = submit(world, world.ms_delegate, world.wg, "Roadmap of the Action Lines")
        assert OutgoingMail.objects.get().sent_at is None  # written with the document, not sent yet
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    note = Notification.objects.get()
    assert (note.recipient, note.kind, note.url) == (
        world.sm_delegate,
        NotificationKind.DOCUMENT,
        f"/documents/{doc.pk}/",
    )
    assert note.subject == f"New document {doc.symbol}: Roadmap of the Action Lines"
    assert [m.to for m in mail.outbox] == [[world.sm_delegate.email]]
    assert OutgoingMail.objects.get().sent_at is not None


def test_a_mail_server_that_is_down_loses_nothing(world, settings, django_capture_on_commit_callbacks):
    Subscription.objects.create(user=world.sm_delegate, group=world.wg)
    settings.EMAIL_BACKEND = "tests.inbox.test_notifications.DownBackend"
    with django_capture_on_commit_callbacks(execute=True):
        submit(world, world.ms_delegate, world.wg)
    pending = OutgoingMail.objects.get()
    assert (pending.sent_at, pending.attempts) == (None, 1)
    assert "SMTPServerDisconnected" in pending.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_notifications", stdout=open("/dev/null", "w"))
    call_command("send_notifications", stdout=open("/dev/null", "w"))  # again: nothing twice
    pending.refresh_from_db()
    assert pending.sent_at is not None and pending.attempts == 2 and pending.last_error == ""
    assert len(mail.outbox) == 1


def test_deliver_pending_sends_each_mail_once(world):
    Subscription.objects.create(user=world.sm_delegate, group=world.wg)
    submit(world, world.ms_delegate, world.wg)  # the on-commit delivery is not run in this test
    assert deliver_pending() == (1, 0)
    assert deliver_pending() == (0, 0)
    assert len(mail.outbox) == 1


def test_a_rolled_back_change_tells_nobody(world):
    Subscription.objects.create(user=world.sm_delegate, group=world.wg)
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(world, world.ms_delegate, world.wg)
        raise RuntimeError("the request failed after the submission")
    assert not Notification.objects.exists() and not OutgoingMail.objects.exists()


def test_dedicated_group_report_is_announced_to_member_states_only(world):
    report = make_report(world.meeting, group=world.dg, title="Report of the Dedicated Group")
    circulate(report)
    told = set(
        Notification.objects.filter(kind=NotificationKind.REPORT_CIRCULATED).values_list(
            "recipient__username", flat=True
        )
    )
    assert {"ms", "chairperson", "sec"} <= told
    assert "sm" not in told


def test_agenda_circulated_and_adopted_reach_the_group(world):
    agenda = make_agenda(world.meeting)
    meeting_services.circulate_agenda(agenda=agenda, revision=agenda.revision)
    agenda.refresh_from_db()
    meeting_services.adopt_agenda(
        agenda=agenda,
        revision=agenda.revision,
        user=world.chair,
        adopted_as="drafted",
        adopted_on=datetime.date(2009, 2, 11),
        on_behalf_of_chair=False,
    )
    circulated = set(
        Notification.objects.filter(kind=NotificationKind.AGENDA_CIRCULATED).values_list(
            "recipient__username", flat=True
        )
    )
    adopted = set(
        Notification.objects.filter(kind=NotificationKind.AGENDA_ADOPTED).values_list("recipient__username", flat=True)
    )
    assert {"sm", "ms", "chairperson", "sec"} <= circulated
    assert "chairperson" not in adopted and {"sm", "ms"} <= adopted  # the chair who adopted it is not told


def test_inbox_shows_a_restricted_notice_only_while_the_reader_may_see_its_group(world, client):
    report = make_report(world.meeting, group=world.dg, title="Report of the Dedicated Group")
    circulate(report)
    client.force_login(world.ms_delegate)
    page = client.get("/inbox/").content.decode()
    assert "Circulated for comment: Report of the Dedicated Group" in page
    # Saudi Arabia's delegate moves to a Sector Member: the Dedicated Group's notice goes from view.
    world.ms_delegate.organisation = make_organisation(OrganisationKind.SECTOR_MEMBER, "Other SM", short_name="OSM")
    world.ms_delegate.save()
    page = client.get("/inbox/").content.decode()
    assert "Report of the Dedicated Group" not in page
    note = Notification.objects.get(recipient=world.ms_delegate)
    assert client.post(f"/inbox/{note.pk}/open/").status_code == 404


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(world, client):
    report = make_report(world.meeting, title="Report of the 14th meeting")
    circulate(report)
    note = Notification.objects.get(recipient=world.sm_delegate)
    client.force_login(world.sm_delegate)
    assert 'data-testid="unread-count">1<' in client.get("/inbox/").content.decode()
    response = client.post(f"/inbox/{note.pk}/open/")
    assert response["Location"] == f"/reports/{report.pk}/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert 'data-testid="unread-count"' not in client.get("/inbox/").content.decode()


def test_another_users_notice_cannot_be_opened(world, client):
    circulate(make_report(world.meeting))
    note = Notification.objects.get(recipient=world.sm_delegate)
    client.force_login(world.ms_delegate)
    assert client.post(f"/inbox/{note.pk}/open/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read(world, client):
    circulate(make_report(world.meeting))
    notices.agenda_circulated(agenda=make_agenda(world.meeting, status="circulated"))
    client.force_login(world.sm_delegate)
    assert unread_count(world.sm_delegate) == 2
    client.post("/inbox/read/")
    assert unread_count(world.sm_delegate) == 0


@pytest.mark.parametrize("count", [1, 6])
def test_unread_count_is_one_small_query(world, count):
    report = make_report(world.meeting)
    report.status = ReportStatus.CIRCULATED
    for _ in range(count):
        notices.report_event(report=report, kind=NotificationKind.REPORT_CIRCULATED)
    token = request_memo._memo.set({})  # as in a request, where the page has already read the groups
    try:
        access.visible_group_ids(world.sm_delegate)
        with CaptureQueriesContext(connection) as queries:
            assert unread_count(world.sm_delegate) == count
    finally:
        request_memo._memo.reset(token)
    assert len(queries) == 1


def test_header_costs_the_same_for_one_unread_notice_or_many(world, client):
    report = make_report(world.meeting)
    report.status = ReportStatus.CIRCULATED
    client.force_login(world.sm_delegate)

    def queries_for_home():
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        return len(queries)

    notices.report_event(report=report, kind=NotificationKind.REPORT_CIRCULATED)
    one = queries_for_home()
    for _ in range(5):
        notices.report_event(report=report, kind=NotificationKind.REPORT_CIRCULATED)
    assert 'data-testid="unread-count">6<' in client.get("/").content.decode()
    assert queries_for_home() == one


def test_inbox_page_query_count_is_the_same_for_one_notice_or_many(world, client):
    report = make_report(world.meeting)
    report.status = ReportStatus.CIRCULATED
    client.force_login(world.sm_delegate)

    def inbox_queries(expected):
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/inbox/").content.decode()
        assert page.count('data-testid="notice"') == expected
        return len(queries)

    notices.report_event(report=report, kind=NotificationKind.REPORT_CIRCULATED)
    one = inbox_queries(1)
    for _ in range(7):
        notices.report_event(report=report, kind=NotificationKind.REPORT_CIRCULATED)
    assert inbox_queries(8) == one


def test_call_for_documents_reaches_its_addressees(world):
    from contributions.models import CallForDocuments

    call = CallForDocuments.objects.create(
        meeting=world.meeting,
        group=world.wg,
        title="Contributions on the roadmap",
        due_at=datetime.datetime(2009, 5, 15, 22, 0, tzinfo=datetime.UTC),
    )
    call.addressees.set([world.member_state])
    other = make_user(world.member_state, "ms2")
    notices.call_announced(call=call)
    told = set(Notification.objects.filter(kind=NotificationKind.CALL).values_list("recipient__username", flat=True))
    assert told == {"ms", "formervc", other.username}
    assert (
        Notification.objects.filter(kind=NotificationKind.CALL).first().url
        == f"/documents/meetings/{world.meeting.pk}/submit/"
    )
