"""The local area's self-evaluation as the framework frames it (spec 5.3, 6).

For each criterion (I1-I5, L1-L6) the partnership answers the three questions inspectors ask of it:
what it knows about its impact, how it knows, and what it will do in the next 12 months. It records
its own view of each criterion's strength, with reasons. The framework publishes no grading scale
for single criteria (spec 5.3: no decision rule), so the scale here is the partnership's own view,
worded as such and never shown as a judgement.

Sign-off is by two named people: the director of children's services and the integrated care board
(ICB) representative (spec 1.3). Plain Python: no Django, no clock.
"""

from __future__ import annotations

import difflib
import enum
from dataclasses import dataclass

from .criteria import CRITERIA, Criterion

__all__ = [
    "QUESTIONS",
    "Question",
    "AreaView",
    "Position",
    "SIGNATORIES",
    "ActionProgress",
    "ReportPoint",
    "SelfEvaluationChange",
    "changes_between",
    "missing_signatories",
    "is_complete",
    "unanswered",
]


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    hint: str


#: The three questions to the partnership (spec 5.3), asked of every criterion.
QUESTIONS: tuple[Question, ...] = (
    Question("what_we_know", "What do you know about your impact?",
             "What children and young people with SEND experience and achieve, for this criterion."),
    Question("how_we_know", "How do you know?",
             "The evidence behind it: documents, figures, what children, young people and families told you."),
    Question("next_twelve_months", "What will you do in the next 12 months?",
             "The actions you will take, and who will take them."),
)
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)


class AreaView(enum.Enum):
    """The partnership's own view of a criterion: a scale of its own, not the inspectors'."""

    STRENGTH = "strength"
    MIXED = "mixed"
    TO_IMPROVE = "to_improve"

    @property
    def label(self) -> str:
        return {
            AreaView.STRENGTH: "A strength",
            AreaView.MIXED: "Some strengths, some gaps",
            AreaView.TO_IMPROVE: "Needs to improve",
        }[self]


class Position(enum.Enum):
    """What a person invited to the self-evaluation does in the partnership."""

    DIRECTOR = "director"
    ICB_REPRESENTATIVE = "icb"
    LEADER = "leader"

    @property
    def label(self) -> str:
        return {
            Position.DIRECTOR: "Director of children's services",
            Position.ICB_REPRESENTATIVE: "Integrated care board representative",
            Position.LEADER: "Other leader",
        }[self]


#: Who signs off a version, both by name (spec 1.3): the director and the ICB representative.
SIGNATORIES: tuple[Position, ...] = (Position.DIRECTOR, Position.ICB_REPRESENTATIVE)


def missing_signatories(signed: set[Position] | frozenset[Position]) -> tuple[Position, ...]:
    """The signatories who have not yet signed, in the order the framework names them."""
    return tuple(p for p in SIGNATORIES if p not in signed)


class ReportPoint(enum.Enum):
    """What in the last report a strategic plan action answers (spec 7.1, 8.1, 8.2)."""

    AREA_FOR_IMPROVEMENT = "improvement"
    AREA_FOR_PRIORITY_ACTION = "priority_action"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            ReportPoint.AREA_FOR_IMPROVEMENT: "An area for improvement in the last report",
            ReportPoint.AREA_FOR_PRIORITY_ACTION: "An area for priority action in the last report",
            ReportPoint.NONE: "Not from the last report",
        }[self]


class ActionProgress(enum.Enum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    DONE = "done"

    @property
    def label(self) -> str:
        return {
            ActionProgress.NOT_STARTED: "Not started",
            ActionProgress.ON_TRACK: "On track",
            ActionProgress.BEHIND: "Behind",
            ActionProgress.DONE: "Done",
        }[self]


_FIELD_LABELS = {**{q.key: q.text for q in QUESTIONS}, "view": "The area's view", "reasons": "Reasons for the view",
                 "evidence": "Evidence"}


@dataclass(frozen=True)
class SelfEvaluationChange:
    """One field of one criterion that differs between two versions."""

    criterion: str
    field: str
    before: str
    after: str

    @property
    def field_label(self) -> str:
        return _FIELD_LABELS.get(self.field, self.field)

    def diff_lines(self) -> tuple[str, ...]:
        """The change line by line: ``- `` removed, ``+ `` added (texts compared by line)."""
        lines = difflib.ndiff(self.before.splitlines() or [""], self.after.splitlines() or [""])
        return tuple(line for line in lines if line[:2] in ("- ", "+ ") and line[2:].strip())


def _field_text(entry: dict, field: str) -> str:
    value = entry.get(field, "")
    if field == "evidence":
        return "\n".join(item.get("title", "") for item in value or [])
    if field == "view" and value:
        return AreaView(value).label
    return value or ""


def changes_between(before: dict, after: dict, criteria: tuple[Criterion, ...] = CRITERIA) -> tuple[SelfEvaluationChange, ...]:
    """What differs between two versions' content (``{"criteria": {"I1": {...}}}``), criterion by criterion."""
    found = []
    old, new = before.get("criteria", {}), after.get("criteria", {})
    for item in criteria:
        a, b = old.get(item.id, {}), new.get(item.id, {})
        for field in (*QUESTION_KEYS, "view", "reasons", "evidence"):
            x, y = _field_text(a, field), _field_text(b, field)
            if x != y:
                found.append(SelfEvaluationChange(item.id, field, x, y))
    return tuple(found)


def unanswered(content: dict, criteria: tuple[Criterion, ...] = CRITERIA) -> tuple[str, ...]:
    """Criteria with a question unanswered or no view recorded."""
    entries = content.get("criteria", {})
    return tuple(
        item.id for item in criteria
        if not all((entries.get(item.id, {}).get(k) or "").strip() for k in (*QUESTION_KEYS, "view"))
    )


def is_complete(content: dict) -> bool:
    return not unanswered(content)
