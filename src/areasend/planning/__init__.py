"""The national programme planner: which local area partnerships are inspected in which week.

Pure Python with no Django import. ``plan(areas, as_of, until, capacity=..., rules=..., blackouts=...)``
takes each area's state as known on ``as_of`` (:class:`AreaState`, built from history with
:func:`area_state_as_of`), asks the framework core for every due date, and returns a :class:`Plan`
solved on OR-Tools CP-SAT and measured against :func:`greedy_weeks`, the earliest-due-date baseline.
"""

from .greedy import greedy_weeks
from .history import CURRENT_FRAMEWORKS, HistoryRecord, area_state_as_of, known_on
from .model import (
    FULL,
    MONITORING,
    AreaState,
    Blackout,
    Capacity,
    CapacityPeriod,
    EngagementMeetingItem,
    Plan,
    PlanItem,
    PlanningRules,
    RuleBreak,
    Terms,
)
from .problem import Activity, Problem, build_problem, default_blackouts, election_blackouts, first_cycle_due, score
from .solver import breaks, plan, solve

__all__ = [
    "CURRENT_FRAMEWORKS",
    "FULL",
    "MONITORING",
    "Activity",
    "AreaState",
    "Blackout",
    "Capacity",
    "CapacityPeriod",
    "EngagementMeetingItem",
    "HistoryRecord",
    "Plan",
    "PlanItem",
    "PlanningRules",
    "Problem",
    "RuleBreak",
    "Terms",
    "area_state_as_of",
    "breaks",
    "build_problem",
    "default_blackouts",
    "election_blackouts",
    "first_cycle_due",
    "greedy_weeks",
    "known_on",
    "plan",
    "score",
    "solve",
]
