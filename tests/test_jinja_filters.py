"""The Jinja2 environment's own filters print what Django's filters print (wsisportal/jinja.py)."""

import datetime

import pytest
from django.conf import settings
from django.template import defaultfilters
from django.utils import timezone, translation

from wsisportal.jinja import FileSizes, short_day, short_moment

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


@pytest.mark.parametrize("language", ["en", "fr", "ar", "zh-hans", "ru", "es"])
def test_every_month_is_the_date_filters(language):
    with translation.override(language):
        for month in range(1, 13):
            moment = datetime.datetime(2009, month, 15, 12, 0, tzinfo=UTC)
            assert short_moment(moment, "UTC") == defaultfilters.date(timezone.localtime(moment, UTC), "j M Y H:i T")


SIZES = [1, 2, 729, 1023, 1024, 1025, 1536, 10_000, 1_048_575, 1_048_576, 5_500_000, 104_857_600,
         (1 << 30) - 1, 1 << 30, 3 << 40, 7 << 50, 1 << 61]  # fmt: skip


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_file_sizes_are_what_filesizeformat_prints(language):
    with translation.override(language):
        sizes = FileSizes()
        for size in SIZES:
            assert sizes(size) == defaultfilters.filesizeformat(size), (language, size)
            assert sizes(size) == defaultfilters.filesizeformat(size), (language, size)  # counted once


def test_a_value_the_filter_refuses_is_left_to_it():
    assert FileSizes()("x") == defaultfilters.filesizeformat("x")
    assert FileSizes()(-5) == defaultfilters.filesizeformat(-5)


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_short_day_is_the_date_filter(language):
    with translation.override(language):
        for day in [datetime.date(2009, month, 1) for month in range(1, 13)] + [datetime.date(2026, 12, 31)]:
            assert short_day(day) == defaultfilters.date(day, "j M Y")
