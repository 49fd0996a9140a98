"""Running a sitting: opening it, moving through the adopted agenda, the list of speakers and
the floor. Every change runs in one transaction that locks the sitting's row first (so the
queue's positions are allocated one at a time, on PostgreSQL as on SQLite) and moves the
sitting's `version` on, which is all the live channel compares."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.agenda_tree import build_tree, flatten
from meetings.models import Agenda, AgendaStatus

from .models import PRIORITY, RequestKind, RequestStatus, Sitting, SpeakerRequest


def locked(sitting):
    """The sitting's row, locked until the end of the transaction, re-read."""
    return Sitting.objects.select_for_update().select_related("session__meeting", "session__group").get(pk=sitting.pk)


def bump(sitting, **updates):
    """Move the version on (and write `updates`): everyone following sees the change."""
    Sitting.objects.filter(pk=sitting.pk).update(version=F("version") + 1, **updates)
    sitting.refresh_from_db()
    return sitting


def agenda_for(meeting):
    """The agenda a sitting moves through: the latest adopted version, else the latest one."""
    agendas = Agenda.objects.filter(meeting=meeting).order_by("-version")
    return agendas.filter(status=AgendaStatus.ADOPTED).first() or agendas.first()


def agenda_order(meeting):
    """The items of the sitting's agenda in agenda order (7, 7a, 7b, 8 …), each carrying its
    shown number (`number`), `depth` and top-level item (`top`)."""
    agenda = agenda_for(meeting)
    if agenda is None:
        return []
    items = []
    for top in build_tree(list(agenda.items.all())):
        for node in flatten([top]):
            node.item.number, node.item.depth, node.item.top = node.label, node.depth, top.item
            items.append(node.item)
    return items


@transaction.atomic
def open_sitting(*, session, by, now=None):
    """Open (or reopen) the sitting of `session` on the first item of the agenda (a reopened one
    stays where it was). Side effects: the Sitting row; its version moves on."""
    now = now or timezone.now()
    items = agenda_order(session.meeting)
    if not items:
        raise ValidationError(_("The meeting has no agenda to move through yet."))
    sitting = Sitting.objects.filter(session=session).first()
    if sitting is None:
        try:
            with transaction.atomic():
                return Sitting.objects.create(session=session, opened_at=now, opened_by=by, current_item=items[0])
        except IntegrityError:  # opened at the same moment by someone else
            sitting = Sitting.objects.get(session=session)
    return bump(locked(sitting), closed_at=None)


@transaction.atomic
def close_sitting(*, sitting, now=None):
    """Close the sitting: whoever has the floor yields it. Side effects: rows; version."""
    now = now or timezone.now()
    sitting = locked(sitting)
    _end_floor(sitting, now)
    return bump(sitting, closed_at=now)


@transaction.atomic
def move_to_item(*, sitting, item=None, step=0, now=None):
    """Move the discussion to `item`, or `step` items on (+1 next, -1 previous) in agenda order.
    Whoever has the floor yields it; the new item's list of speakers starts open.
    Side effects: the sitting row; version."""
    now = now or timezone.now()
    sitting = locked(sitting)
    _require_open(sitting)
    items = agenda_order(sitting.session.meeting)
    if item is None:
        ids = [i.pk for i in items]
        index = ids.index(sitting.current_item_id) if sitting.current_item_id in ids else -1
        target = index + step
        if not 0 <= target < len(items):
            raise ValidationError(_("There is no item further in that direction."))
        item = items[target]
    elif item.pk not in {i.pk for i in items}:
        raise ValidationError(_("That item is not on the meeting's agenda."))
    _end_floor(sitting, now)
    return bump(sitting, current_item=item, list_closed=False)


@transaction.atomic
def set_list_closed(*, sitting, closed):
    """Close (or reopen) the list of speakers on the current item. Side effects: row; version."""
    sitting = locked(sitting)
    _require_open(sitting)
    return bump(sitting, list_closed=closed)


@transaction.atomic
def set_speaking_limit(*, sitting, seconds):
    if not 0 <= seconds <= 3600:
        raise ValidationError(_("A speaking time limit is between 0 (none) and 3600 seconds."))
    sitting = locked(sitting)
    return bump(sitting, speaking_limit=seconds)


