"""Evaluation criteria (spec 5.1, 5.2) with stable identifiers.

Five impact criteria (I1-I5) and six leadership criteria (L1-L6), 11 in all,
for the 2023 framework and its 2025 update. The texts are the criteria's
names as the framework words them. The 2016 framework asked three questions
instead (:data:`QUESTIONS_2016`, spec 2.1).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .rules import FrameworkError

__all__ = [
    "CRITERIA",
    "Criterion",
    "CriterionKind",
    "IMPACT_CRITERIA",
    "LEADERSHIP_CRITERIA",
    "QUESTIONS_2016",
    "criterion",
]


class CriterionKind(enum.Enum):
    IMPACT = "impact"
    LEADERSHIP = "leadership"


@dataclass(frozen=True)
class Criterion:
    id: str
    kind: CriterionKind
    name: str
    source: str

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind.value, "name": self.name, "source": self.source}


def _impact(number: int, name: str) -> Criterion:
    return Criterion(f"I{number}", CriterionKind.IMPACT, name, "spec 5.1")


def _leadership(number: int, name: str) -> Criterion:
    return Criterion(f"L{number}", CriterionKind.LEADERSHIP, name, "spec 5.2")


IMPACT_CRITERIA: tuple[Criterion, ...] = (
    _impact(1, "children and young people's needs are identified accurately and assessed in a timely and effective way"),
    _impact(2, "children, young people and their families participate in decision-making about their individual plans and support"),
    _impact(3, "children and young people receive the right help at the right time"),
    _impact(4, "children and young people are well prepared for their next steps, and achieve strong outcomes"),
    _impact(5, "children and young people are valued, visible and included in their communities"),
)

LEADERSHIP_CRITERIA: tuple[Criterion, ...] = (
    _leadership(1, "leaders are ambitious for children and young people with SEND"),
    _leadership(2, "leaders actively engage and work with children, young people and families"),
    _leadership(3, "leaders have an accurate, shared understanding of the needs of children and young people in their local area"),
    _leadership(
        4,
        "leaders commission services and provision to meet the needs and aspirations of children and young people, "
        "including commissioning arrangements for children and young people in alternative provision",
    ),
    _leadership(5, "leaders evaluate services and make improvements"),
    _leadership(6, "leaders create an environment in which effective practice and multi-agency working can flourish"),
)

CRITERIA: tuple[Criterion, ...] = IMPACT_CRITERIA + LEADERSHIP_CRITERIA

#: The 2016 framework's three questions: how effectively the area does each.
QUESTIONS_2016: tuple[Criterion, ...] = (
    Criterion("Q1", CriterionKind.IMPACT, "identifies children and young people with SEND", "spec 2.1"),
    Criterion("Q2", CriterionKind.IMPACT, "assesses and meets their needs", "spec 2.1"),
    Criterion("Q3", CriterionKind.IMPACT, "improves their outcomes", "spec 2.1"),
)

_BY_ID = {item.id: item for item in CRITERIA + QUESTIONS_2016}


def criterion(identifier: str) -> Criterion:
    """The criterion with this identifier (``"I1"`` to ``"I5"``, ``"L1"`` to ``"L6"``, ``"Q1"`` to ``"Q3"``)."""
    try:
        return _BY_ID[identifier.strip().upper()]
    except KeyError:
        raise FrameworkError(f"There is no criterion called {identifier!r}: enter one of I1 to I5 or L1 to L6") from None
