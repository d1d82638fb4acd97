"""England working-day calendar.

A working day is a Monday to Friday that is not an England and Wales bank
holiday. Bank holidays come from the ``holidays`` library (country ``UK``,
subdivision England), which includes the one-off days proclaimed for royal
events. One-off days are also kept here as data
(:data:`EXTRA_NON_WORKING_DAYS`), so a day proclaimed after the installed
library was released can be added in one place.

Counting convention (used throughout the framework):

* ``add_working_days(d, n)`` with ``n > 0`` is the n-th working day after
  ``d``; with ``n < 0`` the n-th working day before ``d``; ``n == 0``
  returns ``d`` unchanged.
* ``working_days_between(start, end)`` counts the working days after
  ``start`` up to and including ``end``. When ``end`` is before ``start`` it
  is minus the number of working days from ``end`` (included) up to
  ``start`` (excluded), so ``working_days_between(d, add_working_days(d, n))
  == n`` for every ``d`` and ``n``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

import holidays

__all__ = [
    "ENGLAND",
    "EXTRA_NON_WORKING_DAYS",
    "NonWorkingDay",
    "WorkingDayCalendar",
    "add_months",
    "add_working_days",
    "written_date",
    "bank_holidays_in_year",
    "is_working_day",
    "next_working_day",
    "plural",
    "previous_working_day",
    "working_days_between",
]

SATURDAY = 5
SUNDAY = 6


@dataclass(frozen=True)
class NonWorkingDay:
    """A one-off bank holiday proclaimed for a single year."""

    date: dt.date
    name: str


#: One-off England and Wales bank holidays. The ``holidays`` library already
#: carries these; listing them here keeps the calendar right even if a day is
#: proclaimed after the installed library version. Add new proclamations here.
EXTRA_NON_WORKING_DAYS: tuple[NonWorkingDay, ...] = (
    NonWorkingDay(dt.date(2012, 6, 5), "Diamond Jubilee of Elizabeth II"),
    NonWorkingDay(dt.date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
    NonWorkingDay(dt.date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
    NonWorkingDay(dt.date(2023, 5, 8), "Coronation of King Charles III"),
)


@lru_cache(maxsize=256)
def bank_holidays_in_year(year: int) -> tuple[tuple[dt.date, str], ...]:
    """England and Wales bank holidays in ``year`` from the ``holidays`` library.

    Includes days that fall at a weekend (the library lists both the day and
    its substitute); weekends are non-working anyway.
    """
    table = holidays.country_holidays("UK", subdiv="England", years=year)
    return tuple(sorted(table.items()))


def written_date(day: dt.date) -> str:
    """A date as people write it: 5 December 2026 (the GOV.UK style)."""
    return f"{day.day} {day:%B %Y}"


def plural(amount: int, unit: str) -> str:
    """"1 working day", "2 working days": ``unit`` is given in the plural."""
    if amount == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{amount} {unit}"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months, clamped to the month's last day.

    31 August plus 18 months is 28 or 29 February.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    if month == 12:
        last = 31
    else:
        last = (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class WorkingDayCalendar:
    """Weekends plus bank holidays plus ``extra`` one-off days are non-working."""

    extra: tuple[NonWorkingDay, ...] = EXTRA_NON_WORKING_DAYS
    weekend: frozenset[int] = field(default=frozenset({SATURDAY, SUNDAY}))

    # -- lookups -------------------------------------------------------
    def holidays_in_year(self, year: int) -> Mapping[dt.date, str]:
        """Every non-working day in ``year`` that is not a weekend day, with its name."""
        return _holiday_map(self, year)

    def holiday_name(self, day: dt.date) -> str | None:
        """Name of the bank holiday on ``day``, or ``None``."""
        return self.holidays_in_year(day.year).get(day)

    def is_working_day(self, day: dt.date) -> bool:
        """True when ``day`` is a weekday and not a bank holiday."""
        return day.weekday() not in self.weekend and day not in self.holidays_in_year(day.year)

    def describe_non_working(self, day: dt.date) -> str:
        """Plain-English reason why ``day`` is not a working day ("" if it is one)."""
        name = self.holiday_name(day)
        if name:
            return f"{written_date(day)} is a bank holiday ({name})"
        if day.weekday() in self.weekend:
            return f"{written_date(day)} is a {day.strftime('%A')}"
        return ""

    # -- moving --------------------------------------------------------
    def next_working_day(self, day: dt.date) -> dt.date:
        """First working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """Last working day strictly before ``day``."""
        return self.add_working_days(day, -1)

    def on_or_after(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next working day."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def on_or_before(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the previous working day."""
        return day if self.is_working_day(day) else self.previous_working_day(day)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (before it when ``n`` < 0)."""
        step = dt.timedelta(days=1 if n > 0 else -1)
        remaining = abs(n)
        current = day
        # Jump whole weeks first: each holiday-free week holds exactly
        # 7 - len(weekend) working days; holidays are corrected day by day.
        per_week = 7 - len(self.weekend)
        while remaining > per_week * 2:
            weeks = remaining // per_week - 1
            target = current + step * (7 * weeks)
            lo, hi = (current, target) if n > 0 else (target, current)
            counted = self._count_after(lo, hi) if n > 0 else self._count_from(lo, hi)
            current = target
            remaining -= counted
        while remaining > 0:
            current += step
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``.

        Negative when ``end`` is before ``start`` (see module docstring).
        """
        if end >= start:
            return self._count_after(start, end)
        return -self._count_from(end, start)

    def working_days_in(self, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
        """Every working day from ``first`` to ``last``, both included."""
        out = []
        current = first
        while current <= last:
            if self.is_working_day(current):
                out.append(current)
            current += dt.timedelta(days=1)
        return tuple(out)

    # -- counting helpers ---------------------------------------------
    def _count_after(self, start: dt.date, end: dt.date) -> int:
        """Working days in the half-open interval (start, end]."""
        return self._weekdays_upto(end) - self._weekdays_upto(start) - self._holidays_in(start, end)

    def _count_from(self, start: dt.date, end: dt.date) -> int:
        """Working days in the half-open interval [start, end)."""
        return self._count_after(start - dt.timedelta(days=1), end - dt.timedelta(days=1))

    def _weekdays_upto(self, day: dt.date) -> int:
        """Non-weekend days from a fixed epoch Monday up to ``day`` (signed)."""
        ordinal = day.toordinal()  # ordinal 1 is Monday 1 January year 1
        weeks, rest = divmod(ordinal - 1, 7)
        per_week = 7 - len(self.weekend)
        partial = sum(1 for weekday in range(rest + 1) if weekday not in self.weekend)
        return weeks * per_week + partial

    def _holidays_in(self, start: dt.date, end: dt.date) -> int:
        """Non-weekend holidays in (start, end]."""
        total = 0
        for year in range(start.year, end.year + 1):
            for day in self.holidays_in_year(year):
                if start < day <= end and day.weekday() not in self.weekend:
                    total += 1
        return total


@lru_cache(maxsize=1024)
def _holiday_map_cached(extra: tuple[NonWorkingDay, ...], year: int) -> Mapping[dt.date, str]:
    table = dict(bank_holidays_in_year(year))
    for item in extra:
        if item.date.year == year:
            table.setdefault(item.date, item.name)
    return MappingProxyType(table)


def _holiday_map(calendar: WorkingDayCalendar, year: int) -> Mapping[dt.date, str]:
    return _holiday_map_cached(calendar.extra, year)


#: The default calendar: England, with the one-off days above.
ENGLAND = WorkingDayCalendar()


def is_working_day(day: dt.date) -> bool:
    """True when ``day`` is an England working day."""
    return ENGLAND.is_working_day(day)


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The ``n``-th England working day after ``day`` (before it when ``n`` < 0)."""
    return ENGLAND.add_working_days(day, n)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """England working days after ``start`` up to and including ``end``."""
    return ENGLAND.working_days_between(start, end)


def next_working_day(day: dt.date) -> dt.date:
    """First England working day strictly after ``day``."""
    return ENGLAND.next_working_day(day)


def previous_working_day(day: dt.date) -> dt.date:
    """Last England working day strictly before ``day``."""
    return ENGLAND.previous_working_day(day)