@transaction.atomic
def request_floor(*, sitting, user, kind=RequestKind.SPEAKER, now=None):
    """Put the user's delegation on the list for the current item. Points of order and rights
    of reply are taken also when the list is closed; each delegation is on the list once per
    kind. The time is read once the sitting's row is locked, so places and times agree.
    Side effects: one SpeakerRequest at the next position; version."""
    sitting = locked(sitting)
    now = now or timezone.now()
    _require_open(sitting)
    if sitting.current_item_id is None:
        raise ValidationError(_("No item is under discussion."))
    if kind == RequestKind.SPEAKER and sitting.list_closed:
        raise ValidationError(_("The list of speakers on this item is closed."))
    waiting = SpeakerRequest.objects.filter(
        sitting=sitting, item_id=sitting.current_item_id, delegation_id=user.organisation_id, kind=kind
    )
    if waiting.filter(status=RequestStatus.WAITING).exists():
        raise ValidationError(_("Your delegation is already on the list."))
    position = (SpeakerRequest.objects.filter(sitting=sitting).aggregate(p=Max("position"))["p"] or 0) + 1
    request = SpeakerRequest.objects.create(
        sitting=sitting,
        item_id=sitting.current_item_id,
        delegation_id=user.organisation_id,
        requested_by=user,
        kind=kind,
        position=position,
        requested_at=now,
    )
    bump(sitting)
    return request


@transaction.atomic
def withdraw_request(*, request):
    sitting = locked(request.sitting)
    updated = SpeakerRequest.objects.filter(pk=request.pk, status=RequestStatus.WAITING).update(
        status=RequestStatus.WITHDRAWN
    )
    if not updated:
        raise ValidationError(_("This request is no longer waiting."))
    bump(sitting)


@transaction.atomic
def give_floor(*, sitting, request=None, now=None):
    """Give the floor to `request`, or to the first in the queue (points of order, then rights of
    reply, then speakers in the order they asked). Whoever had it yields it.
    Side effects: the requests' status and times; version."""
    now = now or timezone.now()
    sitting = locked(sitting)
    _require_open(sitting)
    if request is None:
        request = next(iter(queue(sitting)), None)
        if request is None:
            raise ValidationError(_("Nobody is waiting for the floor."))
    elif request.sitting_id != sitting.pk or request.item_id != sitting.current_item_id:
        raise ValidationError(_("That request is not on the current item's list."))
    _end_floor(sitting, now)
    updated = SpeakerRequest.objects.filter(pk=request.pk, status=RequestStatus.WAITING).update(
        status=RequestStatus.SPEAKING, started_at=now
    )
    if not updated:
        raise ValidationError(_("This request is no longer waiting."))
    bump(sitting)
    request.refresh_from_db()
    return request


@transaction.atomic
def end_floor(*, sitting, now=None):
    """The speaker yields the floor. Side effects: the request's end time; version."""
    sitting = locked(sitting)
    _end_floor(sitting, now or timezone.now())
    return bump(sitting)


def _end_floor(sitting, now):
    SpeakerRequest.objects.filter(sitting=sitting, status=RequestStatus.SPEAKING).update(
        status=RequestStatus.SPOKE, ended_at=now
    )


def _require_open(sitting):
    if not sitting.is_open:
        raise ValidationError(_("This sitting is closed."))


# ---------------------------------------------------------------------------------------------
# Reading the floor


def queue(sitting, item_id=None):
    """The waiting requests on the item (default: the current one) in the order the floor is
    given: points of order, rights of reply, then speakers, each in the order they asked."""
    item_id = item_id or sitting.current_item_id
    waiting = SpeakerRequest.objects.filter(sitting=sitting, item_id=item_id, status=RequestStatus.WAITING)
    return sorted(waiting.select_related("delegation"), key=lambda r: (PRIORITY[r.kind], r.position))


def speaking(sitting):
    return (
        SpeakerRequest.objects.filter(sitting=sitting, status=RequestStatus.SPEAKING)
        .select_related("delegation")
        .first()
    )


def delegation_totals(sitting, item_id=None):
    """Per delegation on the item: interventions (given the floor) and total seconds spoken
    (the current speaker counted up to now), longest first."""
    item_id = item_id or sitting.current_item_id
    now = timezone.now()
    totals = {}
    taken = SpeakerRequest.objects.filter(
        sitting=sitting, item_id=item_id, status__in=[RequestStatus.SPOKE, RequestStatus.SPEAKING]
    ).select_related("delegation")
    for request in taken:
        row = totals.setdefault(request.delegation_id, {"delegation": request.delegation, "count": 0, "seconds": 0})
        row["count"] += 1
        row["seconds"] += int(((request.ended_at or now) - request.started_at).total_seconds())
    return sorted(totals.values(), key=lambda r: (-r["seconds"], r["delegation"].name))


def open_sittings_of(meeting):
    return Sitting.objects.filter(session__meeting=meeting, closed_at__isnull=True)


def request_counts(sitting):
    return dict(
        SpeakerRequest.objects.filter(sitting=sitting, status=RequestStatus.WAITING)
        .values_list("item_id")
        .annotate(n=Count("pk"))
    )
