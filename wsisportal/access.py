"""The access policy: the only place that decides who may see or do what.

The rule in one sentence: a user sees what belongs to a group they may take part in
(through the membership category of the organisation they represent, narrowed by every
parent group), the secretariat sees everything, and content of a restricted group stays
restricted wherever it can surface, unless deliberately released into the parent's record.

Predicates are plain `can_<verb>_<noun>(user, obj)` functions returning a bool. Views call a
`get_<noun>_for_<verb>_or_404` helper on their first line: it answers 404 for what the user
may not see (so nothing confirms that it exists) and raises PermissionDenied (403) for what
the user sees but may not change. Templates receive booleans computed here.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from meetings.models import (
    Agenda,
    AgendaItem,
    AgendaStatus,
    Appointment,
    Group,
    Meeting,
    OrganisationKind,
    Session,
)
from wsisportal.request_memo import memoized

# ---------------------------------------------------------------------------------------------
# Who the user is


def is_secretariat(user):
    """Secretariat staff (users of a Secretariat unit) and superusers see and manage everything."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    org = user.organisation
    return org is not None and org.kind == OrganisationKind.SECRETARIAT


def organisation_kind(user):
    if not user.is_authenticated or user.organisation_id is None:
        return None
    return user.organisation.kind


# ---------------------------------------------------------------------------------------------
# Groups


def can_take_part_in_group(user, group):
    """A delegate may take part if their organisation's category is open in the group and in
    every group it is an integral part of. The secretariat services every group."""
    if is_secretariat(user):
        return True
    kind = organisation_kind(user)
    return kind is not None and kind in effective_audience(group)


def can_view_group_content(user, group):
    """Meetings, sessions, documents, lists and reports that belong to the group."""
    return can_take_part_in_group(user, group)


def is_open_to_public(group):
    """A group none of whose chain narrows its parent's audience: its group page, meeting
    dates and published summaries are public. The Dedicated Group is not."""
    while group is not None:
        if group.is_restricted:
            return False
        group = group.parent
    return True


def can_manage_group(user, group):
    return is_secretariat(user)


def _all_groups():
    """Every group with its parents (one query a request; groups are few)."""
    return memoized("groups", lambda: list(Group.objects.select_related("parent__parent")))


def visible_group_ids(user):
    """Ids of the groups whose content the user may see."""
    return {g.pk for g in _all_groups() if can_view_group_content(user, g)}


def why_visible(user, group):
    """The "why can I see this" label for a restricted group's content; None where there is
    nothing to explain (an open group) or nothing to see."""
    if is_open_to_public(group) or not can_view_group_content(user, group):
        return None
    audience = ", ".join(str(label) for label in group.open_to_labels) or _("nobody")
    if is_secretariat(user):
        return _("Open to %(audience)s. You see it as secretariat staff.") % {"audience": audience}
    return _("Open to %(audience)s. You see it because you represent %(org)s (%(kind)s).") % {
        "audience": audience,
        "org": user.organisation.name,
        "kind": user.organisation.get_kind_display(),
    }


# ---------------------------------------------------------------------------------------------
# Officers


def current_officer_appointments(user, group, *, now=None):
    if not user.is_authenticated:
        return Appointment.objects.none()
    return Appointment.objects.current(now).filter(user=user, group=group)


def is_current_officer(user, group, *, now=None):
    """A current chair or vice-chair of the group (a term that has ended grants nothing)."""
    return group.pk in current_officer_group_ids(user, now=now)


def can_act_as_chair(user, group, *, now=None):
    """The chair's acts (adopting agendas, admitting late documents) may be done by a current
    officer, or by the secretariat on the chair's behalf (callers record which)."""
    return is_current_officer(user, group, now=now) or is_secretariat(user)


# ---------------------------------------------------------------------------------------------
# Meetings


