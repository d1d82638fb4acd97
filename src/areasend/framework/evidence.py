"""Evidence, lines of enquiry, triangulation and the outcome decision (spec 5.3, 7.1, 8.4).

Plain data and small pure functions:

* :class:`EvidenceSource`: where a piece of evidence came from (spec 5.3 lists the sources the
  team triangulates: the partnership's documents, children, young people and families, visits,
  tracking, sampling and professionals).
* :class:`LineStatus` and :class:`Stance`: a line of enquiry is open, being tested or concluded,
  and each piece of evidence bears for or against it.
* :func:`triangulate`: criteria by sources, with counts, the strength of the evidence and the gaps.
  The spec names triangulation but no thresholds; the service's default is the
  :data:`TRIANGULATION_SOURCES` rule (unconfirmed).
* :func:`decision_problems`: what stops a proposed outcome from going forward (reasons tied to
  evidence, areas for priority action with their partners for outcome 3 only).
* :data:`MONITORING_CONCLUSIONS`: the question a monitoring inspection answers for each area for
  priority action, as versioned wording marked unconfirmed (spec 4.4, 8.4).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .criteria import CRITERIA
from .outcomes import Outcome
from .rules import FrameworkError, Rule, Unit

__all__ = [
    "DecisionStage",
    "EvidenceSource",
    "LineStatus",
    "MONITORING_CONCLUSIONS",
    "MonitoringAnswer",
    "MonitoringWording",
    "Stance",
    "Strength",
    "TRIANGULATION_SOURCES",
    "Triangulation",
    "TriangulationRow",
    "decision_problems",
    "decision_stage",
    "monitoring_wording",
    "strength_of",
    "triangulate",
]


class EvidenceSource(enum.Enum):
    """Where a piece of evidence came from; the value is the key stored everywhere."""

    MEETING = "meeting"
    TEAM_MEETING = "team_meeting"
    TRACKING_CASE = "tracking_case"
    SAMPLING_VISIT = "sampling_visit"
    SURVEY = "survey"
    DOCUMENT = "document"
    PERSON_LEVEL_DATA = "person_level_data"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            EvidenceSource.MEETING: "Meeting with the local area",
            EvidenceSource.TEAM_MEETING: "The team's daily meeting",
            EvidenceSource.TRACKING_CASE: "Tracking case",
            EvidenceSource.SAMPLING_VISIT: "Sampling visit",
            EvidenceSource.SURVEY: "Survey",
            EvidenceSource.DOCUMENT: "Information request document",
            EvidenceSource.PERSON_LEVEL_DATA: "Person-level data",
            EvidenceSource.OTHER: "Other",
        }[self]

    @classmethod
    def from_key(cls, key: str) -> EvidenceSource:
        try:
            return cls(str(key))
        except ValueError:
            raise FrameworkError(f"there is no evidence source {key!r}") from None


class LineStatus(enum.Enum):
    OPEN = "open"
    TESTING = "testing"
    CONCLUDED = "concluded"

    @property
    def label(self) -> str:
        return {LineStatus.OPEN: "Open", LineStatus.TESTING: "Being tested", LineStatus.CONCLUDED: "Concluded"}[self]


class Stance(enum.Enum):
    """How a piece of evidence bears on a line of enquiry."""

    FOR = "for"
    AGAINST = "against"

    @property
    def label(self) -> str:
        return {Stance.FOR: "Supports it", Stance.AGAINST: "Points against it"}[self]


#: How many different kinds of source a finding needs before it counts as triangulated. The spec
#: names triangulation across sources (5.3) but gives no number: a service default, unconfirmed.
TRIANGULATION_SOURCES = Rule(
    "triangulation_sources", "different kinds of source for triangulated evidence", 3, Unit.COUNT, "",
    "spec 5.3", confirmed=False,
    note="The framework asks inspectors to triangulate evidence from several sources but sets no number. "
    "The service calls evidence from one kind of source a gap, from two corroborated, from three or more triangulated.",
)


class Strength(enum.Enum):
    NONE = "none"
    ONE_SOURCE = "one_source"
    CORROBORATED = "corroborated"
    TRIANGULATED = "triangulated"

    @property
    def label(self) -> str:
        return {
            Strength.NONE: "No evidence yet",
            Strength.ONE_SOURCE: "One source only",
            Strength.CORROBORATED: "Corroborated by two sources",
            Strength.TRIANGULATED: "Triangulated",
        }[self]

    @property
    def is_gap(self) -> bool:
        return self in (Strength.NONE, Strength.ONE_SOURCE)


def strength_of(source_kinds: int, rule: Rule = TRIANGULATION_SOURCES) -> Strength:
    """The strength of evidence drawn from ``source_kinds`` different kinds of source."""
    if source_kinds < 0:
        raise FrameworkError("the number of sources cannot be negative")
    if source_kinds == 0:
        return Strength.NONE
    if source_kinds == 1:
        return Strength.ONE_SOURCE
    if source_kinds >= rule.amount:
        return Strength.TRIANGULATED
    return Strength.CORROBORATED


@dataclass(frozen=True)
class TriangulationRow:
    key: str
    label: str
    counts: tuple[int, ...]  # one per source, in :attr:`Triangulation.sources` order
    strength: Strength

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def source_kinds(self) -> int:
        return sum(1 for n in self.counts if n)

    @property
    def gap(self) -> str:
        """Where to look, in words; empty when the evidence is corroborated."""
        if self.strength is Strength.NONE:
            return "No evidence yet: look for some on site"
        if self.strength is Strength.ONE_SOURCE:
            return "Rests on one kind of source only: test it against another"
        return ""


@dataclass(frozen=True)
class Triangulation:
    sources: tuple[EvidenceSource, ...]
    rows: tuple[TriangulationRow, ...]

    @property
    def gaps(self) -> tuple[TriangulationRow, ...]:
        return tuple(row for row in self.rows if row.strength.is_gap)

    def to_dict(self) -> dict:
        return {
            "sources": [s.value for s in self.sources],
            "rows": [
                {"key": r.key, "counts": dict(zip((s.value for s in self.sources), r.counts)),
                 "total": r.total, "strength": r.strength.value, "gap": r.strength.is_gap}
                for r in self.rows
            ],
        }


def triangulate(
    counts: Mapping[tuple[str, EvidenceSource], int],
    rows: Iterable[tuple[str, str]] | None = None,
    rule: Rule = TRIANGULATION_SOURCES,
) -> Triangulation:
    """Rows (criteria by default, or lines of enquiry) by sources, from ``counts[(row_key, source)]``.

    ``rows`` is ``(key, label)`` for each row, in order; by default the 11 criteria I1-I5, L1-L6.
    """
    row_list = list(rows) if rows is not None else [(c.id, c.name) for c in CRITERIA]
    known = {key for key, _ in row_list}
    for (key, source), n in counts.items():
        if key not in known:
            raise FrameworkError(f"there is no row {key!r} in this matrix")
        if not isinstance(source, EvidenceSource) or n < 0:
            raise FrameworkError("counts are non-negative numbers of entries for each source")
    sources = tuple(EvidenceSource)
    out = []
    for key, label in row_list:
        cells = tuple(counts.get((key, source), 0) for source in sources)
        out.append(TriangulationRow(key, label, cells, strength_of(sum(1 for n in cells if n), rule)))
    return Triangulation(sources, tuple(out))


# The outcome decision -------------------------------------------------------------------------


class DecisionStage(enum.Enum):
    """Where a full inspection's outcome decision stands. It stands only once signed off."""

    NOT_PROPOSED = "not_proposed"
    WAITING_FOR_TEAM = "waiting_for_team"
    WAITING_FOR_QA = "waiting_for_qa"
    SIGNED_OFF = "signed_off"

    @property
    def label(self) -> str:
        return {
            DecisionStage.NOT_PROPOSED: "Not proposed yet",
            DecisionStage.WAITING_FOR_TEAM: "Waiting for the team to agree",
            DecisionStage.WAITING_FOR_QA: "Waiting for quality assurance sign-off",
            DecisionStage.SIGNED_OFF: "Signed off: the outcome stands",
        }[self]


