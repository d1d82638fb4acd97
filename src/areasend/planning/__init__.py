"""The national programme planner: which local area partnerships are inspected in which week.

Pure Python with no Django import. ``plan(areas, as_of, until, capacity=..., rules=..., blackouts=...)``
takes each area's state as known on ``as_of`` (:class:`AreaState`, built from history with
:func:`area_state_as_of`), asks the framework core for every due date, and returns a :class:`Plan`
solved on OR-Tools CP-SAT and measured against :func:`greedy_weeks`, the earliest-due-date baseline.
"""

from .bounds import lateness_lower_bound
from .capacity import CapacityAnswer, capacity_to_finish
from .greedy import greedy_plan, greedy_weeks
from .history import CURRENT_FRAMEWORKS, HistoryRecord, area_state_as_of, known_on
from .model import (
    FULL,
    MONITORING,
    AreaState,
    Blackout,
    Capacity,
    CapacityPeriod,
    EngagementMeetingItem,
    Inspector,
    Plan,
    PlanItem,
    PlanningRules,
    RuleBreak,
    TeamMember,
    Terms,
)
from .workforce import generated_workforce
from .order import DEFAULT_ORDER_RULE, ORDER_RULES, back_test, rank_areas, spearman
from .problem import (
    Activity,
    Problem,
    build_problem,
    default_blackouts,
    election_blackouts,
    first_cycle_due,
    score,
    team_terms,
)
from .solver import breaks, plan, solve

__all__ = [
    "CURRENT_FRAMEWORKS",
    "DEFAULT_ORDER_RULE",
    "ORDER_RULES",
    "Inspector",
    "TeamMember",
    "back_test",
    "CapacityAnswer",
    "capacity_to_finish",
    "generated_workforce",
    "greedy_plan",
    "lateness_lower_bound",
    "rank_areas",
    "spearman",
    "team_terms",
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