def can_view_meeting(user, meeting):
    """A meeting's dates, venue and public record: anyone for an open group."""
    return is_open_to_public(meeting.group) or can_view_group_content(user, meeting.group)


def can_manage_meeting(user, meeting):
    return is_secretariat(user)


# ---------------------------------------------------------------------------------------------
# Lists: the rows a user may see. Every list, count, search, feed, export, cross-reference and
# admin page takes its rows from one of these querysets, so that what a user may not see is
# absent from every answer exactly as if it did not exist. The fetch-and-check helpers below
# look objects up through them too: one query decides existence and visibility together, and
# nothing is prefetched for an object the user may not see.


def public_group_ids():
    """Ids of the groups whose meeting dates and published record are public."""
    return {g.pk for g in _all_groups() if is_open_to_public(g)}


def visible_meetings(user, queryset=None):
    queryset = queryset if queryset is not None else Meeting.objects.all()
    return queryset.filter(group_id__in=visible_schedule_group_ids(user))


def visible_sessions(user, queryset=None):
    """Sessions of visible meetings, in groups whose schedule the user may see (a Dedicated
    Group sitting inside a WG-WSIS meeting is as restricted as the Dedicated Group)."""
    ids = visible_schedule_group_ids(user)
    queryset = queryset if queryset is not None else Session.objects.all()
    return queryset.filter(group_id__in=ids, meeting__group_id__in=ids)


def visible_agendas(user, queryset=None):
    """Agendas of groups whose content the user sees; drafts only to the secretariat and the
    group's current officers."""
    queryset = queryset if queryset is not None else Agenda.objects.all()
    if is_secretariat(user):
        return queryset
    return queryset.filter(meeting__group_id__in=visible_group_ids(user)).filter(
        ~Q(status=AgendaStatus.DRAFT) | Q(meeting__group_id__in=current_officer_group_ids(user))
    )


def visible_agenda_items(user, queryset=None):
    queryset = queryset if queryset is not None else AgendaItem.objects.all()
    return queryset.filter(agenda__in=visible_agendas(user))


def visible_working_list_issues(user, queryset=None):
    from meetings.models import WorkingListIssue

    queryset = queryset if queryset is not None else WorkingListIssue.objects.all()
    return queryset.filter(group_id__in=visible_group_ids(user))


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


def effective_audience(group):
    """The membership categories that may take part in the group and in every group above it."""
    audience = set(group.open_to)
    while group.parent_id is not None:
        group = group.parent
        audience &= set(group.open_to)
    return audience


def current_officer_group_ids(user, *, now=None):
    """Ids of the groups the user is a current chair or vice-chair of: one query a request when
    asked for today (several buttons and every row of a list ask it)."""
    if not user.is_authenticated:
        return set()

    def ask():
        return set(Appointment.objects.current(now).filter(user=user).values_list("group_id", flat=True))

    return ask() if now is not None else memoized(("officer-groups", user.pk), ask)


def visible_roadmap_drafts(user, queryset=None):
    """Drafts of roadmaps of the user's groups that went to no meeting or to a meeting of a
    group whose content the user sees."""
    from roadmap.models import RoadmapDraft

    ids = visible_group_ids(user)
    queryset = queryset if queryset is not None else RoadmapDraft.objects.all()
    return queryset.filter(roadmap__group_id__in=ids).filter(Q(meeting__isnull=True) | Q(meeting__group_id__in=ids))


def visible_roadmap_rows(user, queryset=None):
    from roadmap.models import RoadmapRow

    queryset = queryset if queryset is not None else RoadmapRow.objects.all()
    return queryset.filter(draft__in=visible_roadmap_drafts(user))


def visible_row_comments(user, queryset=None):
    from roadmap.models import RowComment

    queryset = queryset if queryset is not None else RowComment.objects.all()
    return queryset.filter(row__draft__in=visible_roadmap_drafts(user))


