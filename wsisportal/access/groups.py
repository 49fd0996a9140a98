"""Who the user is, the groups they may take part in, their offices, and the fetch helpers every noun uses."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from meetings.models import (
    Appointment,
    Group,
    OrganisationKind,
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


def groups_by_id():
    """{id: group} of every group with its parents, from the request's list (no query). Every
    group's name, code and who it is open to are public (get_group_or_404): rows of content the
    policy let through name their group from here (contributions/rows.py)."""
    return {g.pk: g for g in _all_groups()}


def with_groups(*objects):
    """Give each object (one with a `group` foreign key, or None) its group, with its parents, from the
    request's list: an object read without joining its group and the group's parents (a report read
    with them joined six tables, and PostgreSQL took longer to plan that than to run it)."""
    groups = groups_by_id()
    for obj in objects:
        if obj is not None:
            obj.group = groups[obj.group_id]
    return objects[0] if objects else None


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
# Lists: the rows a user may see. Every list, count, search, feed, export, cross-reference and
# admin page takes its rows from one of these querysets, so that what a user may not see is
# absent from every answer exactly as if it did not exist. The fetch-and-check helpers below
# look objects up through them too: one query decides existence and visibility together, and
# nothing is prefetched for an object the user may not see.


def public_group_ids():
    """Ids of the groups whose meeting dates and published record are public."""
    return {g.pk for g in _all_groups() if is_open_to_public(g)}


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


def require_secretariat(user):
    if not is_secretariat(user):
        raise PermissionDenied(_("Only secretariat staff can do this."))
