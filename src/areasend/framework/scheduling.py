"""When on-site weeks are not used, the pace of the programme, and how far from today a notification may be set.

No-inspection weeks are versioned data (:data:`NO_INSPECTION_WEEK_VERSIONS`), each rule derived from a
fact of the real programme and the school year it follows, and tested against the shipped history
(every real on-site week of 2023 and 2024 is open under them):

* no on-site week starts in the school summer holidays or in the first two weeks of the autumn term
  (Mondays from 20 July to 14 September: the latest real week is the one of 17 July 2023, and none
  starts in August or the first half of September);
* none after mid-December or in the first two weeks of the spring term (Mondays from 15 December to
  14 January);
* none in the Easter holidays (the week holding Good Friday and the week after Easter Sunday);
* none in a week that starts on a bank holiday (on-site weeks run Monday to Friday).

General-election periods pause publication, not fieldwork: the real programme inspected in June 2024,
so they are not no-inspection weeks (see :mod:`~areasend.framework.publication`). Local term dates
vary; the rules keep to what a rule of the school year explains rather than every week that happens
to be empty in two years, so they are marked as the service's reading (``confirmed=False``).

Pace (:data:`REAL_PACE`): the full inspections a week the 2023 framework ran at in 2023 and 2024.

Notification window: a notification date is refused when it is more than
:data:`NOTIFICATION_WINDOW` away from today, either way. This is a limit of the service, not a
rule of the handbook (which says nothing on it), so it is marked unconfirmed too.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from .calendar import ENGLAND, WorkingDayCalendar, add_months, bank_holidays_in_year, written_date
from .rules import FrameworkError
from .versions import NOTIFICATION_WINDOW

__all__ = [
    "ANNUAL_NO_INSPECTION_PERIODS",
    "AnnualPeriod",
    "NOTIFICATION_WINDOW",
    "NO_INSPECTION_WEEK_VERSIONS",
    "NoInspectionPeriod",
    "NoInspectionWeekRule",
    "NoInspectionWeeks",
    "Pace",
    "REAL_PACE",
    "WeekRuleKind",
    "check_notification_date",
    "is_no_inspection_week",
    "no_inspection_periods",
    "no_inspection_weeks_on",
]


@dataclass(frozen=True)
class AnnualPeriod:
    """Mondays that come round every year, from (month, day) to (month, day); it may run into the next year."""

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


class WeekRuleKind(enum.Enum):
    MONDAYS_BETWEEN = "mondays_between"  # the week's Monday falls in an annual period
    EASTER_HOLIDAYS = "easter_holidays"  # the week holding Good Friday, and the week after Easter Sunday
    BANK_HOLIDAY_MONDAY = "bank_holiday_monday"  # the week's Monday is a bank holiday


def _good_friday(year: int) -> dt.date | None:
    """Good Friday is an England bank holiday: the calendar's holiday list gives its date."""
    return next((day for day, name in bank_holidays_in_year(year) if name == "Good Friday"), None)


@dataclass(frozen=True)
class NoInspectionWeekRule:
    """One rule that closes weeks to on-site work, with the fact it comes from."""

    key: str
    label: str
    kind: WeekRuleKind
    source: str
    period: AnnualPeriod | None = None
    confirmed: bool = False
    note: str = ""

    def closes(self, monday: dt.date, calendar: WorkingDayCalendar = ENGLAND) -> bool:
        if self.kind is WeekRuleKind.MONDAYS_BETWEEN:
            assert self.period is not None
            for year in (monday.year - 1, monday.year):
                first, last = self.period.in_year(year)
                if first <= monday <= last:
                    return True
            return False
        if self.kind is WeekRuleKind.EASTER_HOLIDAYS:
            good_friday = _good_friday(monday.year)
            return good_friday is not None and monday in (good_friday - dt.timedelta(days=4),
                                                          good_friday + dt.timedelta(days=3))
        return calendar.holiday_name(monday) is not None

    def label_for(self, monday: dt.date, calendar: WorkingDayCalendar = ENGLAND) -> str:
        if self.kind is WeekRuleKind.BANK_HOLIDAY_MONDAY:
            return f"{self.label} ({calendar.holiday_name(monday)})"
        if self.kind is WeekRuleKind.MONDAYS_BETWEEN and self.period is not None and self.period.end < self.period.start:
            year = monday.year if (monday.month, monday.day) >= self.period.start else monday.year - 1
            return f"{self.label} {year}"
        return f"{self.label} {monday.year}"


@dataclass(frozen=True)
class NoInspectionWeeks:
    """One version of the no-inspection weeks, in force for weeks from ``in_force_from``."""

    id: str
    in_force_from: dt.date
    rules: tuple[NoInspectionWeekRule, ...]
    source: str


_SUMMER = AnnualPeriod(
    "summer_holidays", "school summer holidays and the start of the autumn term", (7, 20), (9, 14),
    "shipped 2023-24 history: latest July week 17 July 2023, none in August, first September week 23 September",
    note="Mondays from 20 July to 14 September; local term dates vary.")
