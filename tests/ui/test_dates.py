"""Dates on pages are UK dates, whatever clock the server keeps."""

import datetime as dt

from areasend.ui.jinja import localtime_text, long_date


def test_a_moment_late_on_a_summer_evening_is_dated_the_next_day_in_the_uk():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (British Summer Time).
    moment = dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.timezone.utc)
    assert long_date(moment) == "1 July 2026"
    assert localtime_text(moment) == "12:30am on 1 July 2026"


def test_in_winter_uk_time_is_utc():
    assert long_date(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.timezone.utc)) == "31 December 2026"
    assert long_date(dt.date(2026, 1, 5)) == "5 January 2026"
    assert long_date(None) == "Not known"
