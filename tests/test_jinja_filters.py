"""The Jinja2 environment's own filters print what Django's filters print (wsisportal/jinja.py)."""

import datetime

import pytest
from django.template import defaultfilters
from django.utils import timezone, translation

from wsisportal.jinja import short_moment

UTC = datetime.UTC


@pytest.mark.parametrize("language", ["en", "fr", "ar", "zh-hans", "ru", "es"])
@pytest.mark.parametrize(
    ("moment", "zone"),
    [
        (datetime.datetime(2009, 2, 1, 11, 0, tzinfo=UTC), "Europe/Zurich"),  # winter: CET
        (datetime.datetime(2009, 6, 30, 22, 30, tzinfo=UTC), "Europe/Zurich"),  # summer, next day: CEST
        (datetime.datetime(2009, 12, 31, 23, 59, tzinfo=UTC), "Asia/Riyadh"),  # new year in the zone
        (datetime.datetime(2009, 5, 4, 3, 5, tzinfo=UTC), "UTC"),
    ],
)
def test_short_moment_is_the_date_filter_in_the_zone(language, moment, zone):
    from zoneinfo import ZoneInfo

    with translation.override(language):
        expected = defaultfilters.date(timezone.localtime(moment, ZoneInfo(zone)), "j M Y H:i T")
        assert short_moment(moment, zone) == expected
