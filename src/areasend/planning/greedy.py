"""The baseline: earliest due date first, each activity in the first week with room, as a spreadsheet is filled."""

from __future__ import annotations

import datetime as dt

from .model import FULL, MONITORING
from .problem import Activity, Problem

__all__ = ["greedy_plan", "greedy_weeks"]


def _order(activity: Activity) -> tuple:
    return (
        activity.due_by or dt.date.max,
        activity.rank if activity.rank is not None else 0,
        activity.kind != MONITORING,
        activity.area.code,
    )


def greedy_weeks(problem: Problem) -> list[int | None]:
    """A week for each activity (None when no week within the horizon has room)."""
    return greedy_plan(problem)[0]


def _first_fit(problem: Problem, activity: Activity, week: int, busy: set[tuple[int, int]]) -> tuple[int, ...] | None:
    """The team a spreadsheet would fill: for each place, the first person in the workforce list who may take it."""
    team: list[int] = []
    for remit in problem.places(activity):
        person = next((i for i in problem.people_by_remit.get(remit, ())
                       if activity.area.code not in problem.workforce[i].conflicts and i not in team
                       and (i, week) not in busy and problem.available(i, week)), None)
        if person is None:
            return None
        team.append(person)
    return tuple(team)


def greedy_plan(problem: Problem) -> tuple[list[int | None], list[tuple[int, ...] | None]]:
    """A week for each activity, and with a workforce a team for each planned one.

    Activities are taken by due date, then by rank in the first-inspection order. Each goes in the first
    allowed week with capacity for its kind, fewer than the region cap of its region, at least the minimum
    gap after the area's last inspection and after its other planned activity, within the pace, and (with
    a workforce) where every place on its team can be filled first-fit from the workforce list.
    """
    rules = problem.rules
    used: dict[tuple[int, str], int] = {}
    region_load: dict[tuple[str, int], int] = {}
    weeks: list[int | None] = [None] * len(problem.activities)
    placed: dict[str, list[int]] = {}
    paced = problem.capacity.full_pace is not None
    full_by_week = [0] * problem.n_weeks
    teams: list[tuple[int, ...] | None] = [None] * len(problem.activities)
    busy: set[tuple[int, int]] = set()
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
            team = None
            if problem.workforce:
                team = _first_fit(problem, activity, week, busy)
                if team is None:
                    continue
                busy.update((person, week) for person in team)
                teams[activity.index] = team
            weeks[activity.index] = week
            used[(week, activity.kind)] = used.get((week, activity.kind), 0) + 1
            region_load[(area.region, week)] = region_load.get((area.region, week), 0) + 1
            placed.setdefault(area.code, []).append(week)
            if activity.kind == FULL:
                full_by_week[week] += 1
            break
    return weeks, teams


def _pace_allows(problem: Problem, full_by_week: list[int], week: int) -> bool:
    """One more full inspection in ``week`` keeps every week from it on within the pace."""
    total = sum(full_by_week[:week])
    for later in range(week, problem.n_weeks):
        total += full_by_week[later]
        if total + 1 > problem.full_budget(later):
            return False
    return True
