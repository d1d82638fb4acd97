"""The baseline: earliest due date first, each activity in the first week with room, as a spreadsheet is filled."""

from __future__ import annotations

import datetime as dt

from .model import FULL, MONITORING
from .problem import Activity, Problem

__all__ = ["greedy_weeks"]


def _order(activity: Activity) -> tuple:
    return (
        activity.due_by or dt.date.max,
        activity.rank if activity.rank is not None else 0,
        activity.kind != MONITORING,
        activity.area.code,
    )


def greedy_weeks(problem: Problem) -> list[int | None]:
    """A week for each activity (None when no week within the horizon has room).

    Activities are taken by due date, then by rank in the first-inspection order. Each goes in the first
    allowed week with capacity for its kind, fewer than the region cap of its region, at least the minimum
    gap after the area's last inspection and after its other planned activity.
    """
    rules = problem.rules
    used: dict[tuple[int, str], int] = {}
    region_load: dict[tuple[str, int], int] = {}
    weeks: list[int | None] = [None] * len(problem.activities)
    placed: dict[str, list[int]] = {}
    paced = problem.capacity.full_pace is not None
    full_by_week = [0] * problem.n_weeks
    for activity in sorted(problem.activities, key=_order):
        area = activity.area
        for week in activity.allowed:
            if used.get((week, activity.kind), 0) >= problem.capacity_of(week, activity.kind):
                continue
            if region_load.get((area.region, week), 0) >= rules.region_cap:
                continue
            if problem.history_gap_shortfall(activity, week) > 0:
                continue
            if any(abs(week - other) < max(1, rules.min_gap_weeks) for other in placed.get(area.code, ())):
                continue
            if any(other >= week for other in placed.get(area.code, ())):
                continue  # the monitoring inspection comes before the full reinspection
            if paced and activity.kind == FULL and not _pace_allows(problem, full_by_week, week):
                continue
            weeks[activity.index] = week
            used[(week, activity.kind)] = used.get((week, activity.kind), 0) + 1
            region_load[(area.region, week)] = region_load.get((area.region, week), 0) + 1
            placed.setdefault(area.code, []).append(week)
            if activity.kind == FULL:
                full_by_week[week] += 1
            break
    return weeks


def _pace_allows(problem: Problem, full_by_week: list[int], week: int) -> bool:
    """One more full inspection in ``week`` keeps every week from it on within the pace."""
    total = sum(full_by_week[:week])
    for later in range(week, problem.n_weeks):
        total += full_by_week[later]
        if total + 1 > problem.full_budget(later):
            return False
    return True
