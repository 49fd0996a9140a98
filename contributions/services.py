"""Multi-row actions on documents. Each runs in one transaction and lists its side effects."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wsisportal import access, languages

from . import deadlines, numbering, uploads
from .models import (
    AuditAction,
    AuditEntry,
    DeadlineRule,
    Document,
    DocumentFile,
    DocumentTitle,
    LateAdmission,
    Subscription,
    Suffix,
)
from .titles import title_for


class SubmissionRefused(Exception):
    """The document was not accepted: nothing was stored. `message` says why, for the submitter."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class LateSubmissionRefused(SubmissionRefused):
    """The deadline has passed: nothing was stored; the refusal is in the audit log."""

    def __init__(self, message, deadline):
        super().__init__(message)
        self.deadline = deadline


class MeetingEnded(SubmissionRefused):
    """The meeting has ended and the submitter is not the secretariat: nothing was stored."""


class AlreadySubmitted(Exception):
    """The submitter already submitted with this key: `document` is what that created."""

    def __init__(self, document):
        super().__init__(document.symbol)
        self.document = document


def deadline_for_submission(*, meeting, group, kind, call=None):
    """The Deadline (or None) for a document of `kind` for `group` at `meeting`."""
    rules = list(DeadlineRule.objects.filter(group=group))
    sessions = list(meeting.sessions.all())
    for session in sessions:
        session.meeting = meeting  # starts_at needs the zone; avoid a query per session
    rule = deadlines.rule_for(rules, group, kind)
    return deadlines.deadline_for(rule=rule, meeting=meeting, group=group, sessions=sessions, call=call)


def record_refusal(*, meeting, group, by, title, deadline, now):
    """Side effects: one AuditEntry (refused_late), committed on its own."""
    with transaction.atomic():
        AuditEntry.objects.create(
            meeting=meeting,
            group=group,
            action=AuditAction.REFUSED_LATE,
            actor=by,
            at=now,
            detail=_("“%(title)s” from %(org)s, %(late)s after the deadline of %(deadline)s")
            % {
                "title": title,
                "org": by.organisation or by.username,
                "late": deadlines.describe_span(now - deadline.at),
                "deadline": deadlines.format_moment(deadline.at, deadline.zone),
            },
        )


def submit_document(
    *,
    meeting,
    group,
    submitted_by,
    title,
    kind,
    files,
    summary="",
    sources=(),
    agenda_items=(),
    call=None,
    parent=None,
    suffix="",
    late_reason="",
    submission_key=None,
    now=None,
):
    """Submit a new document (or a revision/addendum/corrigendum of `parent`) with its files.

    `files` is a list of (language, UploadedFile, display name, content type), already validated.
    `submission_key` is the form's one-time key: if this submitter already used it, AlreadySubmitted
    names the document it created, and nothing else happens (checked first, and guaranteed by the
    database's unique constraint when two copies arrive at once).
    Refusals, with nothing stored: MeetingEnded after the meeting's end unless the submitter is the
    secretariat; if late and not admitted, LateSubmissionRefused and an AuditEntry (refused_late).
    Otherwise: a symbol allocated (counter row locked), a Document, its DocumentFiles stored under
    random names, a LateAdmission if admitted, AuditEntries (and one recording a registration after
    the meeting's end), and after commit a task (a worker's) that emails each subscriber who may see it.
    On any failure, no row and no stored file remain; a store that fails raises StorageFailed.
    """
    now = now or timezone.now()
    if parent is not None:
        meeting, group, kind = parent.meeting, parent.group, parent.kind
    _refuse_a_repeat(submitted_by, submission_key)
    deadline, late, after_meeting = _check_admissible(meeting, group, kind, call, submitted_by, title, late_reason, now)
    stored = []
    try:
        with transaction.atomic():
            doc = _create_document(
                meeting, group, submitted_by, title, summary, kind, call, parent, suffix, submission_key, now
            )
            doc.source_organisations.set(sources)
            doc.agenda_items.set(agenda_items)
            for language, upload, name, content_type in files:
                stored.append(_store_file(doc, language, upload, name, content_type, submitted_by, now).file.name)
            _audit(doc, AuditAction.REVISED if parent else AuditAction.SUBMITTED, submitted_by, now, title)
            if late and late_reason:
                _admit(doc, deadline, late_reason, submitted_by, now)
            if after_meeting:
                _audit(doc, AuditAction.REGISTERED_AFTER_MEETING, submitted_by, now, _after_meeting_detail(meeting))
            transaction.on_commit(lambda: _enqueue_notices(doc.pk))
    except BaseException as exc:
        uploads.delete_stored(stored)
        if isinstance(exc, IntegrityError):
            _refuse_a_repeat(submitted_by, submission_key)  # the copy that came in at the same time won
        raise
    return doc


