"""National pauses to inspection work, kept as data (issue 14, part 4).

A :class:`NationalPause` is a period set nationally, such as a review that
stops monitoring inspections between two dates, or a suspension of all
inspections. What it stops is given in the core's own kinds of inspection
(:class:`~areasend.framework.kinds.InspectionKind`).

* :func:`push_past_pauses` moves a :class:`DueDate` that falls inside a pause
  of its kind to the first working day after it;
* :func:`date_past_pauses` does the same for a bare date of a kind of
  inspection (the planner's due dates);
* :func:`obligation_past_pauses` does it for an :class:`Obligation`, and
  records why in ``moved_because``;
* :func:`why_moved` says why, in words for the public page: "This date moved
  from 3 March 2025 to 14 July 2025 because monitoring inspections were paused
  for a review of the framework."
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .calendar import ENGLAND, WorkingDayCalendar, written_date
from .kinds import InspectionKind
from .obligations import Obligation
from .rules import DueDate, FrameworkError

__all__ = [
    "KIND_OF_DUE_DATE",
    "NationalPause",
    "PauseStops",
    "date_past_pauses",
    "kind_of_due_date",
    "obligation_past_pauses",
    "push_past_pauses",
    "why_moved",
]


class PauseStops(enum.Enum):
    """What a national pause stops; the value is the key stored everywhere."""

    MONITORING = "monitoring"
    ALL = "all"

    @property
    def label(self) -> str:
        return {PauseStops.MONITORING: "Monitoring inspections only", PauseStops.ALL: "All inspections"}[self]

    @property
    def words(self) -> str:
        """As the subject of "... were paused"."""
        return {PauseStops.MONITORING: "monitoring inspections", PauseStops.ALL: "all inspections"}[self]

    @property
    def kinds(self) -> frozenset[InspectionKind]:
        if self is PauseStops.MONITORING:
            return frozenset({InspectionKind.MONITORING})
        return frozenset(InspectionKind)


#: The kind of inspection each inspection due date is for; other due dates (plans, meetings) are never paused.
KIND_OF_DUE_DATE: dict[str, InspectionKind] = {
    "monitoring_inspection_due": InspectionKind.MONITORING,
    "next_full_inspection_due": InspectionKind.FULL,
    "first_full_inspection_due": InspectionKind.FULL,
    "revisit_due": InspectionKind.REVISIT,
}


def kind_of_due_date(key: str) -> InspectionKind | None:
    """The kind of inspection a due date (by its key) is for, or None when it is not an inspection."""
    return KIND_OF_DUE_DATE.get(key)


def _kind(kind: InspectionKind | str | None) -> InspectionKind | None:
    if kind is None or isinstance(kind, InspectionKind):
        return kind
    return InspectionKind.from_key(kind)


@dataclass(frozen=True)
class NationalPause:
    """A national pause; ``start`` and ``end`` are both inside it.

    ``reason`` finishes the sentence "... were paused for": for example "a review of the framework".
    """

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

    def stops_kind(self, kind: InspectionKind | str | None) -> bool:
        kind = _kind(kind)
        return kind is not None and kind in self.stops.kinds

    def applies_to(self, key: str) -> bool:
        """True when the pause stops the inspection that the due date ``key`` is for."""
        return self.stops_kind(kind_of_due_date(key))

    def covers_day(self, day: dt.date, kind: InspectionKind | str | None) -> bool:
        return self.stops_kind(kind) and self.start <= day <= self.end

    def covers(self, due: DueDate) -> bool:
        return self.covers_day(due.date, kind_of_due_date(due.key))

    def covers_week(self, monday: dt.date, kind: InspectionKind | str | None) -> bool:
        """True when any day of the working week starting ``monday`` is in the pause, for ``kind``."""
        return self.stops_kind(kind) and monday <= self.end and monday + dt.timedelta(days=4) >= self.start

    @property
    def sentence(self) -> str:
        """"monitoring inspections were paused for a review of the framework"."""
        return f"{self.stops.words} were paused for {_clause(self.reason)}"


def date_past_pauses(
    day: dt.date, kind: InspectionKind | str | None, pauses: Iterable[NationalPause],
    calendar: WorkingDayCalendar = ENGLAND,
) -> tuple[dt.date, tuple[NationalPause, ...]]:
    """``day`` moved to the first working day after every pause of ``kind`` that covers it, and the pauses applied."""
    ordered = sorted(pauses, key=lambda p: (p.start, p.end))
    applied: list[NationalPause] = []
    current = day
    moved = True
    while moved:
        moved = False
        for pause in ordered:
            if pause not in applied and pause.covers_day(current, kind):
                current = calendar.next_working_day(pause.end)
                applied.append(pause)
                moved = True
    return current, tuple(applied)


def push_past_pauses(
    due: DueDate, pauses: Iterable[NationalPause], calendar: WorkingDayCalendar = ENGLAND
) -> tuple[DueDate, tuple[NationalPause, ...]]:
    """``due`` moved to the first working day after every pause that covers it, and the pauses applied.

    Why it moved goes into the due date's note (see :func:`why_moved`).
    """
    day, applied = date_past_pauses(due.date, kind_of_due_date(due.key), pauses, calendar)
    if not applied:
        return due, ()
    note = why_moved(due.date, day, applied)
    return replace(due, date=day, note=" ".join(part for part in (due.note, note) if part)), applied


def obligation_past_pauses(
    obligation: Obligation, kind: InspectionKind | str | None, pauses: Iterable[NationalPause],
    calendar: WorkingDayCalendar = ENGLAND,
) -> Obligation:
    """``obligation`` with its due date moved past the pauses of ``kind`` that cover it, and why in ``moved_because``."""
    day, applied = date_past_pauses(obligation.due, kind, pauses, calendar)
    if not applied:
        return obligation
    return replace(obligation, due=day, moved_because=why_moved(obligation.due, day, applied))


def why_moved(original: dt.date, moved: dt.date, applied: Iterable[NationalPause], subject: str = "This date") -> str:
    """"This date moved from 3 March 2025 to 14 July 2025 because monitoring inspections were paused for ..."."""
    clauses = [pause.sentence for pause in applied]
    if not clauses:
        return ""
    because = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
    return f"{subject} moved from {written_date(original)} to {written_date(moved)} because {because}."


def _clause(reason: str) -> str:
    """A reason as a clause after "for": trimmed, no closing full stop, a leading capital lowered unless the first word has others (DfE)."""
    text = " ".join(reason.split()).rstrip(".")
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:] == first[1:].lower():
        return text[0].lower() + text[1:]
    return text
