"""England working-day calendar (spec 9 'WD'; issue requirement 2)."""

import datetime as dt

import pytest
from govuk_bank_holidays.bank_holidays import BankHolidays
from hypothesis import given, settings
from hypothesis import strategies as st

from areasend.framework.calendar import ENGLAND, EXTRA_NON_WORKING_DAYS, WorkingDayCalendar, add_months

D = dt.date


def govuk_england_and_wales() -> set[dt.date]:
    """GOV.UK's own list, from the copy bundled with govuk-bank-holidays (no network)."""
    data = BankHolidays.load_backup_data()
    return {D.fromisoformat(event["date"]) for event in data["england-and-wales"]["events"]}


def test_cross_check_against_govuk_published_list_2012_to_2028():
    govuk = govuk_england_and_wales()
    assert min(govuk).year == 2012 and max(govuk).year >= 2028
    mismatches = []
    day = D(2012, 1, 1)
    while day <= D(2028, 12, 31):
        expected = day.weekday() < 5 and day not in govuk
        if ENGLAND.is_working_day(day) != expected:
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == []


def test_one_off_days_are_listed_as_data_and_are_not_working_days():
    dates = {item.date for item in EXTRA_NON_WORKING_DAYS}
    assert {D(2022, 9, 19), D(2023, 5, 8)} <= dates
    for day in dates:
        assert not ENGLAND.is_working_day(day)


def test_a_one_off_day_added_as_data_is_honoured():
    from areasend.framework.calendar import NonWorkingDay

    extra = EXTRA_NON_WORKING_DAYS + (NonWorkingDay(D(2031, 3, 5), "announced one-off day"),)
    calendar = WorkingDayCalendar(extra=extra)
    assert ENGLAND.is_working_day(D(2031, 3, 5))
    assert not calendar.is_working_day(D(2031, 3, 5))
    assert calendar.add_working_days(D(2031, 3, 4), 1) == D(2031, 3, 6)
    assert calendar.holiday_name(D(2031, 3, 5)) == "announced one-off day"


@pytest.mark.parametrize(
    "start, n, expected",
    [
        pytest.param(D(2023, 5, 5), 1, D(2023, 5, 9), id="coronation-8-may-2023"),
        pytest.param(D(2022, 9, 16), 1, D(2022, 9, 20), id="state-funeral-19-sep-2022"),
        pytest.param(D(2025, 4, 17), 1, D(2025, 4, 22), id="easter-2025"),
        pytest.param(D(2021, 12, 24), 1, D(2021, 12, 29), id="christmas-substitute-days-2021"),
        pytest.param(D(2025, 12, 24), 1, D(2025, 12, 29), id="christmas-2025"),
        pytest.param(D(2025, 4, 22), -1, D(2025, 4, 17), id="negative-over-easter"),
        pytest.param(D(2023, 5, 9), -1, D(2023, 5, 5), id="negative-over-coronation"),
        pytest.param(D(2025, 1, 6), 5, D(2025, 1, 13), id="plain-week"),
        pytest.param(D(2025, 1, 4), 0, D(2025, 1, 4), id="zero-keeps-the-date"),
        pytest.param(D(2025, 1, 1), 253, D(2025, 12, 31), id="a-whole-year-2025"),
        pytest.param(D(2025, 12, 31), -253, D(2024, 12, 31), id="a-whole-year-back-skips-new-year"),
    ],
)
def test_add_working_days(start, n, expected):
    assert ENGLAND.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    "start, end, expected",
    [
        pytest.param(D(2023, 5, 1), D(2023, 5, 31), 20, id="may-2023-three-bank-holidays"),
        pytest.param(D(2025, 1, 1), D(2025, 12, 31), 253, id="year-2025"),
        pytest.param(D(2025, 1, 6), D(2025, 1, 6), 0, id="same-day"),
        pytest.param(D(2025, 1, 10), D(2025, 1, 13), 1, id="over-a-weekend"),
        pytest.param(D(2025, 1, 13), D(2025, 1, 10), -1, id="backwards"),
    ],
)
def test_working_days_between(start, end, expected):
    assert ENGLAND.working_days_between(start, end) == expected


