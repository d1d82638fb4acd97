"""The core's report clock decides what counts as on time."""

import datetime as dt

import pytest

from areasend import framework as fw


def test_published_on_the_due_day_is_on_time_and_a_day_later_is_not():
    end = dt.date(2024, 3, 8)  # a Friday
    due = fw.publication_clock(fw.get_version("2023"), end).publication_due.date
    on = fw.report_time("2023", end, due)
    late = fw.report_time("2023", end, fw.next_working_day(due))
    assert on.on_time and on.working_days == on.allowed_working_days == 33
    assert not late.on_time and late.working_days == 34 and late.working_days_late == 1


def test_median_and_share():
    end = dt.date(2024, 3, 8)
    times = [fw.report_time("2023", end, fw.add_working_days(end, n)) for n in (20, 33, 40, 60)]
    assert fw.median_working_days(times) == 36.5
    assert fw.share_on_time(times) == 0.5
    assert fw.median_working_days([]) is None and fw.share_on_time([]) is None


def test_publication_before_the_end_of_on_site_is_refused():
    with pytest.raises(ValueError, match="before on-site ends"):
        fw.report_time("2023", dt.date(2024, 3, 8), dt.date(2024, 3, 1))
