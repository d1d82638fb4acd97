"""The kinds of inspection activity and what each one ends in (spec 2.1, 3.1, 4.4, 8.4).

* A **full inspection** ends in one of the three outcomes (2023 framework and later). Under the
  2016 framework it ended in a report letter saying whether a written statement of action was
  required.
* A **monitoring inspection** follows outcome 3. It assesses how effectively the partnership has
  acted on its areas for priority action and gives further recommendations. It is not graded with
  the three outcomes; the handbook's names for its findings are unconfirmed
  (:data:`MONITORING_OUTCOME_NAMES`, listed by :func:`~areasend.framework.open_choices`).
* A **revisit** (2016 framework) finds whether the area made sufficient progress on each
  significant weakness in its written statement of action.
"""

from __future__ import annotations

import enum

from .outcomes import Outcome
from .rules import FrameworkError, Rule, Unit

__all__ = [
    "Ending",
    "InspectionKind",
    "MONITORING_OUTCOME_NAMES",
    "RevisitProgress",
    "ending_of",
]


class Ending(enum.Enum):
    """What an inspection activity ends in."""

    OUTCOME = "outcome"
    WRITTEN_STATEMENT_DECISION = "written_statement_decision"
    PROGRESS_AND_RECOMMENDATIONS = "progress_and_recommendations"
    SUFFICIENT_PROGRESS = "sufficient_progress"

    @property
    def label(self) -> str:
        return {
            Ending.OUTCOME: "One of the three outcomes",
            Ending.WRITTEN_STATEMENT_DECISION: "Whether a written statement of action is required",
            Ending.PROGRESS_AND_RECOMMENDATIONS: (
                "Findings on progress with the areas for priority action, and further recommendations"
            ),
            Ending.SUFFICIENT_PROGRESS: "Whether sufficient progress was made on each significant weakness",
        }[self]

    @property
    def graded(self) -> bool:
        """True when the ending is one of the numbered outcomes 1 to 3."""
        return self is Ending.OUTCOME

    @property
    def confirmed(self) -> bool:
        """False where the handbook's names for the ending are not confirmed (spec 4.4, 8.4)."""
        return self is not Ending.PROGRESS_AND_RECOMMENDATIONS


#: The monitoring inspection's outcome names are unconfirmed (spec 4.4, 8.4): the rule carries that
#: open choice into ``open_choices()``. The amount is the number of graded outcomes: none.
MONITORING_OUTCOME_NAMES = Rule(
    "monitoring_outcome_names", "graded outcomes of a monitoring inspection", 0, Unit.COUNT, "",
    "spec 3.1, 4.4, 8.4", confirmed=False,
    note="The names and consequences of monitoring inspection outcomes are unconfirmed (changed in 2025). "
    "The service records findings on progress with the areas for priority action and further "
    "recommendations, with no graded outcome.",
)


class InspectionKind(enum.Enum):
    """A kind of inspection activity; the value is the key stored everywhere."""

    FULL = "full"
    MONITORING = "monitoring"
    REVISIT = "revisit"

    @property
    def label(self) -> str:
        return {
            InspectionKind.FULL: "Full inspection",
            InspectionKind.MONITORING: "Monitoring inspection",
            InspectionKind.REVISIT: "Revisit",
        }[self]

    @property
    def ends_in(self) -> Ending:
        """What this kind ends in under the 2023 framework and later (see :func:`ending_of` for 2016)."""
        return {
            InspectionKind.FULL: Ending.OUTCOME,
            InspectionKind.MONITORING: Ending.PROGRESS_AND_RECOMMENDATIONS,
            InspectionKind.REVISIT: Ending.SUFFICIENT_PROGRESS,
        }[self]

    @property
    def follows_outcome(self) -> Outcome | None:
        """The standing outcome this kind follows, if any: a monitoring inspection follows outcome 3."""
        return Outcome.SYSTEMIC_FAILINGS if self is InspectionKind.MONITORING else None

    @property
    def versions(self) -> tuple[str, ...]:
        """Ids of the framework versions that have this kind of inspection."""
        from .versions import VERSIONS

        return tuple(v.id for v in VERSIONS if getattr(v, self.value) is not None)

    @classmethod
    def from_key(cls, key: str) -> InspectionKind:
        try:
            return cls(str(key))
        except ValueError:
            keys = ", ".join(k.value for k in cls)
            raise FrameworkError(f"The kind of inspection must be one of {keys}, not {key!r}") from None


def ending_of(kind: InspectionKind | str, version) -> Ending:
    """What ``kind`` ends in under ``version`` (a :class:`FrameworkVersion`)."""
    kind = kind if isinstance(kind, InspectionKind) else InspectionKind.from_key(kind)
    if kind is InspectionKind.FULL and not version.has_outcomes:
        return Ending.WRITTEN_STATEMENT_DECISION
    return kind.ends_in


class RevisitProgress(enum.Enum):
    """A 2016-framework revisit's finding on the weaknesses in the written statement of action (spec 2.1)."""

    YES = "Yes"
    SOME = "Some"
    NO = "No"

    @property
    def label(self) -> str:
        return {
            RevisitProgress.YES: "Sufficient progress in all significant weaknesses",
            RevisitProgress.SOME: "Sufficient progress in some significant weaknesses",
            RevisitProgress.NO: "Sufficient progress in none of the significant weaknesses",
        }[self]

    @property
    def sufficient(self) -> bool:
        return self is RevisitProgress.YES