def visible_report_revisions(user, queryset=None):
    """Approved revisions of the user's groups; published revisions of public groups."""
    from meetings.reports.models import ReportRevision

    queryset = queryset if queryset is not None else ReportRevision.objects.all()
    if is_secretariat(user):
        return queryset
    return queryset.filter(
        Q(report__group_id__in=visible_group_ids(user))
        | Q(published_at__isnull=False, report__group_id__in=public_group_ids())
    )


def visible_report_drafts(user, queryset=None):
    """Reports whose working copy the user may read (see can_view_report_draft)."""
    from meetings.reports.models import Report, ReportStatus

    queryset = queryset if queryset is not None else Report.objects.all()
    if is_secretariat(user):
        return queryset
    content = visible_group_ids(user)
    officer = current_officer_group_ids(user)
    return queryset.filter(group_id__in=content).filter(
        Q(status=ReportStatus.CIRCULATED) | Q(group_id__in=officer) | Q(meeting__group_id__in=officer)
    )


def visible_reports(user, queryset=None):
    """Reports the user may open: their working copy, an approved revision, or a release into
    a parent record the user may read (then only as frozen there: see report_release_for)."""
    from meetings.reports.models import Report

    queryset = queryset if queryset is not None else Report.objects.all()
    if is_secretariat(user):
        return queryset
    revisions = visible_report_revisions(user)
    return queryset.filter(
        Q(pk__in=visible_report_drafts(user).values("pk"))
        | Q(pk__in=revisions.values("report_id"))
        | Q(pk__in=revisions.filter(annexed_reports__isnull=False).values("annexed_reports"))
    )


def visible_blocks(user, queryset=None):
    """Paragraphs of working copies the user may read (approved text lives in the snapshot)."""
    from meetings.reports.models import Block

    queryset = queryset if queryset is not None else Block.objects.all()
    return queryset.filter(report__in=visible_report_drafts(user))


def visible_block_comments(user, queryset=None):
    from meetings.reports.models import BlockComment

    queryset = queryset if queryset is not None else BlockComment.objects.all()
    return queryset.filter(block__report__in=visible_report_drafts(user))


def visible_for_admin(user, queryset):
    """The admin is the secretariat's back office: every row to them, none to anyone else."""
    return queryset if is_secretariat(user) else queryset.none()


# ---------------------------------------------------------------------------------------------
# The admin (the secretariat's back office)
#
# The official record comes into being only through the portal's services, which allocate
# symbols, check deadlines, keep the optimistic locks, freeze approved revisions with their
# checksum and write the audit log. The admin may read it, never add, change or delete it.
# Working copies with a workflow of their own (reports, documents, agendas, roadmap drafts)
# are likewise changed only on their pages. Reference data is the secretariat's to keep.
# The "Secretariat" permission group holds exactly these rights (data migration
# meetings/0005_secretariat_admin_rights; a test keeps the two equal).

READ_ONLY = ("view",)
FULL = ("view", "add", "change", "delete")

ADMIN_RIGHTS = {
    # the official record
    "reports.reportrevision": READ_ONLY,
    "contributions.symbolcounter": READ_ONLY,
    "contributions.auditentry": READ_ONLY,
    "contributions.lateadmission": READ_ONLY,
    "contributions.documentfile": READ_ONLY,
    "meetings.timeplanadoption": READ_ONLY,
    "meetings.contentgeneration": READ_ONLY,
    # working copies changed through their own pages and services
    "reports.report": READ_ONLY,
    "reports.block": READ_ONLY,
    "reports.blockcomment": READ_ONLY,
    "contributions.document": READ_ONLY,
    "meetings.agenda": READ_ONLY,
    "meetings.agendaitem": READ_ONLY,
    "roadmap.roadmapdraft": READ_ONLY,
    "roadmap.roadmaprow": READ_ONLY,
    "roadmap.milestone": READ_ONLY,
    "roadmap.resourceestimate": READ_ONLY,
    "roadmap.rowcomment": READ_ONLY,
    "roadmap.actionlinerole": READ_ONLY,
    # reference data
    "meetings.organisation": FULL,
    "meetings.user": FULL,
    "meetings.resolution": FULL,
    "meetings.group": FULL,
    "meetings.appointment": FULL,
    "meetings.meeting": FULL,
    "meetings.session": FULL,
    "meetings.participant": FULL,
    "meetings.externalevent": FULL,
    "meetings.workinglistissue": FULL,
    "contributions.deadlinerule": FULL,
    "contributions.callfordocuments": FULL,
    "contributions.subscription": FULL,
    "roadmap.actionline": FULL,
    "roadmap.subline": FULL,
    "roadmap.strategicgoal": FULL,
    "roadmap.partner": FULL,
    "roadmap.roadmap": FULL,
}


