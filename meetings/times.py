"""Showing times: in the meeting's zone, with the viewer's own zone beside it where it differs."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings


def viewer_zone(user):
    """The zone the viewer set on their profile, else the portal's default zone."""
    name = getattr(user, "time_zone", "") or settings.TIME_ZONE
    return ZoneInfo(name)


@dataclass
class ShownTime:
    local: object  # aware, in the meeting's zone
    viewer: object  # aware, in the viewer's zone, or None when it is the same zone

    @property
    def zone_name(self):
        return self.local.tzinfo.key


def show(moment, meeting_zone, zone_of_viewer):
    """`moment` (aware) in the meeting's zone, and in the viewer's zone only if it differs."""
    if moment is None:
        return None
    local = moment.astimezone(meeting_zone)
    if zone_of_viewer.key == meeting_zone.key:
        return ShownTime(local, None)
    return ShownTime(local, moment.astimezone(zone_of_viewer))