def _check_admissible(meeting, group, kind, call, by, title, late_reason, now):
    """(deadline, late, after the meeting) for a submission that may go ahead; else the refusal
    raised. After the meeting's end the secretariat's registration is recorded instead of the
    deadline being applied; a late reason still records a late admission."""
    after_meeting = deadlines.has_ended(meeting, now)
    if after_meeting and not access.can_register_after_meeting(by, meeting):
        raise MeetingEnded(deadlines.meeting_ended_message(meeting))
    deadline = deadline_for_submission(meeting=meeting, group=group, kind=kind, call=call)
    late = not deadlines.is_on_time(deadline, now)
    if late_reason and not access.can_admit_late(by, group, now=now):
        raise PermissionDenied(_("Only the chair or the secretariat can admit a late document."))
    if late and not late_reason and not after_meeting:
        record_refusal(meeting=meeting, group=group, by=by, title=title, deadline=deadline, now=now)
        raise LateSubmissionRefused(deadlines.refusal_message(deadline, now, by), deadline)
    return deadline, late, after_meeting


def _refuse_a_repeat(user, key):
    """Raise AlreadySubmitted if `user` submitted with `key` before. Another user's key matches
    nothing here, so it neither finds nor reveals their document."""
    if key is None:
        return
    earlier = Document.objects.filter(submitted_by=user, submission_key=key).first()
    if earlier is not None:
        raise AlreadySubmitted(earlier)


def _after_meeting_detail(meeting):
    return _("registered after the meeting ended (%(end)s)") % {
        "end": deadlines.format_moment(deadlines.meeting_ends_at(meeting), meeting.zone)
    }


def _create_document(meeting, group, by, title, summary, kind, call, parent, suffix, submission_key, now):
    series = numbering.series_for(group, meeting)
    if parent is None:
        number, suffix, suffix_number = numbering.allocate_number(series), "", None
    else:
        series, number = parent.series, parent.number
        suffix_number = numbering.allocate_suffix_number(parent, suffix)
    return Document.objects.create(
        meeting=meeting,
        group=group,
        series=series,
        number=number,
        parent=parent,
        suffix=suffix,
        suffix_number=suffix_number,
        symbol=numbering.format_symbol(series, number, suffix, suffix_number),
        title=title,
        summary=summary,
        kind=kind,
        submitted_by=by,
        available_at=now,
        call=call,
        submission_key=submission_key,
    )


def _store_file(doc, language, upload, name, content_type, by, now):
    digest = uploads.sha256_of(upload)
    size = upload.size
    stored_name = uploads.store(upload, content_type)
    try:
        return DocumentFile.objects.create(
            document=doc,
            language=language,
            file=stored_name,
            size=size,
            sha256=digest,
            content_type=content_type,
            original_filename=name,
            uploaded_by=by,
            uploaded_at=now,
        )
    except BaseException:
        uploads.delete_stored([stored_name])
        raise