def can_administer(user, model, action):
    """May `user` do `action` ("view", "add", "change", "delete") on `model` in the admin?
    Secretariat staff holding the permission, and only what ADMIN_RIGHTS allows at all (a
    superuser included): deny by default for a model the table does not name."""
    opts = model._meta
    if action not in ADMIN_RIGHTS.get(opts.label_lower, ()):
        return False
    return is_secretariat(user) and user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


# ---------------------------------------------------------------------------------------------
# Fetch-and-check helpers: views call one of these on their first line.


def get_group_or_404(user, code):
    """Every group's name, code and who it is open to is public: the Dedicated Group is listed
    as existing, but nothing it holds is shown (see can_view_group_content)."""
    try:
        return Group.objects.select_related("parent").get(code=code)
    except Group.DoesNotExist:
        raise Http404(_("No such group.")) from None


def _get_visible_or_404(queryset, message, **lookup):
    """The one row of a `visible_*` queryset, or 404 with the same message whether the row is
    missing or hidden (one query, nothing prefetched before the decision)."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404(message) from None


def get_meeting_for_view_or_404(user, pk, queryset=None):
    queryset = queryset if queryset is not None else Meeting.objects.select_related("group__parent")
    return _get_visible_or_404(visible_meetings(user, queryset), _("No such meeting."), pk=pk)


def get_meeting_for_manage_or_404(user, pk, queryset=None):
    meeting = get_meeting_for_view_or_404(user, pk, queryset)
    if not can_manage_meeting(user, meeting):
        raise PermissionDenied(_("Only the secretariat can change this meeting."))
    return meeting


def require_secretariat(user):
    if not is_secretariat(user):
        raise PermissionDenied(_("Only secretariat staff can do this."))


# ---------------------------------------------------------------------------------------------
# Meetings, sessions, agendas, working list
#
# A session belongs to the group that sits: a Dedicated Group session inside a WG-WSIS meeting
# is as restricted as the Dedicated Group itself, on the meeting page, its own page and in iCal.


def visible_schedule_group_ids(user):
    """Ids of the groups whose meeting dates and sessions the user may see: the groups whose
    content they may see, and for anyone the groups open to the public."""
    return {g.pk for g in _all_groups() if can_view_group_content(user, g) or is_open_to_public(g)}


def can_view_session(user, session):
    group = session.group
    return can_view_meeting(user, session.meeting) and (is_open_to_public(group) or can_view_group_content(user, group))


def can_manage_sessions(user, meeting):
    return is_secretariat(user)


def can_adopt_time_plan(user, meeting, *, now=None):
    return can_act_as_chair(user, meeting.group, now=now)


def adopts_on_behalf_of_chair(user, group, *, now=None):
    """A chair's act recorded by someone who is not a current officer is recorded as done by
    the secretariat on the chair's behalf."""
    return not is_current_officer(user, group, now=now)


def can_view_participants(user, meeting):
    """The list of participants by organisation: members of the group and the secretariat."""
    return can_view_group_content(user, meeting.group)


