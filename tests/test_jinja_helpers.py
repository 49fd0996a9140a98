"""The Jinja2 helpers that stand in for Django's filters print what those filters print."""

import datetime

import pytest
from django.conf import settings
from django.template import defaultfilters
from django.utils import translation

from wsisportal.jinja import FileSizes, short_day

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
        for day in [datetime.date(2009, 2, 1), datetime.date(2026, 12, 31), datetime.date(2027, 5, 9)]:
            assert short_day(day) == defaultfilters.date(day, "j M Y")
