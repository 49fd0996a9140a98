"""Meetings, sessions, agendas and the working list."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from meetings.models import (
    Agenda,
    AgendaItem,
    AgendaStatus,
    Meeting,
    MeetingStatus,
    Session,
)

from .groups import (
    _all_groups,
    _get_visible_or_404,
    can_act_as_chair,
    can_take_part_in_group,
    can_view_group_content,
    current_officer_group_ids,
    get_group_or_404,
    is_current_officer,
    is_open_to_public,
    is_secretariat,
    visible_group_ids,
    with_groups,
)

# ---------------------------------------------------------------------------------------------
# Meetings


def can_view_meeting(user, meeting):
    """A meeting's dates, venue and public record: anyone for an open group."""
    return is_open_to_public(meeting.group) or can_view_group_content(user, meeting.group)


def can_manage_meeting(user, meeting):
    return is_secretariat(user)


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


def get_meeting_for_view_or_404(user, pk, queryset=None):
    if queryset is not None:
        return _get_visible_or_404(visible_meetings(user, queryset), _("No such meeting."), pk=pk)
    return with_groups(_get_visible_or_404(visible_meetings(user), _("No such meeting."), pk=pk))


def get_meeting_for_manage_or_404(user, pk, queryset=None):
    meeting = get_meeting_for_view_or_404(user, pk, queryset)
    if not can_manage_meeting(user, meeting):
        raise PermissionDenied(_("Only the secretariat can change this meeting."))
    return meeting


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


def can_confirm_meeting_dates(user, meeting):
    """Proposed dates become the meeting's planned dates: the secretariat confirms them."""
    return is_secretariat(user) and meeting.status == MeetingStatus.PROPOSED


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


def get_meeting_for_dates_confirm_or_404(user, pk):
    meeting = get_meeting_for_view_or_404(user, pk)
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat confirms a meeting's dates."))
    return meeting


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