def can_register_for_meeting(user, meeting):
    """Delegates register themselves, on behalf of the organisation they represent."""
    if not user.is_authenticated or user.organisation_id is None or is_secretariat(user):
        return False
    return can_take_part_in_group(user, meeting.group)


def can_record_attendance(user, meeting):
    return is_secretariat(user)


def can_view_agenda(user, agenda):
    """A draft is seen by the secretariat and the group's officers; once circulated, by
    everyone who may take part in the group."""
    group = agenda.meeting.group
    if not can_view_group_content(user, group):
        return False
    if agenda.status == AgendaStatus.DRAFT:
        return is_secretariat(user) or is_current_officer(user, group)
    return True


def can_edit_agenda(user, agenda):
    return is_secretariat(user) and agenda.status != AgendaStatus.ADOPTED


def can_adopt_agenda(user, agenda, *, now=None):
    return agenda.status != AgendaStatus.ADOPTED and can_act_as_chair(user, agenda.meeting.group, now=now)


def can_amend_agenda(user, agenda):
    return is_secretariat(user) and agenda.status == AgendaStatus.ADOPTED


def can_view_working_list(user, group):
    return can_view_group_content(user, group)


def can_edit_working_list(user, group):
    return is_secretariat(user)


def can_propose_meeting(user, group):
    return is_secretariat(user)


def get_group_content_or_404(user, code):
    """A group whose content (meetings list, feed, working list) the user may see."""
    group = get_group_or_404(user, code)
    if not (can_view_group_content(user, group) or is_open_to_public(group)):
        raise Http404(_("No such group."))
    return group


def get_working_list_group_or_404(user, code, *, edit=False):
    group = get_group_or_404(user, code)
    if not can_view_working_list(user, group):
        raise Http404(_("No such working list."))
    if edit and not can_edit_working_list(user, group):
        raise PermissionDenied(_("Only the secretariat can edit the working list."))
    return group


def get_session_for_view_or_404(user, pk):
    queryset = Session.objects.select_related("meeting__group__parent", "group__parent")
    return _get_visible_or_404(visible_sessions(user, queryset), _("No such session."), pk=pk)


def get_agenda_for_view_or_404(user, pk):
    queryset = Agenda.objects.select_related("meeting__group__parent", "adopted_by")
    return _get_visible_or_404(visible_agendas(user, queryset), _("No such agenda."), pk=pk)


def get_agenda_for_edit_or_404(user, pk):
    agenda = get_agenda_for_view_or_404(user, pk)
    if agenda.status == AgendaStatus.ADOPTED:
        raise PermissionDenied(_("This agenda has been adopted and is frozen; amend it to start a new version."))
    if not can_edit_agenda(user, agenda):
        raise PermissionDenied(_("Only the secretariat edits agendas."))
    return agenda


def get_agenda_item_for_edit_or_404(user, pk):
    item = _get_visible_or_404(visible_agenda_items(user), _("No such agenda item."), pk=pk)
    agenda = get_agenda_for_edit_or_404(user, item.agenda_id)
    item.agenda = agenda
    return item


def get_agenda_for_amend_or_404(user, pk):
    agenda = get_agenda_for_view_or_404(user, pk)
    if not can_amend_agenda(user, agenda):
        raise PermissionDenied(_("Only the secretariat amends an adopted agenda."))
    return agenda


def get_meeting_for_plan_adoption_or_404(user, pk):
    meeting = get_meeting_for_view_or_404(user, pk)
    if not can_adopt_time_plan(user, meeting):
        raise PermissionDenied(
            _("Only a current chair or vice-chair, or the secretariat on their behalf, adopts the plan.")
        )
    return meeting


def get_agenda_for_adopt_or_404(user, pk):
    agenda = get_agenda_for_view_or_404(user, pk)
    if not can_adopt_agenda(user, agenda):
        raise PermissionDenied(
            _("Only a current chair or vice-chair, or the secretariat on their behalf, adopts an agenda.")
        )
    return agenda


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


