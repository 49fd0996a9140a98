"""Documents and calls for documents: a document follows the group it is for."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .groups import (
    _all_groups,
    _get_visible_or_404,
    can_act_as_chair,
    can_take_part_in_group,
    can_view_group_content,
    effective_audience,
    get_group_or_404,
    is_secretariat,
    visible_group_ids,
)
from .meetings import get_meeting_for_view_or_404, visible_schedule_group_ids


def visible_documents(user, queryset=None):
    from contributions.models import Document

    queryset = queryset if queryset is not None else Document.objects.all()
    return queryset.filter(group_id__in=visible_group_ids(user))


def visible_calls_for_documents(user, queryset=None):
    from contributions.models import CallForDocuments

    queryset = queryset if queryset is not None else CallForDocuments.objects.all()
    return queryset.filter(group_id__in=visible_group_ids(user), meeting__group_id__in=visible_schedule_group_ids(user))


def record_document_group_ids(group):
    """Ids of the groups whose documents every reader of `group`'s record may see: a report
    lists (title and link) only documents whose audience contains its own. A WG-WSIS report
    that cites a Dedicated Group symbol prints the symbol alone."""
    audience = effective_audience(group)
    return {g.pk for g in _all_groups() if effective_audience(g) >= audience}


# ---------------------------------------------------------------------------------------------
# Documents (contributions app): a document's access follows the group it is for.


def can_view_document(user, doc):
    return can_view_group_content(user, doc.group)


def can_submit_to_meeting(user, meeting, group):
    """A delegate submits for their own organisation to the meeting's group or one of its
    sub-groups that their organisation may take part in; the secretariat registers anywhere."""
    if not user.is_authenticated or (group.pk != meeting.group_id and group.parent_id != meeting.group_id):
        return False
    if is_secretariat(user):
        return True
    return user.organisation_id is not None and can_take_part_in_group(user, group)


def meeting_groups(meeting):
    """The meeting's group, then its sub-groups (from the request's group list: no query)."""
    groups = _all_groups()
    return [g for g in groups if g.pk == meeting.group_id] + sorted(
        (g for g in groups if g.parent_id == meeting.group_id), key=lambda g: g.code
    )


def submittable_groups(user, meeting):
    return [g for g in meeting_groups(meeting) if can_submit_to_meeting(user, meeting, g)]


def can_manage_document(user, doc):
    """Edit metadata, add language versions and revisions, withdraw: the secretariat."""
    return is_secretariat(user)


def is_own_document(user, doc):
    """The document is the user's organisation's: it submitted it or is among its sources."""
    org = user.organisation_id if user.is_authenticated else None
    if org is None:
        return False
    return doc.submitted_by.organisation_id == org or doc.source_organisations.filter(pk=org).exists()


def can_withdraw_or_replace(user, doc, *, now=None):
    """Withdraw a document or replace one of its files: the secretariat at any time; a delegate,
    for their own organisation's document (is_own_document) until its deadline (see
    contributions.services.change_deadline: the submission deadline, else the meeting's end).
    A withdrawn document changes no more."""
    if doc.is_withdrawn or not can_view_document(user, doc):
        return False
    if is_secretariat(user):
        return True
    if not is_own_document(user, doc):
        return False
    from contributions import services

    return services.may_still_change(doc, now=now)


def can_admit_late(user, group, *, now=None):
    """Admit a document after the deadline as requested by the group during the session:
    a current officer of that group, or the secretariat on the chair's behalf."""
    return can_act_as_chair(user, group, now=now)


def can_register_after_meeting(user, meeting):
    """Once a meeting has ended (contributions.deadlines.has_ended) only the secretariat adds
    documents to it, and the audit log records that it did so after the meeting."""
    return is_secretariat(user)


def can_read_document_audit(user, meeting):
    return is_secretariat(user)


def can_subscribe_to_group(user, group):
    return user.is_authenticated and can_view_group_content(user, group)


def get_document_for_view_or_404(user, pk, queryset=None):
    from contributions.models import Document

    queryset = queryset if queryset is not None else Document.objects.select_related("group__parent", "meeting")
    return _get_visible_or_404(visible_documents(user, queryset), _("No such document."), pk=pk)


def get_document_for_manage_or_404(user, pk, queryset=None):
    doc = get_document_for_view_or_404(user, pk, queryset)
    if not can_manage_document(user, doc):
        raise PermissionDenied(_("Only the secretariat can change a document."))
    return doc


def get_document_for_withdraw_or_404(user, pk, *, now=None):
    """The document (404 if not visible); 403 if the user may not withdraw it or replace its
    files, or no longer (after the deadline, or withdrawn already)."""
    doc = get_document_for_view_or_404(user, pk)
    if not can_withdraw_or_replace(user, doc, now=now):
        raise PermissionDenied(
            _("Only the secretariat, or a delegate of the document's organisation until the deadline, can do this.")
        )
    return doc


def get_meeting_for_submit_or_404(user, pk):
    meeting = get_meeting_for_view_or_404(user, pk)
    if not submittable_groups(user, meeting):
        raise PermissionDenied(_("You cannot submit documents to this meeting."))
    return meeting


def get_meeting_for_document_audit_or_404(user, pk):
    meeting = get_meeting_for_view_or_404(user, pk)
    if not can_read_document_audit(user, meeting):
        raise PermissionDenied(_("Only the secretariat can read the audit log."))
    return meeting


def get_group_for_subscribe_or_404(user, code):
    group = get_group_or_404(user, code)
    if not can_subscribe_to_group(user, group):
        raise Http404(_("No such group."))
    return group
