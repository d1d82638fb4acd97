"""The baseline: earliest due date first, each activity in the first week with room, as a spreadsheet is filled."""

from __future__ import annotations

import datetime as dt

from .model import MONITORING
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
            weeks[activity.index] = week
            used[(week, activity.kind)] = used.get((week, activity.kind), 0) + 1
            region_load[(area.region, week)] = region_load.get((area.region, week), 0) + 1
            placed.setdefault(area.code, []).append(week)
            break
    return weeks