# ---------------------------------------------------------------------------------------------
# Roadmap (roadmap app): drafts of the Action Line roadmap belong to the roadmap's group (WG-WSIS);
# members of that group see them and comment on rows, the secretariat edits them and answers.


def can_view_roadmap(user, roadmap):
    return can_view_group_content(user, roadmap.group)


def can_view_roadmap_draft(user, draft):
    """The roadmap's group and, if the draft went to a meeting, that meeting's group."""
    if not can_view_roadmap(user, draft.roadmap):
        return False
    return draft.meeting is None or can_view_group_content(user, draft.meeting.group)


def can_edit_roadmap_draft(user, draft):
    """The secretariat edits the newest draft only; earlier drafts are the issued record."""
    return is_secretariat(user) and can_view_roadmap_draft(user, draft) and draft.is_editable


def can_start_roadmap_draft(user, draft):
    """Start the next draft from this one (any draft, even a superseded one)."""
    return is_secretariat(user) and can_view_roadmap_draft(user, draft)


def can_comment_on_roadmap_row(user, row):
    return user.is_authenticated and can_view_roadmap_draft(user, row.draft)


def can_mark_roadmap_comment(user, comment):
    return is_secretariat(user) and can_view_roadmap_draft(user, comment.row.draft)


def can_edit_action_line(user, action_line):
    """ITU's role history and the lead facilitators: reference data kept by the secretariat."""
    return is_secretariat(user)


def get_roadmap_draft_for_view_or_404(user, pk):
    from roadmap.models import RoadmapDraft

    queryset = RoadmapDraft.objects.select_related("roadmap__group__parent", "meeting__group__parent")
    return _get_visible_or_404(visible_roadmap_drafts(user, queryset), _("No such roadmap draft."), pk=pk)


def get_roadmap_draft_for_edit_or_404(user, pk):
    return _check_roadmap_draft_edit(user, get_roadmap_draft_for_view_or_404(user, pk))


def _check_roadmap_draft_edit(user, draft):
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat edits the roadmap."))
    if not can_edit_roadmap_draft(user, draft):
        raise PermissionDenied(_("A later draft has been started: this draft is the issued record and is frozen."))
    return draft


def get_roadmap_draft_for_start_or_404(user, pk):
    draft = get_roadmap_draft_for_view_or_404(user, pk)
    if not can_start_roadmap_draft(user, draft):
        raise PermissionDenied(_("Only the secretariat starts a new roadmap draft."))
    return draft


def _get_roadmap_row(user, pk):
    from roadmap.models import RoadmapRow

    queryset = RoadmapRow.objects.select_related("action_line")
    row = _get_visible_or_404(visible_roadmap_rows(user, queryset), _("No such roadmap row."), pk=pk)
    row.draft = get_roadmap_draft_for_view_or_404(user, row.draft_id)
    return row


def get_roadmap_row_for_view_or_404(user, pk):
    return _get_roadmap_row(user, pk)


def get_roadmap_row_for_edit_or_404(user, pk):
    row = _get_roadmap_row(user, pk)
    _check_roadmap_draft_edit(user, row.draft)
    return row


def get_roadmap_row_for_comment_or_404(user, pk):
    row = _get_roadmap_row(user, pk)
    if not can_comment_on_roadmap_row(user, row):
        raise PermissionDenied(_("You may not comment on this roadmap."))
    return row


def get_roadmap_comment_for_mark_or_404(user, pk):
    from roadmap.models import RowComment

    queryset = RowComment.objects.select_related("row")
    comment = _get_visible_or_404(visible_row_comments(user, queryset), _("No such comment."), pk=pk)
    comment.row = _get_roadmap_row(user, comment.row_id)
    if not can_mark_roadmap_comment(user, comment):
        raise PermissionDenied(_("Only the secretariat answers comments on the roadmap."))
    return comment


