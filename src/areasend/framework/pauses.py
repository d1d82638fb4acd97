"""National pauses to inspection work, kept as data (issue 14, part 4).

A :class:`NationalPause` is a period set nationally, such as a review that
stops monitoring inspections between two dates, or a suspension of all
inspections. :func:`push_past_pauses` moves a due date that falls inside a
pause to the first working day after it and says why, in words for the
public page.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, replace

from .calendar import ENGLAND, WorkingDayCalendar, written_date
from .rules import DueDate, FrameworkError

__all__ = ["NationalPause", "PauseStops", "push_past_pauses"]


class PauseStops(enum.Enum):
    MONITORING = "monitoring inspections only"
    ALL = "all inspections"


#: Due-date keys that are monitoring inspections (a monitoring-only pause moves only these).
MONITORING_KEYS = frozenset({"monitoring_inspection_due"})
#: Due-date keys that are inspections at all (a pause to all inspections moves these).
INSPECTION_KEYS = MONITORING_KEYS | {"next_full_inspection_due", "revisit_due"}


@dataclass(frozen=True)
class NationalPause:
    """A national pause; ``start`` and ``end`` are both inside it."""

    label: str
    reason: str
    start: dt.date
    end: dt.date
    stops: PauseStops

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise FrameworkError(f"The pause {self.label!r} ends before it starts: check its dates")
        if not self.reason.strip():
            raise FrameworkError(f"The pause {self.label!r} needs a reason to show the public")

    def applies_to(self, key: str) -> bool:
        return key in (MONITORING_KEYS if self.stops is PauseStops.MONITORING else INSPECTION_KEYS)

    def covers(self, due: DueDate) -> bool:
        return self.applies_to(due.key) and self.start <= due.date <= self.end


def push_past_pauses(
    due: DueDate, pauses: tuple[NationalPause, ...] | list[NationalPause], calendar: WorkingDayCalendar = ENGLAND
) -> tuple[DueDate, tuple[NationalPause, ...]]:
    """``due`` moved to the first working day after every pause that covers it, and the pauses applied.

    The reason goes into the due date's note: "Moved from 1 March 2027 because ...".
    """
    applied: list[NationalPause] = []
    current = due
    moved = True
    while moved:
        moved = False
        for pause in sorted(pauses, key=lambda p: p.start):
            if pause not in applied and pause.covers(current):
                current = replace(current, date=calendar.next_working_day(pause.end))
                applied.append(pause)
                moved = True
    if not applied:
        return due, ()
    why = "; ".join(_clause(pause.reason) for pause in applied)
    note = f"Moved from {written_date(due.date)} because {why}."
    return replace(current, note=" ".join(part for part in (due.note, note) if part)), tuple(applied)


def _clause(reason: str) -> str:
    """A reason written as a sentence, as a clause after "because"."""
    text = reason.strip().rstrip(".")
    return text[:1].lower() + text[1:]
