"""When inspections are not scheduled, and how far from today a notification date may be set.

No-inspection periods: inspections run in term time (spec 2.1 says so of the 2016 programme), so
the school summer holidays and Christmas to New Year are left out every year; so are England-wide
general-election periods (spec 7.3) and, when asked, every week holding a bank holiday. The
framework gives no dates for the holidays: the annual dates below are the service's choice
(``confirmed=False``), the same for every area.

Notification window: a notification date is refused when it is more than
:data:`NOTIFICATION_WINDOW` away from today, either way. This is a limit of the service, not a
rule of the handbook (which says nothing on it), so it is marked unconfirmed too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import add_months, bank_holidays_in_year, written_date
from .publication import GENERAL_ELECTION_PAUSES
from .rules import FrameworkError
from .versions import NOTIFICATION_WINDOW

__all__ = [
    "ANNUAL_NO_INSPECTION_PERIODS",
    "AnnualPeriod",
    "NOTIFICATION_WINDOW",
    "NoInspectionPeriod",
    "check_notification_date",
    "no_inspection_periods",
]


@dataclass(frozen=True)
class AnnualPeriod:
    """A period that comes round every year, from (month, day) to (month, day); it may run into the next year."""

    key: str
    label: str
    start: tuple[int, int]
    end: tuple[int, int]
    source: str
    confirmed: bool = False
    note: str = ""

    def in_year(self, year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, *self.start)
        end_year = year + 1 if self.end < self.start else year
        return start, dt.date(end_year, *self.end)


ANNUAL_NO_INSPECTION_PERIODS: tuple[AnnualPeriod, ...] = (
    AnnualPeriod("summer_holidays", "school summer holidays", (7, 21), (8, 31), "spec 2.1 (term time only)",
                 note="21 July to 31 August chosen for every area; local term dates vary."),
    AnnualPeriod("christmas", "Christmas and New Year", (12, 20), (1, 2), "spec 2.1 (term time only)",
                 note="20 December to 2 January chosen for every area; local term dates vary."),
)


@dataclass(frozen=True)
class NoInspectionPeriod:
    """Days on which no on-site work is planned, from ``start`` to ``end`` (both inclusive)."""

    start: dt.date
    end: dt.date
    label: str
    key: str


def no_inspection_periods(
    start: dt.date, end: dt.date, *, bank_holiday_weeks: bool = False
) -> tuple[NoInspectionPeriod, ...]:
    """Every no-inspection period that touches ``start`` to ``end``, England-wide.

    The school holidays of each year the range touches, the general-election periods, and, with
    ``bank_holiday_weeks``, each bank holiday (a planner leaves out the week that holds it).
    """
    out: list[NoInspectionPeriod] = []
    for year in range(start.year - 1, end.year + 1):
        for period in ANNUAL_NO_INSPECTION_PERIODS:
            first, last = period.in_year(year)
            out.append(NoInspectionPeriod(first, last, f"{period.label} {year}", period.key))
        if bank_holiday_weeks:
            for day, name in bank_holidays_in_year(year):
                out.append(NoInspectionPeriod(day, day, f"week of {name} ({written_date(day)})", "bank_holiday"))
    for pause in GENERAL_ELECTION_PAUSES:
        out.append(NoInspectionPeriod(pause.start, pause.end, f"pre-election period: {pause.label}",
                                      "general_election"))
    return tuple(p for p in out if p.end >= start and p.start <= end)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def check_notification_date(notified: dt.date, *, today: dt.date) -> None:
    """Refuse a notification date more than :data:`NOTIFICATION_WINDOW` before or after ``today``."""
    months = NOTIFICATION_WINDOW.amount
    latest, earliest = add_months(today, months), add_months(today, -months)
    if notified > latest:
        raise FrameworkError(
            f"The notification date must be within {months} months from today: enter a date on or before {_day(latest)}"
        )
    if notified < earliest:
        raise FrameworkError(
            f"The notification date must be within the last {months} months: enter a date on or after {_day(earliest)}"
        )