def get_action_line_for_edit_or_404(user, pk):
    from roadmap.models import ActionLine

    try:
        action_line = ActionLine.objects.get(pk=pk)
    except ActionLine.DoesNotExist:
        raise Http404(_("No such Action Line.")) from None
    if not can_edit_action_line(user, action_line):
        raise PermissionDenied(_("Only the secretariat changes ITU's role in an Action Line."))
    return action_line


# ---------------------------------------------------------------------------------------------
# Reports (meetings.reports): a report belongs to the group it reports for (the Dedicated
# Group's report belongs to the Dedicated Group even though it met during a WG-WSIS meeting).
# The working copy is seen by the secretariat and the group's current officers, and by the
# group's members while it is circulated. Approved revisions are seen by the group's members;
# a published revision of an open group by anyone. A restricted group's report stays
# restricted unless it is annexed to an approved revision of the parent group's report:
# that releases it into the parent's record, to whoever may read that record.


def _report_officer(user, report, *, now=None):
    """A current chair or vice-chair of the report's group or of the meeting's group, who
    may also see the report's group (a Sector Member officer never sees a DG draft)."""
    if not user.is_authenticated or not can_view_group_content(user, report.group):
        return False
    return bool({report.group_id, report.meeting.group_id} & current_officer_group_ids(user, now=now))


def can_edit_report(user, report):
    """Drafting and editing reports is secretariat work."""
    return is_secretariat(user)


def can_view_report_draft(user, report):
    if is_secretariat(user) or _report_officer(user, report):
        return True
    return report.status == "circulated" and can_view_group_content(user, report.group)


def can_comment_on_report(user, report):
    """Members of the group comment per paragraph while the report is circulated."""
    return user.is_authenticated and report.status == "circulated" and can_view_group_content(user, report.group)


def report_approving_group(report, *, now=None):
    """The group whose current chair or vice-chair approves the report: the group it reports
    for (the Dedicated Group's chair approves the Dedicated Group's report). Only where that
    group has no current officer do the officers of the group it is an integral part of (the
    meeting's group) approve it in its place."""
    if report.group_id == report.meeting.group_id:
        return report.group
    has_officer = memoized(
        ("has-officer", report.group_id, now),
        lambda: Appointment.objects.current(now).filter(group_id=report.group_id).exists(),
    )
    return report.group if has_officer else report.meeting.group


def can_approve_report(user, report, *, now=None):
    """Only a CURRENT chair or vice-chair of the approving group (report_approving_group) who may
    see the report's group: not the secretariat, not a former officer, not the parent group's
    chair while the sub-group has its own."""
    if not user.is_authenticated or not can_view_group_content(user, report.group):
        return False
    return report_approving_group(report, now=now).pk in current_officer_group_ids(user, now=now)


def can_publish_report(user, report):
    return is_secretariat(user) or _report_officer(user, report)


def can_view_report_revision(user, revision):
    report = revision.report
    if can_view_group_content(user, report.group):
        return True
    return revision.published_at is not None and is_open_to_public(report.group)


def is_report_released_to(user, report):
    """True if the report is annexed to an approved parent revision the user may read."""
    return any(can_view_report_revision(user, revision) for revision in report.released_in.all())


def report_release_for(user, report):
    """The approved parent revision through which `user` sees `report`, when they may read
    neither its working copy nor an approved revision of its own: they then see only what was
    frozen in that revision. None when the user reads the report itself (or not at all)."""
    if is_secretariat(user) or can_view_report_draft(user, report):
        return None
    if any(can_view_report_revision(user, rev) for rev in report.revisions.all()):
        return None
    return next((rev for rev in report.released_in.all() if can_view_report_revision(user, rev)), None)


def can_view_report(user, report):
    # Cheapest answers first: revisions and releases are prefetched by list views, while the
    # draft check may ask the database about officer appointments.
    if is_secretariat(user) or any(can_view_report_revision(user, rev) for rev in report.revisions.all()):
        return True
    return can_view_report_draft(user, report) or is_report_released_to(user, report)