def _admit(doc, deadline, reason, by, now):
    LateAdmission.objects.create(
        document=doc,
        deadline=deadline.at,
        reason=reason,
        granted_by=by,
        granted_at=now,
        on_behalf_of_chair=not access.is_current_officer(by, doc.group, now=now),
    )
    _audit(doc, AuditAction.ADMITTED_LATE, by, now, _("requested by the group during the session: %s") % reason)


def _audit(doc, action, by, now, detail=""):
    AuditEntry.objects.create(
        meeting=doc.meeting, group=doc.group, document=doc, action=action, actor=by, at=now, detail=detail
    )


def add_language_file(*, document, language, upload, name, content_type, by, now=None):
    """Add one language version. Side effects: a DocumentFile, a stored file, an AuditEntry;
    on failure neither remains."""
    now = now or timezone.now()
    stored = []
    try:
        with transaction.atomic():
            stored.append(_store_file(document, language, upload, name, content_type, by, now).file.name)
            _audit(document, AuditAction.FILE_ADDED, by, now, language)
    except BaseException:
        uploads.delete_stored(stored)
        raise


def edit_document(*, document, by, title, summary, kind, sources, agenda_items, now=None):
    """Change a document's metadata (never its symbol). Side effects: the row, its links, an AuditEntry."""
    now = now or timezone.now()
    with transaction.atomic():
        document.title, document.summary, document.kind = title, summary, kind
        document.save(update_fields=["title", "summary", "kind"])
        document.source_organisations.set(sources)
        document.agenda_items.set(agenda_items)
        _audit(document, AuditAction.EDITED, by, now, title)


def set_document_titles(*, document, title_language, titles):
    """Record the original title's language and the document's titles in the other languages
    (`titles`: {language letter: title}); a language left out loses its title. Side effects: the rows."""
    with transaction.atomic():
        document.title_language = title_language
        document.save(update_fields=["title_language"])
        document.titles.exclude(language__in=titles).delete()
        for letter, title in titles.items():
            DocumentTitle.objects.update_or_create(document=document, language=letter, defaults={"title": title})


def withdraw_document(*, document, by, reason, now=None):
    """Withdraw: the document keeps its symbol and says so. Side effects: the row, an AuditEntry."""
    now = now or timezone.now()
    with transaction.atomic():
        document.status, document.withdrawn_at, document.withdrawn_reason = "withdrawn", now, reason
        document.save(update_fields=["status", "withdrawn_at", "withdrawn_reason"])
        _audit(document, AuditAction.WITHDRAWN, by, now, reason)


def toggle_subscription(*, user, group):
    """Subscribe or unsubscribe `user` to `group`; returns True if now subscribed."""
    with transaction.atomic():
        deleted, _ = Subscription.objects.filter(user=user, group=group).delete()
        if deleted:
            return False
        Subscription.objects.create(user=user, group=group)
        return True


def _enqueue_notices(document_pk):
    from .tasks import notify_subscribers_task  # tasks import this module

    notify_subscribers_task.delay(document_pk)


def notify_subscribers(*, document):
    """Email each subscriber of the document's group who may see it (checked per user here, so a
    subscription that outlived its access sends nothing), each in their profile's language.
    Side effects: the emails."""
    subs = Subscription.objects.filter(group=document.group).select_related("user__organisation")
    url = settings.PORTAL_URL + reverse("contributions:document_detail", args=[document.pk])
    revised = document.suffix != Suffix.NONE
    for sub in subs:
        if not sub.user.email or not access.can_view_document(sub.user, document):
            continue
        language = languages.language_for(sub.user)
        context = {"document": document, "url": url, "revised": revised, "user": sub.user}
        with translation.override(language):
            context["title"] = title_for(document, language)
            send_mail(
                subject=render_to_string("contributions/email/subject.txt", context).strip(),
                message=render_to_string("contributions/email/document_available.txt", context),
                from_email=None,
                recipient_list=[sub.user.email],
            )
