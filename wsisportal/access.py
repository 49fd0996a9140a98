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
from django.http import Http404
from django.utils.translation import gettext as _

from meetings.models import Appointment, Group, Meeting, OrganisationKind

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
    if kind is None:
        return False
    while group is not None:
        if kind not in group.open_to:
            return False
        group = group.parent
    return True


def can_view_group_content(user, group):
    """Meetings, sessions, documents, lists and reports that belong to the group."""
    return can_take_part_in_group(user, group)


def can_view_group_listing(user, group):
    """Every group's name, code and who it is open to is public: the Dedicated Group is
    listed as existing, but nothing it holds is shown (see can_view_group_content)."""
    return True


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


def visible_group_ids(user):
    """Ids of the groups whose content the user may see (one query; groups are few)."""
    groups = Group.objects.select_related("parent__parent")
    return {g.pk for g in groups if can_view_group_content(user, g)}


def why_visible(user, group):
    """The "why can I see this" label for a group's content, or None if the user cannot."""
    if not can_view_group_content(user, group):
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
    return current_officer_appointments(user, group, now=now).exists()


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
# Fetch-and-check helpers: views call one of these on their first line.


def get_group_or_404(user, code):
    try:
        group = Group.objects.select_related("parent").get(code=code)
    except Group.DoesNotExist:
        raise Http404(_("No such group.")) from None
    if not can_view_group_listing(user, group):
        raise Http404(_("No such group."))
    return group


def get_meeting_for_view_or_404(user, pk, queryset=None):
    queryset = queryset if queryset is not None else Meeting.objects.select_related("group__parent")
    try:
        meeting = queryset.get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404(_("No such meeting.")) from None
    if not can_view_meeting(user, meeting):
        raise Http404(_("No such meeting."))
    return meeting


def get_meeting_for_manage_or_404(user, pk, queryset=None):
    meeting = get_meeting_for_view_or_404(user, pk, queryset)
    if not can_manage_meeting(user, meeting):
        raise PermissionDenied(_("Only the secretariat can change this meeting."))
    return meeting


def require_secretariat(user):
    if not is_secretariat(user):
        raise PermissionDenied(_("Only secretariat staff can do this."))