def can_close_action_item(user, block):
    return is_secretariat(user) or _report_officer(user, block.report)


def _get_report(user, pk, *, revisions=False, working_copy=False):
    """`revisions`: prefetch the approved revisions WITHOUT their frozen snapshot (~200 KB for 300
    paragraphs, found by `make bench`): the checks need only their dates, and a view that shows a
    snapshot loads just that one when it reads it."""
    from meetings.reports.models import Report, ReportRevision

    queryset = Report.objects.select_related("group__parent", "meeting__group", "annexed_to")
    if revisions:
        queryset = queryset.prefetch_related(
            Prefetch("revisions", ReportRevision.objects.defer("snapshot").select_related("approved_by"))
        )
    # An act on the working copy (edit, circulate, approve, publish, its draft PDF) looks the
    # report up among the working copies the user may read: to anyone else it does not exist.
    visible = visible_report_drafts(user, queryset) if working_copy else visible_reports(user, queryset)
    return _get_visible_or_404(visible, _("No such report."), pk=pk)


def get_report_for_view_or_404(user, pk):
    return _get_report(user, pk, revisions=True)


def get_report_for_edit_or_404(user, pk):
    report = _get_report(user, pk, working_copy=True)
    if not can_edit_report(user, report):
        raise PermissionDenied(_("Only the secretariat edits reports."))
    return report


def get_report_for_draft_view_or_404(user, pk):
    return _get_report(user, pk, working_copy=True)


def get_report_for_approve_or_404(user, pk):
    report = _get_report(user, pk, working_copy=True)
    if not can_approve_report(user, report):
        raise PermissionDenied(_("Only a current chair or vice-chair of the group can approve its report."))
    return report


def get_report_for_publish_or_404(user, pk):
    report = _get_report(user, pk, working_copy=True)
    if not can_publish_report(user, report):
        raise PermissionDenied(_("Only the secretariat or a current officer publishes a report."))
    return report


def get_revision_for_view_or_404(user, report_pk, number, *, snapshot=True):
    """An approved revision the user may read (its report with it). `snapshot=False` leaves the
    frozen content unread (~200 KB for 300 paragraphs): serving or checking the PDF needs none."""
    from meetings.reports.models import ReportRevision

    queryset = ReportRevision.objects.select_related(
        "report__group__parent", "report__meeting__group", "report__annexed_to", "approved_by"
    )
    if not snapshot:
        queryset = queryset.defer("snapshot")
    return _get_visible_or_404(
        visible_report_revisions(user, queryset), _("No such revision."), report_id=report_pk, number=number
    )


def _get_block(user, pk):
    """A paragraph of a working copy the user may read; a released report's working copy is
    not what was released (the frozen annex is), so its paragraphs answer like missing ones."""
    block = _get_visible_or_404(visible_blocks(user), _("No such paragraph."), pk=pk)
    block.report = _get_report(user, block.report_id, working_copy=True)
    return block


def get_block_for_edit_or_404(user, pk):
    block = _get_block(user, pk)
    if not can_edit_report(user, block.report):
        raise PermissionDenied(_("Only the secretariat edits reports."))
    return block


def get_block_for_comment_or_404(user, pk):
    block = _get_block(user, pk)
    if not can_comment_on_report(user, block.report):
        raise PermissionDenied(_("Comments are taken from the group's members while the report is circulated."))
    return block


def get_action_item_for_close_or_404(user, pk):
    from meetings.reports.models import Block

    queryset = Block.objects.filter(kind="action", report__group_id__in=visible_group_ids(user))
    block = _get_visible_or_404(queryset, _("No such action item."), pk=pk)
    block.report = _get_report(user, block.report_id)
    if not can_close_action_item(user, block):
        raise PermissionDenied(_("Only the secretariat or a current officer closes action items."))
    return block
