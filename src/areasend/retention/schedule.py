"""The retention schedule, as data: what the service keeps, for how long after the inspection's report is
published, and what then happens to it. The privacy notice shows this table and ``apply_retention`` acts on it.

The periods are the service's defaults; a deployment sets its own with ``AREASEND_RETENTION_MONTHS``
(for example ``survey_answers=12,person_level=3``), as its data-protection officer decides.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace


class Action(enum.StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"


@dataclass(frozen=True)
class Rule:
    key: str
    what: str
    months: int
    action: Action
    then: str  # what happens, in a sentence for the privacy notice

    @property
    def period(self) -> str:
        return f"{self.months} month{'s' if self.months != 1 else ''}"


SCHEDULE: tuple[Rule, ...] = (
    Rule("person_level", "Person-level information about children and young people: the local area's list of "
         "children, and the cases chosen from it for tracking", 3,
         Action.DELETE, "The files are deleted, with every row read from them and the tracking cases chosen from them."),
    Rule("survey_answers", "Answers to the surveys", 12, Action.ANONYMISE,
         "Written answers are deleted. Answers chosen from a list are kept as anonymous totals, no longer linked to "
         "the device that sent them."),
    Rule("uploads", "Other documents the local area uploads (the information request)", 24, Action.DELETE,
         "The files are deleted, and so is the record of each upload."),
    Rule("evidence", "The inspection team's evidence and notes", 24, Action.DELETE,
         "The evidence and notes are deleted. The published report stays public."),
)
RULES = {rule.key: rule for rule in SCHEDULE}


class ScheduleError(ValueError):
    pass


def schedule_with(overrides: str) -> tuple[Rule, ...]:
    """The schedule with the months given as ``key=months,key=months`` (the setting's form)."""
    months: dict[str, int] = {}
    for part in (p.strip() for p in overrides.split(",") if p.strip()):
        key, _, value = part.partition("=")
        key = key.strip()
        if key not in RULES:
            raise ScheduleError(f"{key!r} is not in the retention schedule: use {', '.join(RULES)}")
        if not value.strip().isdigit() or not 1 <= int(value) <= 1200:
            raise ScheduleError(f"the months for {key} must be a whole number from 1 to 1200")
        months[key] = int(value)
    return tuple(replace(rule, months=months.get(rule.key, rule.months)) for rule in SCHEDULE)
