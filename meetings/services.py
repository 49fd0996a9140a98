"""Multi-row actions of the meetings app: agenda editing with its optimistic lock, the agenda
lifecycle, the time-management plan, registration and attendance.

Every agenda edit carries the `revision` the editor saw. The edit runs only if the agenda still
has that revision (one conditional UPDATE bumps it), so two editors never silently overwrite
each other: the second gets EditConflict (wsisportal/optimistic.py) and is shown the current
version.
"""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from inbox import notices
from wsisportal.optimistic import EditConflict, claim

from .models import Agenda, AgendaItem, AgendaStatus, FeedToken, Meeting, MeetingStatus, Participant, TimePlanAdoption


class AgendaFrozen(Exception):
    """The agenda is adopted: it can only be amended as a new version."""


def _claim_revision(agenda, revision):
    """Bump the agenda's revision if it is still `revision` and the agenda is not adopted.

    Side effects: agenda.revision (row and object). Raises AgendaFrozen or EditConflict."""
    try:
        claim(
            agenda,
            field="revision",
            expected=revision,
            queryset=Agenda.objects.exclude(status=AgendaStatus.ADOPTED),
            message=_("Someone else changed this agenda while you were editing it. Your change was not saved."),
        )
    except EditConflict as conflict:
        if conflict.current is not None and conflict.current.status == AgendaStatus.ADOPTED:
            raise AgendaFrozen(
                _("This agenda has been adopted and is frozen; amend it to start a new version.")
            ) from None
        raise


def _renumber(siblings):
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position", "parent"])


def _siblings(agenda, parent_id):
    return list(agenda.items.filter(parent_id=parent_id).order_by("position", "pk"))


@transaction.atomic
def create_agenda(*, meeting):
    """The first draft of a meeting's agenda (or the existing latest version).

    Side effects: one Agenda row."""
    latest = meeting.agendas.order_by("-version").first()
    return latest or Agenda.objects.create(meeting=meeting, version=1)


@transaction.atomic
def add_agenda_item(*, agenda, revision, parent=None, title, description="", presenter="", label=""):
    """Append an item at the end of `parent`'s children (or of the top level).

    Side effects: one AgendaItem row; agenda.revision + 1."""
    _claim_revision(agenda, revision)
    last = agenda.items.filter(parent=parent).aggregate(m=Max("position"))["m"]
    return AgendaItem.objects.create(
        agenda=agenda,
        parent=parent,
        position=0 if last is None else last + 1,
        title=title,
        description=description,
        presenter=presenter,
        label=label,
    )


@transaction.atomic
def update_agenda_item(*, item, revision, title, description, presenter, label):
    """Change an item's text. Side effects: the item row; agenda.revision + 1."""
    _claim_revision(item.agenda, revision)
    item.title, item.description, item.presenter, item.label = title, description, presenter, label
    item.save(update_fields=["title", "description", "presenter", "label"])
    return item


@transaction.atomic
def delete_agenda_item(*, item, revision):
    """Delete an item and its sub-items; siblings close the gap.

    Side effects: deletes rows; renumbers siblings; agenda.revision + 1."""
    agenda = item.agenda
    _claim_revision(agenda, revision)
    parent_id = item.parent_id
    item.delete()
    _renumber(_siblings(agenda, parent_id))


@transaction.atomic
def move_agenda_item(*, item, revision, direction):
    """Move an item "up" or "down" among its siblings, "in" (under the previous sibling) or
    "out" (after its parent). A move that is not possible changes nothing but the revision.

    Side effects: parent/position of the item and its siblings; agenda.revision + 1."""
    agenda = item.agenda
    _claim_revision(agenda, revision)
    siblings = _siblings(agenda, item.parent_id)
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    if direction in ("up", "down"):
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
        _renumber(siblings)
    elif direction == "in" and index > 0:
        new_parent = siblings[index - 1]
        _reparent(item, new_parent, _siblings(agenda, new_parent.pk) + [item])
        _renumber([s for s in siblings if s.pk != item.pk])
    elif direction == "out" and item.parent_id is not None:
        parent = item.parent
        outer = [s for s in _siblings(agenda, parent.parent_id)]
        at = next(i for i, s in enumerate(outer) if s.pk == parent.pk)
        outer.insert(at + 1, item)
        _reparent(item, parent.parent, outer)
        _renumber([s for s in siblings if s.pk != item.pk])


def _reparent(item, parent, new_siblings):
    item.parent = parent
    item.position = -1  # forces the save in _renumber
    _renumber(new_siblings)


@transaction.atomic
def reorder_agenda(*, agenda, revision, order):
    """Apply a whole tree order from the editor: `order` lists (item id, parent id or None)
    depth-first. Every item of the agenda must be listed once; parents must precede children.

    Side effects: parent/position of every item; agenda.revision + 1. ValueError if invalid."""
    _claim_revision(agenda, revision)
    items = {i.pk: i for i in agenda.items.all()}
    seen, positions = set(), {}
    if sorted(pk for pk, _ in order) != sorted(items):
        raise ValueError(_("The order does not list every item of this agenda exactly once."))
    for pk, parent_id in order:
        if parent_id is not None and parent_id not in seen:
            raise ValueError(_("An item was placed under an item that does not precede it."))
        seen.add(pk)
        item = items[pk]
        item.parent_id = parent_id
        item.position = positions.get(parent_id, 0)
        positions[parent_id] = item.position + 1
        item.save(update_fields=["parent", "position"])


