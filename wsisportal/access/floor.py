"""The meeting in session: sittings run from the floor, the list of speakers, the session record.

A sitting, its list of speakers and its record belong to the group that sits: a Dedicated Group
sitting inside a WG-WSIS meeting is Dedicated Group content, wherever it surfaces (the meeting
page, the live channel, the chair's screen, the draft report). Unlike the time-management plan,
nothing of a sitting is public: it is followed by those who may take part in the group.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .groups import (
    _get_visible_or_404,
    can_act_as_chair,
    can_take_part_in_group,
    can_view_group_content,
    is_secretariat,
    visible_group_ids,
)


def visible_sittings(user, queryset=None):
    """Sittings of groups (and meetings of groups) whose content the user may see."""
    return sittings_for_audience(live_audience(user), queryset)


def live_audience(user):
    """All that decides which sittings (and which of their entries) a user follows: None for the
    secretariat (every sitting), else the sorted ids of the groups whose content they may see.
    The live channel signs it into its URL, so a poll needs no session (floor/live.py)."""
    return None if is_secretariat(user) else tuple(sorted(visible_group_ids(user)))


def sittings_for_audience(audience, queryset=None):
    """The sittings an audience (see live_audience) follows: the one rule behind visible_sittings."""
    from floor.models import Sitting

    queryset = queryset if queryset is not None else Sitting.objects.all()
    if audience is None:
        return queryset
    return queryset.filter(session__group_id__in=audience, session__meeting__group_id__in=audience)


def visible_speaker_requests(user, queryset=None):
    from floor.models import SpeakerRequest

    queryset = queryset if queryset is not None else SpeakerRequest.objects.all()
    return queryset.filter(sitting__in=visible_sittings(user))


def visible_record_entries(user, queryset=None):
    """Filed entries of visible sittings; entries still being typed only to the secretariat."""
    from floor.models import RecordEntry

    queryset = queryset if queryset is not None else RecordEntry.objects.all()
    queryset = queryset.filter(sitting__in=visible_sittings(user))
    return queryset if is_secretariat(user) else queryset.filter(filed_at__isnull=False)


def visible_record_corrections(user, queryset=None):
    """The traces of corrections to the entries the user may see."""
    from floor.models import RecordCorrection

    queryset = queryset if queryset is not None else RecordCorrection.objects.all()
    return queryset.filter(entry__in=visible_record_entries(user))


def visible_draft_links(user, queryset=None):
    """What a draft from the floor put in a report: of working copies the user may read, and
    (for a block made from an entry) of entries the user may see."""
    from floor.models import DraftLink

    from .reports import visible_report_drafts

    queryset = queryset if queryset is not None else DraftLink.objects.all()
    queryset = queryset.filter(report__in=visible_report_drafts(user))
    return queryset.filter(Q(entry__isnull=True) | Q(entry__in=visible_record_entries(user)))


def can_follow_sitting(user, session):
    return can_view_group_content(user, session.group) and can_view_group_content(user, session.meeting.group)


def can_run_sitting(user, session):
    """Open and close the sitting, move through the agenda, give the floor: a current chair or
    vice-chair of the group that sits, or the secretariat (on the chair's behalf)."""
    return can_follow_sitting(user, session) and can_act_as_chair(user, session.group)


def can_record_sitting(user, session):
    return is_secretariat(user)


def can_use_chair_screen(user, session):
    """The chair's screen: those who run the sitting or keep its record."""
    return can_run_sitting(user, session) or can_record_sitting(user, session)


def can_ask_for_floor(user, session):
    """A delegate asks for the floor for their delegation: only where their organisation may take
    part (Member States alone on Dedicated Group items); the secretariat does not take the floor."""
    if not user.is_authenticated or user.organisation_id is None or is_secretariat(user):
        return False
    return can_take_part_in_group(user, session.group) and can_follow_sitting(user, session)


def can_draft_from_floor(user, meeting):
    return is_secretariat(user)


RUNS_THE_SITTING = gettext_lazy("Only the chair or the secretariat runs the sitting.")
# What a user is about to do with a sitting: the rule that allows it, and the reason of a refusal.
SITTING_RIGHTS = {
    "follow": (None, None),  # seeing it is following it (visible_sittings)
    "run": (can_run_sitting, RUNS_THE_SITTING),
    "screen": (can_use_chair_screen, RUNS_THE_SITTING),
    "record": (can_record_sitting, gettext_lazy("Only the secretariat keeps the session record.")),
    "ask": (can_ask_for_floor, gettext_lazy("Your delegation cannot take the floor in this sitting.")),
}


def get_sitting_or_404(user, pk, *, to="follow"):
    """The sitting `pk` if `user` may see it (else 404, as if it did not exist) and may do `to`
    with it (a key of SITTING_RIGHTS; else 403 with the reason)."""
    from floor.models import Sitting

    queryset = Sitting.objects.select_related("session__group__parent", "session__meeting__group", "current_item")
    sitting = _get_visible_or_404(visible_sittings(user, queryset), _("No such sitting."), pk=pk)
    allowed, reason = SITTING_RIGHTS[to]
    if allowed is not None and not allowed(user, sitting.session):
        raise PermissionDenied(reason)
    return sitting


def get_speaker_request_for_withdraw_or_404(user, pk):
    """A request the user's own delegation made (or any, for those who run the sitting)."""
    from floor.models import SpeakerRequest

    queryset = SpeakerRequest.objects.select_related("sitting__session__group__parent", "sitting__session__meeting")
    request = _get_visible_or_404(visible_speaker_requests(user, queryset), _("No such request."), pk=pk)
    own = user.organisation_id is not None and request.delegation_id == user.organisation_id
    if not (own or can_run_sitting(user, request.sitting.session)):
        raise PermissionDenied(_("Only your own delegation's request can be withdrawn."))
    return request


def get_record_entry_for_correct_or_404(user, pk):
    from floor.models import RecordEntry

    queryset = RecordEntry.objects.select_related("sitting__session__group__parent", "sitting__session__meeting")
    entry = _get_visible_or_404(visible_record_entries(user, queryset), _("No such entry."), pk=pk)
    if not can_record_sitting(user, entry.sitting.session):
        raise PermissionDenied(_("Only the secretariat keeps the session record."))
    return entry