_WINTER = AnnualPeriod(
    "christmas", "Christmas holidays and the start of the spring term", (12, 15), (1, 14),
    "shipped 2023-24 history: latest December week 11 December 2023, first January week 22 January 2024",
    note="Mondays from 15 December to 14 January; local term dates vary.")

#: Versions of the no-inspection weeks, oldest first; the latest in force on a week's Monday applies.
NO_INSPECTION_WEEK_VERSIONS: tuple[NoInspectionWeeks, ...] = (
    NoInspectionWeeks(
        "2023",
        dt.date(2023, 1, 1),
        (
            NoInspectionWeekRule("summer_holidays", _SUMMER.label, WeekRuleKind.MONDAYS_BETWEEN, _SUMMER.source,
                                 _SUMMER, note=_SUMMER.note),
            NoInspectionWeekRule("christmas", _WINTER.label, WeekRuleKind.MONDAYS_BETWEEN, _WINTER.source, _WINTER,
                                 note=_WINTER.note),
            NoInspectionWeekRule("easter", "Easter holidays", WeekRuleKind.EASTER_HOLIDAYS,
                                 "shipped 2023-24 history: no week in the Easter holidays of 2023 or 2024",
                                 note="The week holding Good Friday and the week after Easter Sunday."),
            NoInspectionWeekRule("bank_holiday", "week starting on a bank holiday", WeekRuleKind.BANK_HOLIDAY_MONDAY,
                                 "shipped 2023-24 history: every on-site week starts on a Monday",
                                 note="An on-site week runs Monday to Friday."),
        ),
        "the 2023 framework's programme as the shipped 2023-24 history shows it",
    ),
)

#: The annual periods of the latest version, for callers that list them.
ANNUAL_NO_INSPECTION_PERIODS: tuple[AnnualPeriod, ...] = (_SUMMER, _WINTER)


def no_inspection_weeks_on(monday: dt.date) -> NoInspectionWeeks:
    """The version of the no-inspection weeks in force for the week of ``monday`` (the first before 2023)."""
    chosen = NO_INSPECTION_WEEK_VERSIONS[0]
    for version in NO_INSPECTION_WEEK_VERSIONS:
        if version.in_force_from <= monday:
            chosen = version
    return chosen


def is_no_inspection_week(monday: dt.date, calendar: WorkingDayCalendar = ENGLAND) -> NoInspectionWeekRule | None:
    """The rule that closes the week of ``monday`` to on-site work, or None when the week is open."""
    for rule in no_inspection_weeks_on(monday).rules:
        if rule.closes(monday, calendar):
            return rule
    return None


@dataclass(frozen=True)
class Pace:
    """How many full inspections a week the programme runs at: on average, and at most in one week."""

    full_per_week: float
    most_in_one_week: int
    first_week: dt.date
    last_week: dt.date
    inspections: int
    source: str


#: The 2023 framework's real pace: 54 full inspections in the 98 weeks from the week of 30 January 2023
#: to the week of 9 December 2024 (about 0.55 a week), never more than 2 in one week.
REAL_PACE = Pace(54 / 98, 2, dt.date(2023, 1, 30), dt.date(2024, 12, 9), 54,
                 "shipped 2023-24 history (data/register/inspections_2023_framework_2023_2024.csv)")


@dataclass(frozen=True)
class NoInspectionPeriod:
    """Days on which no on-site work is planned, from ``start`` to ``end`` (both inclusive)."""

    start: dt.date
    end: dt.date
    label: str
    key: str


def no_inspection_periods(
    start: dt.date, end: dt.date, *, bank_holiday_weeks: bool = False, calendar: WorkingDayCalendar = ENGLAND
) -> tuple[NoInspectionPeriod, ...]:
    """Every closed on-site week (Monday to Friday) that touches ``start`` to ``end``, England-wide.

    The weeks the versioned rules close and, with ``bank_holiday_weeks``, also every week holding a
    bank holiday on any day.
    """
    out: list[NoInspectionPeriod] = []
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= end:
        friday = monday + dt.timedelta(days=4)
        rule = is_no_inspection_week(monday, calendar)
        if rule is not None:
            label = rule.label_for(monday, calendar)
            last = out[-1] if out else None
            if last is not None and last.key == rule.key and last.label == label and \
                    last.end == friday - dt.timedelta(days=7):
                out[-1] = NoInspectionPeriod(last.start, friday, label, rule.key)  # one period for a run of weeks
            else:
                out.append(NoInspectionPeriod(monday, friday, label, rule.key))
        elif bank_holiday_weeks:
            for day, name in bank_holidays_in_year(monday.year) + (
                    bank_holidays_in_year(friday.year) if friday.year != monday.year else ()):
                if monday <= day <= friday:
                    out.append(NoInspectionPeriod(monday, friday, f"week of {name} ({written_date(day)})",
                                                  "bank_holiday"))
                    break
        monday += dt.timedelta(days=7)
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
