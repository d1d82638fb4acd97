"""Publication clock and pre-election pauses (spec 7.2, 7.3).

After an inspection ends: the draft report, the partnership's comment period,
the final report and publication, each counted by its version's
:class:`~areasend.framework.versions.ReportRules`.

Ofsted withholds reports with local-authority-wide findings, area SEND
reports included, during pre-election periods and publishes them after the
poll. A :class:`PublicationPause` says when a period runs and which areas it
covers: all of England for a general election, the areas holding polls for
local elections. :func:`publication_date` pushes a date past every pause
that covers the area, to the first working day after the poll.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from .calendar import ENGLAND, WorkingDayCalendar, written_date
from .rules import Bound, FrameworkError, Milestone, Owner, Rule, Tolerance, Unit, apply_rule
from .versions import FrameworkVersion

__all__ = [
    "GENERAL_ELECTION_PAUSES",
    "LOCAL_ELECTION_PAUSE",
    "PauseScope",
    "PublicationClock",
    "PublicationPause",
    "general_election_pause",
    "local_election_pause",
    "publication_clock",
    "publication_date",
]

#: Pause before local polls: about 4 weeks before polling day (spec 7.3, row 35).
LOCAL_ELECTION_PAUSE = Rule(
    "local_election_pause", "pre-election pause before a local poll", 4, Unit.WEEKS, "polling day (counted back)",
    "spec 7.3", spec_row=35, bound=Bound.ABOUT, tolerance=Tolerance(1, Unit.WEEKS),
    note="About 4 weeks before polling and only where polls are held; 1 week either side chosen.",
)


class PauseScope(enum.Enum):
    ALL_ENGLAND = "all of England"
    AREAS = "areas holding polls"


@dataclass(frozen=True)
class PublicationPause:
    """A pre-election period during which reports are not published.

    ``start`` and ``end`` are both inside the pause; ``end`` is polling day.
    ``area_codes`` (ONS codes of local authorities) apply when the scope is
    :attr:`PauseScope.AREAS`.
    """

    start: dt.date
    end: dt.date
    scope: PauseScope
    label: str
    area_codes: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise FrameworkError(f"The pause {self.label!r} ends before it starts: check its dates")
        if self.scope is PauseScope.AREAS and not self.area_codes:
            raise FrameworkError(f"The pause {self.label!r} covers named areas but lists none: add the areas it covers")

    def covers(self, day: dt.date, area_code: str | None) -> bool:
        """True when a report for ``area_code`` cannot be published on ``day``.

        With no area code only England-wide pauses apply.
        """
        if not self.start <= day <= self.end:
            return False
        if self.scope is PauseScope.ALL_ENGLAND:
            return True
        return area_code is not None and area_code in self.area_codes

    def to_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "scope": self.scope.value,
            "label": self.label,
            "area_codes": sorted(self.area_codes),
        }


def general_election_pause(start: dt.date, polling_day: dt.date, label: str = "") -> PublicationPause:
    """An England-wide pause from ``start`` (the pre-election period) to polling day."""
    return PublicationPause(
        start, polling_day, PauseScope.ALL_ENGLAND, label or f"general election on {written_date(polling_day)}"
    )


def local_election_pause(
    polling_day: dt.date, area_codes: frozenset[str] | set[str] | tuple[str, ...], label: str = ""
) -> PublicationPause:
    """A pause in the areas holding polls, from about 4 weeks before polling day to polling day."""
    start = polling_day - dt.timedelta(weeks=LOCAL_ELECTION_PAUSE.amount)
    return PublicationPause(
        start, polling_day, PauseScope.AREAS, label or f"local elections on {written_date(polling_day)}",
        frozenset(area_codes),
    )


#: UK general elections since area SEND inspections began: from the dissolution
#: of Parliament to polling day.
GENERAL_ELECTION_PAUSES: tuple[PublicationPause, ...] = (
    general_election_pause(dt.date(2017, 5, 3), dt.date(2017, 6, 8), "general election 2017"),
    general_election_pause(dt.date(2019, 11, 6), dt.date(2019, 12, 12), "general election 2019"),
    general_election_pause(dt.date(2024, 5, 30), dt.date(2024, 7, 4), "general election 2024"),
)


def publication_date(
    proposed: dt.date,
    area_code: str | None = None,
    pauses: tuple[PublicationPause, ...] = (),
    calendar: WorkingDayCalendar = ENGLAND,
) -> tuple[dt.date, tuple[PublicationPause, ...]]:
    """First working day on or after ``proposed`` outside every pause covering the area.

    Returns the date and the pauses that pushed it (empty when none did).
    """
    day = calendar.on_or_after(proposed)
    applied: list[PublicationPause] = []
    moved = True
    while moved:
        moved = False
        for pause in pauses:
            if pause.covers(day, area_code):
                day = calendar.next_working_day(pause.end)
                if pause not in applied:
                    applied.append(pause)
                moved = True
    return day, tuple(applied)


@dataclass(frozen=True)
class PublicationClock:
    """The four report milestones after an inspection ends."""

    draft_report_due: Milestone
    comments_due: Milestone
    final_report_due: Milestone
    publication_due: Milestone
    pauses_applied: tuple[PublicationPause, ...]

    def milestones(self) -> tuple[Milestone, ...]:
        return (self.draft_report_due, self.comments_due, self.final_report_due, self.publication_due)


def _milestone(key: str, label: str, rule: Rule, day: dt.date, owner: Owner, note: str = "") -> Milestone:
    return Milestone(
        key=key, label=label, date=day, owner=owner, rule=rule.describe(), source=rule.source,
        confirmed=rule.confirmed, soft=rule.soft, note=" ".join(p for p in (rule.note, note) if p),
    )


def publication_clock(
    version: FrameworkVersion,
    inspection_end: dt.date,
    *,
    area_code: str | None = None,
    pauses: tuple[PublicationPause, ...] = (),
    calendar: WorkingDayCalendar = ENGLAND,
) -> PublicationClock:
    """Draft, comments, final report and publication dates after an inspection ending on ``inspection_end``.

    The comment period never runs past the final report, and publication is
    never before the comments are due; a pause covering the area pushes
    publication to the first working day after the poll.
    """
    rules = version.report
    draft = apply_rule(rules.draft, inspection_end, calendar=calendar).date
    comments = apply_rule(rules.comments, draft, calendar=calendar).date
    final = apply_rule(rules.final, inspection_end, calendar=calendar).date
    final_note = ""
    if final < comments:
        final = calendar.on_or_after(comments)
        final_note = "Moved to the day comments are due: the final report follows the comment period."
    proposed = apply_rule(rules.publication, final, calendar=calendar).date
    published, applied = publication_date(proposed, area_code, pauses, calendar)
    pause_note = ""
    if applied:
        pause_note = "Held for " + "; ".join(p.label for p in applied) + f": {written_date(proposed)} moved to {written_date(published)}."
    name = rules.report_name
    return PublicationClock(
        draft_report_due=_milestone("draft_report_due", f"Draft {name} sent to the local area partnership",
                                    rules.draft, draft, Owner.INSPECTION_TEAM),
        comments_due=_milestone("comments_due", f"Local area partnership's comments on the draft {name} due",
                                rules.comments, comments, Owner.PARTNERSHIP),
        final_report_due=_milestone("final_report_due", f"Final {name} sent to the local area partnership",
                                    rules.final, final, Owner.INSPECTION_TEAM, final_note),
        publication_due=_milestone("publication_due", f"{name.capitalize()} published on the Ofsted website",
                                   rules.publication, published, Owner.INSPECTORATES, pause_note),
        pauses_applied=applied,
    )
