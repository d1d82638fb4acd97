"""A plan run's result compared with another's: areas moved, added and dropped, objective terms side by side.

Pure functions over the result dicts the service stores; no database.
"""

from __future__ import annotations

from dataclasses import dataclass

TERM_LABELS = (
    ("unscheduled", "Inspections after the end of the plan"),
    ("days_overdue", "Days overdue, added up"),
    ("inversions", "First inspections out of order"),
    ("region_excess", "Areas over the region cap"),
    ("gap_shortfall_weeks", "Weeks short of the minimum gap"),
    ("objective", "Objective (weighted total, lower is better)"),
)


@dataclass(frozen=True)
class Move:
    area_code: str
    area_name: str
    kind: str
    before: str  # ISO Monday in the plan compared against
    after: str  # ISO Monday in this plan


@dataclass(frozen=True)
class TermRow:
    key: str
    label: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class PlanDiff:
    moved: tuple[Move, ...]
    added: tuple[dict, ...]
    dropped: tuple[dict, ...]
    unchanged: int
    terms: tuple[TermRow, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.moved or self.added or self.dropped)


def _planned(result: dict) -> dict[tuple[str, str], dict]:
    return {(item["area_code"], item["kind"]): item for item in result.get("items", [])}


def compare(before: dict, after: dict) -> PlanDiff:
    """How ``after`` differs from ``before``: activities are matched by area and kind."""
    old, new = _planned(before), _planned(after)
    moved, unchanged = [], 0
    for key in sorted(old.keys() & new.keys(), key=lambda k: (new[k]["area_name"], k[1])):
        if old[key]["onsite_start"] == new[key]["onsite_start"]:
            unchanged += 1
        else:
            moved.append(Move(key[0], new[key]["area_name"], key[1], old[key]["onsite_start"], new[key]["onsite_start"]))
    added = tuple(new[k] for k in sorted(new.keys() - old.keys(), key=lambda k: (new[k]["area_name"], k[1])))
    dropped = tuple(old[k] for k in sorted(old.keys() - new.keys(), key=lambda k: (old[k]["area_name"], k[1])))
    terms = tuple(
        TermRow(key, label, before["terms"][key], after["terms"][key]) for key, label in TERM_LABELS
    )
    return PlanDiff(tuple(moved), added, dropped, unchanged, terms)