def decision_stage(*, proposed: bool, team: Iterable, agreed: Iterable, signed_off: bool) -> DecisionStage:
    """The stage from the facts: every member of the team agrees, then a QA reader signs off."""
    if not proposed:
        return DecisionStage.NOT_PROPOSED
    if signed_off:
        return DecisionStage.SIGNED_OFF
    if set(team) - set(agreed):
        return DecisionStage.WAITING_FOR_TEAM
    return DecisionStage.WAITING_FOR_QA


def decision_problems(
    outcome: Outcome | None,
    reasons: Iterable[tuple[str, int]],
    priority_areas: Iterable[tuple[str, int]],
) -> dict[str, str]:
    """What is missing from a proposed outcome, by field; empty when it can go to the team.

    ``reasons`` is ``(text, number of evidence entries it rests on)``; ``priority_areas`` is
    ``(text, number of partners named as responsible)``.
    """
    problems: dict[str, str] = {}
    reasons = [(text.strip(), n) for text, n in reasons]
    areas = [(text.strip(), n) for text, n in priority_areas]
    if outcome is None:
        problems["outcome"] = "Choose the outcome the evidence supports"
    if not reasons:
        problems["reasons"] = "Give at least one reason for the outcome"
    elif any(not text for text, _ in reasons):
        problems["reasons"] = "Write each reason out, or remove it"
    elif any(n == 0 for _, n in reasons):
        problems["reasons"] = "Tie each reason to at least one evidence entry"
    if outcome is Outcome.SYSTEMIC_FAILINGS:
        if not areas:
            problems["priority_areas"] = "With outcome 3, record at least one area for priority action"
        elif any(not text for text, _ in areas):
            problems["priority_areas"] = "Describe each area for priority action"
        elif any(n == 0 for _, n in areas):
            problems["priority_areas"] = "Name the partner or partners responsible for each area for priority action"
    elif areas and outcome is not None:
        problems["priority_areas"] = "Areas for priority action are recorded with outcome 3 only"
    return problems