def test_next_and_previous_working_day():
    assert ENGLAND.next_working_day(D(2023, 5, 5)) == D(2023, 5, 9)
    assert ENGLAND.previous_working_day(D(2023, 5, 9)) == D(2023, 5, 5)
    assert ENGLAND.on_or_after(D(2025, 5, 5)) == D(2025, 5, 6)
    assert ENGLAND.on_or_after(D(2025, 5, 6)) == D(2025, 5, 6)
    assert ENGLAND.on_or_before(D(2025, 5, 4)) == D(2025, 5, 2)


def test_reasons_for_non_working_days_read_as_sentences():
    assert ENGLAND.describe_non_working(D(2023, 5, 8)) == "8 May 2023 is a bank holiday (Coronation of Charles III)"
    assert ENGLAND.describe_non_working(D(2025, 1, 4)) == "4 January 2025 is a Saturday"
    assert ENGLAND.describe_non_working(D(2025, 1, 6)) == ""


def test_dates_and_counts_are_written_as_people_write_them():
    from areasend.framework.calendar import plural, written_date

    assert written_date(D(2026, 12, 5)) == "5 December 2026"
    assert plural(1, "working days") == "1 working day"
    assert plural(2, "working days") == "2 working days"


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2024, 3, 15), 18, D(2025, 9, 15)),
        (D(2023, 8, 31), 18, D(2025, 2, 28)),
        (D(2022, 8, 31), 18, D(2024, 2, 29)),
        (D(2024, 12, 31), 1, D(2025, 1, 31)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


dates = st.dates(min_value=D(2012, 1, 1), max_value=D(2030, 12, 31))
counts = st.integers(min_value=-800, max_value=800)


@settings(max_examples=300, deadline=None)
@given(dates, counts)
def test_property_add_then_between_round_trips(day, n):
    assert ENGLAND.working_days_between(day, ENGLAND.add_working_days(day, n)) == n


@settings(max_examples=300, deadline=None)
@given(dates, counts.filter(lambda n: n != 0))
def test_property_results_are_working_days(day, n):
    assert ENGLAND.is_working_day(ENGLAND.add_working_days(day, n))


@settings(max_examples=300, deadline=None)
@given(dates, counts)
def test_property_monotone_in_n(day, n):
    assert ENGLAND.add_working_days(day, n) < ENGLAND.add_working_days(day, n + 1)


@settings(max_examples=200, deadline=None)
@given(dates, dates)
def test_property_between_then_add_lands_on_end_when_end_is_a_working_day(start, end):
    end = ENGLAND.on_or_after(end)
    assert ENGLAND.add_working_days(start, ENGLAND.working_days_between(start, end)) == end or start == end


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=0, max_value=400))
def test_property_between_matches_a_day_by_day_count(start, span):
    end = start + dt.timedelta(days=span)
    slow = sum(
        1 for offset in range(1, span + 1) if ENGLAND.is_working_day(start + dt.timedelta(days=offset))
    )
    assert ENGLAND.working_days_between(start, end) == slow


def test_module_level_shortcuts_use_the_england_calendar():
    from areasend import framework as fw
    from areasend.framework import calendar

    assert calendar.add_working_days(D(2023, 5, 5), 1) == fw.add_working_days(D(2023, 5, 5), 1) == D(2023, 5, 9)
    assert calendar.working_days_between(D(2023, 5, 5), D(2023, 5, 9)) == 1
    assert not calendar.is_working_day(D(2022, 9, 19))
    assert calendar.next_working_day(D(2022, 9, 16)) == D(2022, 9, 20)
    assert calendar.previous_working_day(D(2022, 9, 20)) == D(2022, 9, 16)
