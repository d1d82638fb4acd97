"""Inputs and outputs of the planner: frozen dataclasses, no I/O, no clock."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from areasend.framework.kinds import InspectionKind
from areasend.framework.scheduling import REAL_PACE

__all__ = [
    "AreaState",
    "Inspector",
    "TeamMember",
    "Blackout",
    "Capacity",
    "CapacityPeriod",
    "EngagementMeetingItem",
    "Plan",
    "PlanItem",
    "PlanningRules",
    "RuleBreak",
    "Terms",
    "FULL",
    "MONITORING",
]

#: Keys of the two kinds of on-site activity the planner places, from the framework core.
FULL = InspectionKind.FULL.value
MONITORING = InspectionKind.MONITORING.value


@dataclass(frozen=True)
class AreaState:
    """What the planner knows about one local area partnership on the planning date.

    ``last_inspection_date``: start of its most recent on-site activity of any kind (own or inherited).
    ``last_full_under_current_framework``: start of its latest full inspection under the 2023 framework
    or a later update, with that inspection's ``last_full_framework``, ``last_outcome`` (1 to 3) and
    ``last_published`` date when the report was published by the planning date.
    ``monitoring_since_last_full``: a monitoring inspection has already followed that full inspection.
    What the 2016 framework left, as known on the planning date (the order of first inspections uses it):
    ``last_2016_inspection`` (start of the latest 2016 inspection), ``last_revisit`` (start of its latest
    revisit), ``written_statement`` (a written statement of action was required) and ``revisit_progress``
    (the latest published revisit's finding: "Yes", "Some", "No", or "" when none).
    ``previous_lead``: the lead inspector of the area's latest inspection, when this service knows it.
    """

    code: str
    name: str
    region: str
    last_inspection_date: dt.date | None = None
    last_full_under_current_framework: dt.date | None = None
    last_full_framework: str | None = None
    last_outcome: int | None = None
    last_published: dt.date | None = None
    monitoring_since_last_full: bool = False
    last_2016_inspection: dt.date | None = None
    last_revisit: dt.date | None = None
    written_statement: bool | None = None
    revisit_progress: str = ""
    previous_lead: str | None = None

    @property
    def awaiting_first_full_inspection(self) -> bool:
        return self.last_full_under_current_framework is None


@dataclass(frozen=True)
class Inspector:
    """One person in the national workforce.

    ``remit``: the place they take on a team (``hmi`` leads; ``ofsted``, ``social_care``, ``cqc``).
    ``region``: their home region (an area of another region means travel). ``unavailable``: Mondays
    of weeks they cannot be on site. ``conflicts``: ONS codes of areas they may not inspect.
    """

    name: str
    remit: str
    region: str = ""
    unavailable: frozenset[dt.date] = frozenset()
    conflicts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TeamMember:
    name: str
    remit: str

    def to_dict(self) -> dict:
        return {"name": self.name, "remit": self.remit}


@dataclass(frozen=True)
class CapacityPeriod:
    """Teams available per week from ``start`` to ``end`` (both inclusive), e.g. for one term."""

    start: dt.date
    end: dt.date
    full_per_week: int
    monitoring_per_week: int
    label: str = ""


@dataclass(frozen=True)
class Capacity:
    """On-site activities that can start in one week: full and monitoring inspections counted separately.

    The defaults hold unless a period covering the week's Monday says otherwise (the last listed wins).
    ``full_pace``: with it, full inspections also keep to this many a week on average from the plan's
    first week (by each week, at most the pace times the weeks so far, rounded up); ``full_per_week``
    is then the most in any one week. :meth:`real_pace` is the 2023 framework's real programme.
    """

    full_per_week: int = 2
    monitoring_per_week: int = 1
    periods: tuple[CapacityPeriod, ...] = ()
    full_pace: float | None = None

    @classmethod
    def real_pace(cls, monitoring_per_week: int = 1) -> "Capacity":
        """About 0.55 full inspections a week on average and at most 2 in one week, as in 2023 and 2024."""
        return cls(REAL_PACE.most_in_one_week, monitoring_per_week, full_pace=REAL_PACE.full_per_week)

    def full_budget(self, weeks_so_far: int) -> int | None:
        """Full inspections allowed in the plan's first ``weeks_so_far`` weeks by the pace (None: no pace)."""
        if self.full_pace is None:
            return None
        return math.ceil(self.full_pace * weeks_so_far - 1e-9)

    def for_week(self, monday: dt.date, kind: str) -> int:
        full, monitoring = self.full_per_week, self.monitoring_per_week
        for period in self.periods:
            if period.start <= monday <= period.end:
                full, monitoring = period.full_per_week, period.monitoring_per_week
        return full if kind == FULL else monitoring


@dataclass(frozen=True)
class Blackout:
    """Days on which no on-site activity starts or runs: for every area, or only for ``area_codes``."""

    start: dt.date
    end: dt.date
    label: str
    area_codes: frozenset[str] | None = None

    def covers_week(self, monday: dt.date, area_code: str) -> bool:
        friday = monday + dt.timedelta(days=4)
        if friday < self.start or monday > self.end:
            return False
        return self.area_codes is None or area_code in self.area_codes


@dataclass(frozen=True)
class PlanningRules:
    """Weights of the soft rules and the settings of the hard ones.

    Hard: one on-site activity per area per week, the capacity of each week, blackout weeks, and a
    monitoring inspection coming before the full reinspection it precedes. Everything else is soft and
    costs ``weight`` per unit, so a plan always exists and every break is reported.
    """

    region_cap: int = 2
    min_gap_weeks: int = 26
    weight_unscheduled: int = 100_000
    weight_day_late: int = 1
    weight_inversion: int = 7
    weight_region_excess: int = 500
    weight_gap_week: int = 20
    #: Pairs of first inspections further apart than this in the order are not modelled (None: all pairs).
    inversion_window: int | None = None
    #: Keep CP-SAT at or below the greedy baseline on every term of the objective.
    never_worse_than_greedy: bool = True
    #: How first inspections due by the same date are ordered (see :mod:`areasend.planning.order`).
    order_rule: str = "oldest_2016_inspection"
    # Named inspectors (with a workforce). Hard: availability, one inspection a person a week, remit,
    # conflicts of interest, a full team on every planned inspection. Soft, per unit:
    weight_travel: int = 10  # a team member from outside the area's region
    weight_workload: int = 40  # an inspection above a person's even share of their remit's work
    weight_lead_change: int = 150  # a monitoring inspection not led by the area's previous lead
    weight_lead_repeat: int = 150  # the same lead for an area twice running
    #: Team places considered per inspection: the nearest this many eligible people (None: everyone).
    team_candidates: int | None = None
    #: Weeks and teams in one model up to this many inspections; above it, weeks first, then teams.
    joint_teams_up_to: int | None = 600


@dataclass(frozen=True)
class Terms:
    """The terms of the objective for one plan, and their weighted sum."""

    unscheduled: int
    days_overdue: int
    inversions: int
    region_excess: int
    gap_shortfall_weeks: int
    objective: int
    travel: int = 0
    workload_excess: int = 0
    lead_changes: int = 0
    lead_repeats: int = 0

    def to_dict(self) -> dict:
        return {
            "unscheduled": self.unscheduled,
            "days_overdue": self.days_overdue,
            "inversions": self.inversions,
            "region_excess": self.region_excess,
            "gap_shortfall_weeks": self.gap_shortfall_weeks,
            "travel": self.travel,
            "workload_excess": self.workload_excess,
            "lead_changes": self.lead_changes,
            "lead_repeats": self.lead_repeats,
            "objective": self.objective,
        }


@dataclass(frozen=True)
class PlanItem:
    """One planned on-site activity (``onsite_start`` a Monday), or one left after the horizon (None)."""

    area_code: str
    area_name: str
    region: str
    kind: str
    onsite_start: dt.date | None
    due_by: dt.date | None
    earliest: dt.date
    days_late: int
    rank: int | None
    reason: str
    team: tuple[TeamMember, ...] = ()

    def to_dict(self) -> dict:
        return {
            "area_code": self.area_code,
            "kind": self.kind,
            "onsite_start": self.onsite_start.isoformat() if self.onsite_start else None,
            "due_by": self.due_by.isoformat() if self.due_by else None,
            "reason": self.reason,
            "team": [member.to_dict() for member in self.team],
        }


@dataclass(frozen=True)
class EngagementMeetingItem:
    """An annual engagement meeting, dated by the framework core; it takes no on-site capacity."""

    area_code: str
    date: dt.date

    def to_dict(self) -> dict:
        return {"area_code": self.area_code, "date": self.date.isoformat()}


@dataclass(frozen=True)
class RuleBreak:
    """One soft rule the plan breaks, with its cost in the objective."""

    rule: str
    cost: int
    message: str
    area_code: str | None = None
    week: dt.date | None = None

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "cost": self.cost,
            "message": self.message,
            "area_code": self.area_code,
            "week": self.week.isoformat() if self.week else None,
        }


@dataclass(frozen=True)
class Plan:
    """A plan with its solver report and the greedy baseline it was measured against."""

    as_of: dt.date
    until: dt.date
    status: str
    solver_status: str
    objective: int
    bound: int
    gap: float
    terms: Terms
    greedy_terms: Terms
    solve_seconds: float
    items: tuple[PlanItem, ...]
    unscheduled: tuple[PlanItem, ...] = ()
    meetings: tuple[EngagementMeetingItem, ...] = ()
    breaks: tuple[RuleBreak, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "until": self.until.isoformat(),
            "status": self.status,
            "solver_status": self.solver_status,
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "greedy_objective": self.greedy_terms.objective,
            "terms": self.terms.to_dict(),
            "greedy_terms": self.greedy_terms.to_dict(),
            "solve_seconds": round(self.solve_seconds, 3),
            "items": [item.to_dict() for item in self.items],
            "unscheduled": [item.to_dict() for item in self.unscheduled],
            "engagement_meetings": [meeting.to_dict() for meeting in self.meetings],
            "breaks": [rule_break.to_dict() for rule_break in self.breaks],
            "notes": list(self.notes),
        }