# Monitoring inspections -----------------------------------------------------------------------


@dataclass(frozen=True)
class MonitoringAnswer:
    key: str
    text: str


@dataclass(frozen=True)
class MonitoringWording:
    """The wording a monitoring inspection uses for its conclusion on each area for priority action."""

    version: str
    question: str
    answers: tuple[MonitoringAnswer, ...]
    source: str
    confirmed: bool = False
    note: str = ""

    def answer(self, key: str) -> MonitoringAnswer:
        for item in self.answers:
            if item.key == key:
                return item
        raise FrameworkError("Choose whether the partnership is taking effective action")

    def to_dict(self) -> dict:
        return {
            "version": self.version, "question": self.question, "confirmed": self.confirmed, "source": self.source,
            "answers": [{"key": a.key, "text": a.text} for a in self.answers],
        }


#: Wording by framework version. The 2025 handbook changed monitoring outcomes and the spec could
#: not confirm their names (spec 4.4, 8.4): this is the service's wording until it is confirmed.
MONITORING_CONCLUSIONS: dict[str, MonitoringWording] = {
    "2023": MonitoringWording(
        "2023",
        "Is the local area partnership taking effective action on this area for priority action?",
        (MonitoringAnswer("effective", "The partnership is taking effective action"),
         MonitoringAnswer("not_effective", "The partnership is not taking effective action")),
        "spec 3.1, 4.4, 8.4", confirmed=False,
        note="The handbook's wording for monitoring conclusions is not confirmed.",
    ),
    "2025": MonitoringWording(
        "2025",
        "Is the local area partnership taking effective action on this area for priority action?",
        (MonitoringAnswer("effective", "The partnership is taking effective action"),
         MonitoringAnswer("not_effective", "The partnership is not taking effective action")),
        "spec 3.1, 4.4, 8.4 (changed in 2025)", confirmed=False,
        note="Monitoring arrangements, feedback and outcomes changed in June 2025; the new wording is not confirmed.",
    ),
}


def monitoring_wording(version_id: str) -> MonitoringWording:
    """The monitoring conclusion wording for a framework version (2023 or later)."""
    try:
        return MONITORING_CONCLUSIONS[str(version_id)]
    except KeyError:
        raise FrameworkError(f"monitoring inspections have no conclusion wording under the {version_id} framework") from None


def criteria_rows() -> tuple[tuple[str, str], ...]:
    return tuple((c.id, c.name) for c in CRITERIA)


def _criterion_ids() -> frozenset[str]:
    return frozenset(c.id for c in CRITERIA)


def check_criteria(ids: Iterable[str]) -> tuple[str, ...]:
    """The criteria ids, cleaned and in the framework's order; only I1-I5 and L1-L6."""
    wanted = {str(i).strip().upper() for i in ids if str(i).strip()}
    unknown = wanted - _criterion_ids()
    if unknown:
        raise FrameworkError(f"there is no criterion {sorted(unknown)[0]}; use I1-I5 or L1-L6")
    return tuple(c.id for c in CRITERIA if c.id in wanted)

