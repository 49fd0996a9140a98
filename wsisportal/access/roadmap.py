"""The Action Line roadmap: drafts, rows and comments follow the roadmap's group."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from .groups import _get_visible_or_404, can_view_group_content, is_secretariat, visible_group_ids, with_groups


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

    queryset = RoadmapDraft.objects.select_related("roadmap", "meeting")
    draft = _get_visible_or_404(visible_roadmap_drafts(user, queryset), _("No such roadmap draft."), pk=pk)
    with_groups(draft.roadmap, draft.meeting)
    return draft


def get_roadmap_draft_and_others_for_view_or_404(user, pk):
    """The draft `pk` (as `get_roadmap_draft_for_view_or_404` gives it) and the other drafts of its
    roadmap the user may see, newest first, in one query (the matrix's "Compare with" list)."""
    from roadmap.models import RoadmapDraft

    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("No such roadmap draft.")) from None
    queryset = RoadmapDraft.objects.filter(roadmap__drafts=pk).select_related("roadmap", "meeting")
    drafts = list(visible_roadmap_drafts(user, queryset).order_by("-number"))
    draft = next((d for d in drafts if d.pk == pk), None)
    if draft is None:
        raise Http404(_("No such roadmap draft."))
    with_groups(draft.roadmap, draft.meeting)
    return draft, [d for d in drafts if d is not draft]


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
