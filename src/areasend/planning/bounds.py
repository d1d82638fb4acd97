"""Lower bounds on the objective that the solver can use to prove its plans near optimal.

:func:`lateness_lower_bound`: the cost of lateness and of inspections left after the horizon in a
relaxation of the plan that keeps only each week's capacity, the pace and each activity's allowed
weeks (no region cap, no order, no gaps, no teams). With unit-length activities that relaxation is
a transportation problem, solved exactly as a min-cost flow; every real plan costs at least as much.
"""

from __future__ import annotations

from ortools.graph.python import min_cost_flow

from .model import FULL, MONITORING
from .problem import Problem

__all__ = ["lateness_lower_bound"]


def _kind_bound(problem: Problem, kind: str) -> int:
    rules = problem.rules
    activities = [a for a in problem.activities if a.kind == kind]
    if not activities:
        return 0
    weeks = problem.n_weeks
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink, after = 0, 1, 2
    job0 = 3
    week0 = job0 + len(activities)
    chain0 = week0 + weeks
    paced = kind == FULL and problem.capacity.full_pace is not None
    for offset, activity in enumerate(activities):
        job = job0 + offset
        flow.add_arc_with_capacity_and_unit_cost(source, job, 1, 0)
        for week in activity.allowed:
            flow.add_arc_with_capacity_and_unit_cost(job, week0 + week, 1,
                                                     rules.weight_day_late * problem.days_late(activity, week))
        flow.add_arc_with_capacity_and_unit_cost(
            job, after, 1, rules.weight_unscheduled + rules.weight_day_late * problem.days_late(activity, None))
    total = len(activities)
    for week in range(weeks):
        flow.add_arc_with_capacity_and_unit_cost(week0 + week, chain0 + week, problem.capacity_of(week, kind), 0)
        if paced:
            budget = max(0, problem.full_budget(week))
            head = chain0 + week + 1 if week + 1 < weeks else sink
            flow.add_arc_with_capacity_and_unit_cost(chain0 + week, head, min(total, budget), 0)
        else:
            flow.add_arc_with_capacity_and_unit_cost(chain0 + week, sink, total, 0)
    flow.add_arc_with_capacity_and_unit_cost(after, sink, total, 0)
    flow.set_node_supply(source, total)
    flow.set_node_supply(sink, -total)
    if flow.solve() != flow.OPTIMAL:
        return 0
    return int(flow.optimal_cost())


def lateness_lower_bound(problem: Problem) -> int:
    """The least that lateness and unplaced inspections can cost in any plan of ``problem``."""
    return _kind_bound(problem, FULL) + _kind_bound(problem, MONITORING)
