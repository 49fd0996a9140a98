"""Notifications: who is told about a group's content, and which notices a user's inbox shows."""

from django.db.models import Q

from meetings.models import OrganisationKind

from .groups import effective_audience, visible_group_ids


def group_audience(group):
    """Active users who may see `group`'s content (can_view_group_content as a query): the
    secretariat, superusers, and users whose organisation's category may take part in the group
    and every group above it. Callers narrow it further with the noun's own predicate."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True).select_related("organisation")
    return users.filter(
        Q(is_superuser=True)
        | Q(organisation__kind=OrganisationKind.SECRETARIAT)
        | Q(organisation__kind__in=sorted(effective_audience(group)))
    ).order_by("pk")


def visible_notifications(user, queryset=None):
    """The user's own notices about groups whose content they may (still) see."""
    from inbox.models import Notification

    if not user.is_authenticated:
        return Notification.objects.none()
    queryset = queryset if queryset is not None else Notification.objects.all()
    return queryset.filter(recipient=user, group_id__in=visible_group_ids(user))
