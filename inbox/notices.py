"""The notices the portal sends: who is concerned by each event, what they read, where it links.

Each function is called by the service that makes the change, inside its transaction (see
services.notify). Recipients are the group's audience (access.group_audience) narrowed by the
noun's own predicate, so a restricted group's notice reaches only those who may see the thing.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wsisportal import access

from .models import NotificationKind
from .services import notify, simple_render


def _audience(group, can_see, *, exclude=None):
    return [u for u in access.group_audience(group) if u != exclude and can_see(u)]


def agenda_circulated(*, agenda, by=None):
    meeting = agenda.meeting
    path = reverse("meetings:agenda_detail", args=[agenda.pk])
    subject = format_lazy(_("Draft agenda circulated: {meeting}"), meeting=meeting)
    text = format_lazy(_("The draft agenda of {meeting} has been circulated."), meeting=meeting)
    notify(
        recipients=_audience(meeting.group, lambda u: access.can_view_agenda(u, agenda), exclude=by),
        kind=NotificationKind.AGENDA_CIRCULATED,
        group=meeting.group,
        path=path,
        render=simple_render(subject, text, path),
    )


def agenda_adopted(*, agenda, by=None):
    meeting = agenda.meeting
    path = reverse("meetings:agenda_detail", args=[agenda.pk])
    subject = format_lazy(_("Agenda adopted: {meeting}"), meeting=meeting)
    text = format_lazy(_("The agenda of {meeting} has been adopted."), meeting=meeting)
    notify(
        recipients=_audience(meeting.group, lambda u: access.can_view_agenda(u, agenda), exclude=by),
        kind=NotificationKind.AGENDA_ADOPTED,
        group=meeting.group,
        path=path,
        render=simple_render(subject, text, path),
    )


REPORT_EVENTS = {
    NotificationKind.REPORT_CIRCULATED: (
        _("Circulated for comment: {title}"),
        _("“{title}” ({meeting}) is circulated for comment. You can comment on each paragraph."),
    ),
    NotificationKind.REPORT_APPROVED: (
        _("Approved: {title}"),
        _("“{title}” ({meeting}) has been approved by the chair."),
    ),
    NotificationKind.REPORT_PUBLISHED: (
        _("Published: {title}"),
        _("“{title}” ({meeting}) has been published."),
    ),
}


def report_event(*, report, kind, by=None):
    """A report circulated, approved or published: its group's members who may read it now."""
    subject, text = (format_lazy(s, title=report.title, meeting=report.meeting) for s in REPORT_EVENTS[kind])
    path = reverse("reports:report_detail", args=[report.pk])
    can_see = access.can_view_report_draft if kind == NotificationKind.REPORT_CIRCULATED else access.can_view_report
    notify(
        recipients=_audience(report.group, lambda u: can_see(u, report), exclude=by),
        kind=kind,
        group=report.group,
        path=path,
        render=simple_render(subject, text, path),
    )


def document_available(*, document):
    """A new document (or revision): each subscriber of its group who may see it."""
    from contributions.models import Subscription, Suffix
    from contributions.titles import title_for

    subs = Subscription.objects.filter(group=document.group, user__is_active=True).select_related("user__organisation")
    path = reverse("contributions:document_detail", args=[document.pk])

    def render(user):
        context = {
            "document": document,
            "url": settings.PORTAL_URL + path,
            "revised": document.suffix != Suffix.NONE,
            "user": user,
            "title": title_for(document, translation.get_language()),
        }
        return (
            render_to_string("contributions/email/subject.txt", context).strip(),
            render_to_string("contributions/email/document_available.txt", context),
        )

    notify(
        recipients=[s.user for s in subs if access.can_view_document(s.user, document)],
        kind=NotificationKind.DOCUMENT,
        group=document.group,
        path=path,
        render=render,
    )


def call_announced(*, call):
    """A call for documents: the users of the organisations it is addressed to (of the whole
    group's audience when it names none) who may see the group's content."""
    addressees = {o.pk for o in call.addressees.all()}
    path = reverse("contributions:submit", args=[call.meeting_id])
    subject = format_lazy(_("Call for documents: {title}"), title=call.title)
    text = format_lazy(
        _("{title}: documents for {meeting} are requested not later than {due}."),
        title=call.title,
        meeting=call.meeting,
        due=call.due_at.astimezone(call.meeting.zone).strftime("%d %b %Y %H:%M %Z"),
    )
    notify(
        recipients=[
            u
            for u in access.group_audience(call.group)
            if (not addressees or u.organisation_id in addressees) and access.can_view_group_content(u, call.group)
        ],
        kind=NotificationKind.CALL,
        group=call.group,
        path=path,
        render=simple_render(subject, text, path),
    )


def action_coming_due(*, block, users, now=None):
    """An action item due soon: the users of the organisations it is assigned to."""
    report = block.report
    path = reverse("reports:report_detail", args=[report.pk]) + f"#block-{block.pk}"
    subject = format_lazy(_("Action item due on {due}: {report}"), due=block.due_date, report=report.title)
    what = block.title or " ".join(strip_tags(block.body).split())[:200]
    text = format_lazy(_("An action item of “{report}” is due on {due}: {what}"), report=report.title,
                       due=block.due_date, what=what)  # fmt: skip
    return notify(
        recipients=users,
        kind=NotificationKind.ACTION_DUE,
        group=report.group,
        path=path,
        render=simple_render(subject, text, path),
        now=now,
    )
