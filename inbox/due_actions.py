"""Reminders of action items coming due: each open action item with a due date within the next
days is announced to the users of its organisations once for that due date."""

import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from reports.models import ActionStatus, Block, BlockKind
from wsisportal import access

from . import notices
from .models import ActionDueNotice


def items_coming_due(*, today, days):
    """Open action items due from `today` to `today + days` not yet announced for that due date."""
    told = ActionDueNotice.objects.filter(block=OuterRef("pk"), due_date=OuterRef("due_date"))
    return (
        Block.objects.filter(
            kind=BlockKind.ACTION,
            action_status=ActionStatus.OPEN,
            due_date__gte=today,
            due_date__lte=today + datetime.timedelta(days=days),
        )
        .exclude(Exists(told))
        .select_related("report__group", "report__meeting")
        .prefetch_related("owners")
        .order_by("due_date", "pk")
    )


def notify_due_actions(*, days=7, now=None):
    """Announce each item coming due to the users of its organisations who may see it. Side
    effects: an ActionDueNotice per item (the guarantee, with its unique constraint, that it is
    never announced twice for a due date), their notifications and e-mails. Returns the count."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    count = 0
    for block in items_coming_due(today=today, days=days):
        owners = [o.pk for o in block.owners.all()]
        candidates = get_user_model().objects.filter(is_active=True, organisation_id__in=owners)
        users = [u for u in candidates.select_related("organisation") if _sees(u, block)]
        try:
            with transaction.atomic():
                ActionDueNotice.objects.create(block=block, due_date=block.due_date, notified_at=now)
                notices.action_coming_due(block=block, users=users, now=now)
        except IntegrityError:  # another run announced it meanwhile
            continue
        count += 1
    return count


def _sees(user, block):
    return access.visible_action_items(user, Block.objects.filter(pk=block.pk)).exists()