@transaction.atomic
def circulate_agenda(*, agenda, revision):
    """Make a draft visible to the participants. Side effects: status; agenda.revision + 1; notices."""
    _claim_revision(agenda, revision)
    agenda.status = AgendaStatus.CIRCULATED
    agenda.save(update_fields=["status"])
    notices.agenda_circulated(agenda=agenda)


@transaction.atomic
def adopt_agenda(*, agenda, revision, user, adopted_as, adopted_on, on_behalf_of_chair):
    """Record the chair's adoption "as drafted" or "as amended"; the version is then frozen.

    Side effects: status, adopted_* fields; agenda.revision + 1; notices to the participants."""
    _claim_revision(agenda, revision)
    agenda.status = AgendaStatus.ADOPTED
    agenda.adopted_as = adopted_as
    agenda.adopted_on = adopted_on
    agenda.adopted_by = user
    agenda.adopted_on_behalf_of_chair = on_behalf_of_chair
    agenda.save(update_fields=["status", "adopted_as", "adopted_on", "adopted_by", "adopted_on_behalf_of_chair"])
    notices.agenda_adopted(agenda=agenda, by=user)
    return agenda


@transaction.atomic
def amend_agenda(*, agenda):
    """Start the next version of an adopted agenda as a draft copy of it (items keep their
    lineage so versions can be compared).

    Side effects: one Agenda row and one AgendaItem row per item. ValueError if not adopted
    or a later version exists."""
    locked = Agenda.objects.select_for_update().get(pk=agenda.pk)
    if locked.status != AgendaStatus.ADOPTED:
        raise ValueError(_("Only an adopted agenda can be amended; edit the draft instead."))
    if locked.meeting.agendas.filter(version__gt=locked.version).exists():
        raise ValueError(_("A later version of this agenda already exists."))
    new = Agenda.objects.create(meeting=locked.meeting, version=locked.version + 1)
    copies = {}
    for item in locked.items.order_by("parent_id", "position"):  # NULL parents first
        copies[item.pk] = AgendaItem.objects.create(
            agenda=new,
            parent=copies.get(item.parent_id),
            position=item.position,
            label=item.label,
            title=item.title,
            description=item.description,
            presenter=item.presenter,
            lineage=item.lineage,
        )
    return new


class DatesNotProposed(Exception):
    """The meeting's dates are not (or no longer) proposed: there is nothing to confirm."""


@transaction.atomic
def confirm_meeting_dates(*, meeting, start_date, end_date):
    """Confirm a proposed meeting's dates, as proposed or as moved when confirmed: the meeting is
    then planned. Side effects: the meeting row (dates, status). Raises DatesNotProposed if
    someone confirmed it first (the row is locked while it is checked)."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.status != MeetingStatus.PROPOSED:
        raise DatesNotProposed(_("The dates of this meeting are already confirmed."))
    locked.start_date, locked.end_date, locked.status = start_date, end_date, MeetingStatus.PLANNED
    locked.save(update_fields=["start_date", "end_date", "status"])
    return locked


@transaction.atomic
def adopt_time_plan(*, meeting, user, adopted_on, on_behalf_of_chair):
    """Record the adoption of the time-management plan. Side effects: one TimePlanAdoption row."""
    adoption, _created = TimePlanAdoption.objects.update_or_create(
        meeting=meeting,
        defaults={"adopted_on": adopted_on, "adopted_by": user, "on_behalf_of_chair": on_behalf_of_chair},
    )
    return adoption


@transaction.atomic
def register_participant(*, meeting, user, now=None):
    """Register a delegate for a meeting on behalf of the organisation they represent
    (registering twice changes nothing). Side effects: one Participant row."""
    participant, _created = Participant.objects.get_or_create(
        meeting=meeting,
        user=user,
        defaults={"organisation": user.organisation, "registered_at": now or timezone.now()},
    )
    return participant


@transaction.atomic
def record_attendance(*, meeting, attended_ids):
    """Set who attended: exactly the participants whose ids are given.

    Side effects: Participant.attended of every participant of the meeting."""
    participants = meeting.participants.all()
    participants.filter(pk__in=attended_ids).update(attended=True)
    participants.exclude(pk__in=attended_ids).update(attended=False)


def today_in(zone, now=None):
    """The date in a zone at `now` (the adoption date defaults to the meeting's local day)."""
    return (now or timezone.now()).astimezone(zone).date() if zone else datetime.date.today()


@transaction.atomic
def reset_feed_token(*, user, now=None):
    """Give `user` new private feed and calendar URLs and return their token (shown once; only its
    digest is stored). Side effects: replaces the user's FeedToken row, so every URL with the old
    token answers 404 from now on."""
    from wsisportal.feed_tokens import new_token

    token, digest = new_token()
    FeedToken.objects.update_or_create(user=user, defaults={"digest": digest, "created_at": now or timezone.now()})
    return token
