"""Work owed after an inspection, and how late it is (spec 3.1-3.3, 8).

Every app that tracks something owed after an inspection (plans, written statements
of action, engagement meetings, monitoring inspections) describes it as an
:class:`Obligation`, so one overdue list can gather them all and count lateness the
same way: in working days, from the day after the due date up to the day it was done,
or up to today while it is still open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from .calendar import ENGLAND, WorkingDayCalendar
from .report import late_by
from .rules import Owner

__all__ = ["Obligation", "overdue"]


@dataclass(frozen=True)
class Obligation:
    """One thing owed by someone, by a date.

    ``key`` is stable for the same obligation from one day to the next (reminders use it
    so one is sent per obligation, day and kind). ``link`` is the path of the page where
    the work is done or recorded; ``moved_because`` says why the due date is not the one
    the rule alone gives (a national pause, for instance), or is empty.
    """

    key: str
    area_code: str
    area_name: str
    what: str
    owner: Owner
    due: dt.date
    done: dt.date | None = None
    link: str = ""
    moved_because: str = ""

    def working_days_late(self, today: dt.date, calendar: WorkingDayCalendar = ENGLAND) -> int:
        return late_by(self.due, self.done, today, calendar)

    def is_overdue(self, today: dt.date, calendar: WorkingDayCalendar = ENGLAND) -> bool:
        return self.done is None and self.working_days_late(today, calendar) > 0


def overdue(obligations: Iterable[Obligation], today: dt.date,
            calendar: WorkingDayCalendar = ENGLAND) -> tuple[Obligation, ...]:
    """The open obligations past their due date, the latest first, then by area and what."""
    late = [item for item in obligations if item.is_overdue(today, calendar)]
    return tuple(sorted(late, key=lambda item: (item.due, item.area_name, item.what)))
