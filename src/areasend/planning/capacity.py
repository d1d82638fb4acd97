"""The national team's question: what weekly capacity inspects every area not yet inspected under this
framework by a date (31 December 2027 for the first cycle)?

The answer is the lowest average pace (full inspections a week, to two decimal places) at which the
greedy baseline, keeping every other rule of the plan (closed weeks, the most in one week, the region
cap, reinspections due meanwhile), places every first inspection in a week on or before the date. A
greedy plan is a plan that exists, so the pace is enough; a lower pace may also be enough for a better
plan, so the answer is an upper estimate within 0.01 a week of what greedy can show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .greedy import greedy_weeks
from .model import AreaState, Blackout, Capacity, PlanningRules
from .problem import build_problem

__all__ = ["CapacityAnswer", "capacity_to_finish"]


@dataclass(frozen=True)
class CapacityAnswer:
    deadline: dt.date
    waiting: int  # areas not yet inspected under the current framework
    open_weeks: int  # weeks from the plan's first Monday to the deadline open to on-site work
    weeks: int  # every week from the plan's first Monday to the deadline
    full_per_week: float | None  # the average pace needed (None: not reachable at this weekly maximum)
    most_in_one_week: int

    def to_dict(self) -> dict:
        return {"deadline": self.deadline.isoformat(), "waiting": self.waiting, "open_weeks": self.open_weeks,
                "weeks": self.weeks, "full_per_week": self.full_per_week, "most_in_one_week": self.most_in_one_week}


def capacity_to_finish(
    areas: Sequence[AreaState],
    as_of: dt.date,
    deadline: dt.date,
    *,
    most_in_one_week: int = 2,
    monitoring_per_week: int = 1,
    rules: PlanningRules | None = None,
    blackouts: Sequence[Blackout] | None = None,
) -> CapacityAnswer:
    def problem_at(pace: float):
        return build_problem(areas, as_of, deadline, rules=rules, blackouts=blackouts,
                             capacity=Capacity(most_in_one_week, monitoring_per_week, full_pace=pace))

    def finishes(pace: float) -> bool:
        problem = problem_at(pace)
        weeks = greedy_weeks(problem)
        return all(weeks[a.index] is not None for a in problem.activities if a.first_inspection)

    probe = problem_at(float(most_in_one_week))
    waiting = probe.waiting_for_first
    open_weeks = len({week for a in probe.activities for week in a.allowed})
    answer = None
    if finishes(float(most_in_one_week)):
        low, high = 0, most_in_one_week * 100  # in hundredths of an inspection a week
        while low < high:
            middle = (low + high) // 2
            if finishes(middle / 100):
                high = middle
            else:
                low = middle + 1
        answer = low / 100
    return CapacityAnswer(deadline, waiting, open_weeks, probe.n_weeks, answer, most_in_one_week)
