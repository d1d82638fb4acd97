"""How long published reports took, against the framework's own report clock (plain Python).

A report's time is counted in England working days after the last day on site up to and
including the day it was published (``working_days_between``). It was on time when it was
published on or before the publication date the version's report clock gives for that end of
on-site (final report within 30 working days, then publication within 3 more in 2023).
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from .calendar import ENGLAND, WorkingDayCalendar
from .publication import publication_clock
from .versions import FrameworkVersion, get_version


@dataclass(frozen=True)
class ReportTime:
    """One published report: working days from the end of on-site to publication, and the clock's due date."""

    onsite_end: dt.date
    published: dt.date
    working_days: int
    due: dt.date
    allowed_working_days: int

    @property
    def on_time(self) -> bool:
        return self.published <= self.due

    @property
    def working_days_late(self) -> int:
        return max(0, self.working_days - self.allowed_working_days)


def report_time(
    version: FrameworkVersion | str,
    onsite_end: dt.date,
    published: dt.date,
    *,
    calendar: WorkingDayCalendar = ENGLAND,
) -> ReportTime:
    """Working days from ``onsite_end`` to ``published`` and whether that kept the version's clock.

    Election pauses are not applied: the history does not record them, so a report held for an
    election counts as late here.
    """
    if isinstance(version, str):
        version = get_version(version)
    if published < onsite_end:
        raise ValueError(
            f"a report cannot be published ({published.isoformat()}) before on-site ends ({onsite_end.isoformat()})"
        )
    due = publication_clock(version, onsite_end, calendar=calendar).publication_due.date
    return ReportTime(
        onsite_end=onsite_end,
        published=published,
        working_days=calendar.working_days_between(onsite_end, published),
        due=due,
        allowed_working_days=calendar.working_days_between(onsite_end, due),
    )


def median_working_days(times: list[ReportTime] | tuple[ReportTime, ...]) -> float | None:
    """The median of the reports' working days, or None when there are none."""
    if not times:
        return None
    return statistics.median(t.working_days for t in times)


def share_on_time(times: list[ReportTime] | tuple[ReportTime, ...]) -> float | None:
    """The fraction of reports published on or before the clock's date, or None when there are none."""
    if not times:
        return None
    return sum(1 for t in times if t.on_time) / len(times)
