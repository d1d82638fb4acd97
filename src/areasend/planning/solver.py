"""The plan on OR-Tools CP-SAT: one on-site week per activity, seeded with the greedy baseline."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Mapping, Sequence

from ortools.sat.python import cp_model

from areasend.framework.calendar import plural, written_date

from .bounds import lateness_lower_bound
from .greedy import greedy_plan
from .model import FULL, MONITORING, AreaState, Blackout, Capacity, Inspector, Plan, PlanItem, PlanningRules, RuleBreak, TeamMember
from .problem import Activity, Problem, build_problem, score

__all__ = ["breaks", "plan", "solve"]

#: Presolve settings measured on the 153-area register (bench/planner.py): the default probing and
#: repeated presolve passes take longer than the search itself on this time-indexed model.
_PARAMETERS = {
    "cp_model_probing_level": 0,
    "max_presolve_iterations": 1,
    "find_big_linear_overlap": False,
    "symmetry_level": 0,
}


def plan(
    areas: Sequence[AreaState],
    as_of: dt.date,
    until: dt.date,
    *,
    capacity: Capacity | None = None,
    rules: PlanningRules | None = None,
    blackouts: Sequence[Blackout] | None = None,
    workforce: Sequence[Inspector] = (),
    pauses: Sequence = (),
    time_limit: float = 10.0,
    num_workers: int = 2,
    seed: int = 0,
) -> Plan:
    """Plan the on-site weeks from ``as_of`` to ``until`` for ``areas`` (their state as known on ``as_of``),
    and with a ``workforce`` the named team of every planned inspection, weeks and teams together."""
    problem = build_problem(areas, as_of, until, capacity=capacity, rules=rules, blackouts=blackouts,
                            workforce=workforce, pauses=pauses)
    return solve(problem, time_limit=time_limit, num_workers=num_workers, seed=seed)


def _week_expr(x: dict[int, cp_model.IntVar], unscheduled: cp_model.IntVar, sentinel: int):
    return sum(week * var for week, var in x.items()) + sentinel * unscheduled


def solve(
    problem: Problem,
    *,
    time_limit: float = 10.0,
    num_workers: int = 2,
    seed: int = 0,
    log: bool = False,
    parameters: dict | None = None,
    previous: Mapping[tuple[str, str], dt.date] | None = None,
) -> Plan:
    """Solve ``problem``; ``parameters`` are extra CP-SAT parameters by name, over the defaults here.

    ``previous`` maps (area code, kind) to the Monday an earlier plan gave it: among the plans with the
    objective found, a second pass (half the time limit) picks the one that keeps the most of those weeks, so a what-if or a
    re-plan moves only what it has to. The objective, its terms and the bound are those of the first pass.
    """
    started = time.perf_counter()
    rules = problem.rules
    greedy, greedy_teams = greedy_plan(problem)
    greedy_terms = score(problem, greedy, greedy_teams)
    floor = lateness_lower_bound(problem)
    joint = bool(problem.workforce) and (rules.joint_teams_up_to is None
                                         or len(problem.activities) <= rules.joint_teams_up_to)
    week_cost = (greedy_terms.unscheduled * rules.weight_unscheduled + greedy_terms.days_overdue * rules.weight_day_late
                 + greedy_terms.inversions * rules.weight_inversion + greedy_terms.region_excess * rules.weight_region_excess
                 + greedy_terms.gap_shortfall_weeks * rules.weight_gap_week)
    if problem.workforce and not joint and previous is None and week_cost <= floor:
        # The greedy weeks cost what the lower bound says every plan costs at least: no other weeks do
        # better on the week terms, so the time goes to the teams for those weeks.
        notes = [f"The greedy weeks meet the lower bound on lateness ({floor}) with no other cost, so they are kept; "
                 f"CP-SAT chose the teams for them among {len(problem.activities)} inspections."]
        teams = _polish_teams(problem, greedy, greedy_teams, max(0.1, time_limit - (time.perf_counter() - started)),
                              num_workers, seed)
        return _result(problem, list(greedy), teams, floor, "FEASIBLE", "weeks proven by the lower bound", notes,
                       greedy_terms, started)
    sentinel = problem.n_weeks
    hinted = [sentinel if week is None else week for week in greedy]
    model = cp_model.CpModel()
    x: list[dict[int, cp_model.IntVar]] = []
    u: list[cp_model.IntVar] = []
    for activity in problem.activities:
        x.append({week: model.new_bool_var(f"x{activity.index}_{week}") for week in activity.allowed})
        u.append(model.new_bool_var(f"u{activity.index}"))
        model.add_exactly_one(list(x[-1].values()) + [u[-1]])
    # Capacity per week and kind: hard, the teams do not exist.
    by_week_kind: dict[tuple[int, str], list] = {}
    by_region_week: dict[tuple[str, int], list] = {}
    by_area_week: dict[tuple[str, int], list] = {}
    for activity in problem.activities:
        for week, var in x[activity.index].items():
            by_week_kind.setdefault((week, activity.kind), []).append(var)
            by_region_week.setdefault((activity.area.region, week), []).append(var)
            by_area_week.setdefault((activity.area.code, week), []).append(var)
    for (week, kind), variables in by_week_kind.items():
        limit = problem.capacity_of(week, kind)
        if len(variables) > limit:
            model.add(sum(variables) <= limit)
    # The pace: full inspections so far never more than the pace allows by each week.
    if problem.capacity.full_pace is not None:
        n_full = sum(1 for a in problem.activities if a.kind == FULL)
        previous_total = None
        hinted_so_far = 0
        for week in range(problem.n_weeks):
            budget = problem.full_budget(week)
            total = model.new_int_var(0, max(0, min(n_full, budget)), f"full_so_far_{week}")
            hinted_so_far += sum(1 for a in problem.activities if a.kind == FULL and greedy[a.index] == week)
            model.add_hint(total, hinted_so_far)
            load = sum(by_week_kind.get((week, FULL), []))
            model.add(total == (previous_total if previous_total is not None else 0) + load)
            previous_total = total
    # One area, one activity at a time: hard.
    for variables in by_area_week.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    # Region cap: soft, each area over the cap costs.
    excess_terms = []
    for (region, week), variables in by_region_week.items():
        if len(variables) > rules.region_cap:
            excess = model.new_int_var(0, len(variables), f"excess_{region}_{week}")
            hinted_load = sum(1 for a in problem.activities if a.area.region == region and greedy[a.index] == week)
            model.add_hint(excess, max(0, hinted_load - rules.region_cap))
            model.add(sum(variables) <= rules.region_cap + excess)
            excess_terms.append(excess)
    # Lateness per day and the gap after the last inspection: linear in the week chosen.
    late_terms = []
    gap_terms = []
    for activity in problem.activities:
        for week, var in x[activity.index].items():
            days = problem.days_late(activity, week)
            if days:
                late_terms.append(days * var)
            short = problem.history_gap_shortfall(activity, week)
            if short:
                gap_terms.append(short * var)
        days = problem.days_late(activity, None)
        if days:
            late_terms.append(days * u[activity.index])
    weeks_of = []
    for activity in problem.activities:
        week_var = model.new_int_var(0, sentinel, f"w{activity.index}")
        model.add_hint(week_var, hinted[activity.index])
        model.add(week_var == _week_expr(x[activity.index], u[activity.index], sentinel))
        weeks_of.append(week_var)
    # Monitoring before the full reinspection (hard when both are planned), gap between them soft.
    for monitoring, full in problem.pairs():
        both = [u[monitoring.index].Not(), u[full.index].Not()]
        model.add(weeks_of[full.index] >= weeks_of[monitoring.index] + 1).only_enforce_if(both)
        short = model.new_int_var(0, rules.min_gap_weeks, f"gap_{monitoring.area.code}")
        gm, gf = greedy[monitoring.index], greedy[full.index]
        model.add_hint(short, 0 if gm is None or gf is None else max(0, rules.min_gap_weeks - (gf - gm)))
        model.add(short >= rules.min_gap_weeks - (weeks_of[full.index] - weeks_of[monitoring.index])).only_enforce_if(
            both)
        gap_terms.append(short)
    # Order of first inspections: each inverted pair costs.
    inversion_terms = []
    for older, newer in problem.inversion_pairs():
        inverted = model.new_bool_var(f"inv_{older.index}_{newer.index}")
        model.add_hint(inverted, hinted[older.index] > hinted[newer.index])
        model.add(weeks_of[older.index] - weeks_of[newer.index] <= sentinel * inverted)
        inversion_terms.append(inverted)
    if joint:
        team_vars, team_exprs = _team_model(model, problem, x, u, weeks_of, greedy, greedy_teams)
    else:
        team_vars, team_exprs = [], {"travel": 0, "workload_excess": 0, "lead_changes": 0, "lead_repeats": 0}
    unscheduled_expr = sum(u)
    late_expr = sum(late_terms)
    inversion_expr = sum(inversion_terms)
    excess_expr = sum(excess_terms)
    gap_expr = sum(gap_terms)
    if rules.never_worse_than_greedy:
        model.add(unscheduled_expr <= greedy_terms.unscheduled)
        model.add(late_expr <= greedy_terms.days_overdue)
        model.add(inversion_expr <= greedy_terms.inversions)
        model.add(excess_expr <= greedy_terms.region_excess)
        model.add(gap_expr <= greedy_terms.gap_shortfall_weeks)
    objective_expr = (
        rules.weight_unscheduled * unscheduled_expr
        + rules.weight_day_late * late_expr
        + rules.weight_inversion * inversion_expr
        + rules.weight_region_excess * excess_expr
        + rules.weight_gap_week * gap_expr
        + rules.weight_travel * team_exprs["travel"]
        + rules.weight_workload * team_exprs["workload_excess"]
        + rules.weight_lead_change * team_exprs["lead_changes"]
        + rules.weight_lead_repeat * team_exprs["lead_repeats"]
    )
    # A lower bound the solver's own search is slow to prove: lateness and unplaced inspections of a
    # relaxation (capacity and pace only) solved exactly as a min-cost flow.
    if floor > 0:
        model.add(rules.weight_unscheduled * unscheduled_expr + rules.weight_day_late * late_expr >= floor)
    model.minimize(objective_expr)
    for activity in problem.activities:
        chosen = greedy[activity.index]
        for week, var in x[activity.index].items():
            model.add_hint(var, week == chosen)
        model.add_hint(u[activity.index], chosen is None)
    def new_solver(seconds: float) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.num_workers = num_workers
        solver.parameters.random_seed = seed
        for name, value in {**_PARAMETERS, **(parameters or {})}.items():
            setattr(solver.parameters, name, value)
        solver.parameters.log_search_progress = log
        return solver

    # With named inspectors, part of the time polishes the teams of the weeks found (a smaller model).
    joint_limit = time_limit * (0.7 if joint else 0.4) if problem.workforce else time_limit
    solver = new_solver(joint_limit)
    status = solver.solve(model)
    notes: list[str] = []
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        weeks: list[int | None] = []
        for activity in problem.activities:
            chosen = next((week for week, var in x[activity.index].items() if solver.value(var)), None)
            weeks.append(chosen)
        bound = math.ceil(solver.best_objective_bound - 1e-6)
        teams = _teams(problem, team_vars, solver, weeks) if joint else _kept_teams(problem, weeks, greedy, greedy_teams)
        if previous:
            second = new_solver(time_limit / 2)
            moved = _stay_close(model, solver, second, problem, x, u, objective_expr, weeks, previous, notes)
            if moved is not weeks:
                weeks = moved
                teams = (_teams(problem, team_vars, second, moved) if joint
                         else _kept_teams(problem, moved, greedy, greedy_teams))
        status_text = "OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE"
    else:
        weeks = list(greedy)
        teams = list(greedy_teams)
        bound = 0
        status_text = "FEASIBLE"
        notes.append(f"The search found no plan in {time_limit:g} seconds, so this is the simple plan that takes "
                     f"the earliest due date first (solver status {solver.status_name(status)}).")
    if problem.workforce:
        teams = _polish_teams(problem, weeks, teams, time_limit - joint_limit, num_workers, seed)
        if not joint:
            notes.append(f"With {len(problem.activities)} inspections to place (more than "
                         f"{rules.joint_teams_up_to}), CP-SAT placed the weeks first and then chose the teams "
                         "for those weeks; the bound is of the weeks and that choice of teams.")
    return _result(problem, weeks, teams, bound, status_text, solver.status_name(status), notes, greedy_terms,
                   started)


def _team_model(model, problem: Problem, x, u, weeks_of, greedy, greedy_teams):
    """Named teams in the same model as the weeks.

    ``y[a][(place, person)]``: the person takes that place on activity ``a``. Every place of a planned
    activity is filled exactly once (none when it is not planned). One inspection a person a week is a
    no-overlap of one-week intervals at the activity's week, present when the person is on it; weeks a
    person is unavailable are forbidden for the activities they are on.
    """
    zero = {"travel": 0, "workload_excess": 0, "lead_changes": 0, "lead_repeats": 0}
    if not problem.workforce:
        return [], zero
    rules = problem.rules
    y: list[dict[tuple[int, int], cp_model.IntVar]] = []
    intervals: dict[int, list] = {}
    on: dict[tuple[int, int], list] = {}  # (activity, person) -> place variables
    travel_terms = []
    for activity in problem.activities:
        chosen = greedy_teams[activity.index] or ()
        places = problem.places(activity)
        variables: dict[tuple[int, int], cp_model.IntVar] = {}
        for place, remit in enumerate(places):
            people = problem.candidates(activity, remit)
            if place < len(chosen) and chosen[place] not in people:
                people = people + [chosen[place]]
            slot = []
            for person in people:
                var = model.new_bool_var(f"y{activity.index}_{place}_{person}")
                model.add_hint(var, place < len(chosen) and chosen[place] == person)
                variables[(place, person)] = var
                on.setdefault((activity.index, person), []).append(var)
                slot.append(var)
                if problem.travels(person, activity):
                    travel_terms.append(var)
            model.add(sum(slot) == 1 - u[activity.index])
        y.append(variables)
    greedy_on = {(a.index, person) for a in problem.activities for person in (greedy_teams[a.index] or ())}
    greedy_load: dict[int, int] = {}
    for _, person in greedy_on:
        greedy_load[person] = greedy_load.get(person, 0) + 1
    for (index, person), variables in on.items():
        activity = problem.activities[index]
        if len(variables) > 1:
            model.add_at_most_one(variables)  # one person, one place on a team
        present = variables[0] if len(variables) == 1 else _any(model, variables, (index, person) in greedy_on)
        for week in activity.allowed:
            if not problem.available(person, week):
                model.add_bool_or([x[index][week].Not(), present.Not()])
        interval = model.new_optional_fixed_size_interval_var(weeks_of[index], 1, present, f"i{index}_{person}")
        intervals.setdefault(person, []).append((interval, present))
    for person, items in intervals.items():
        if len(items) > 1:
            model.add_no_overlap([interval for interval, _ in items])
    # Balanced workload: each inspection above a person's even share of their remit's places costs.
    excess_terms = []
    for person, items in intervals.items():
        target = problem.workload_target(problem.workforce[person].remit)
        if len(items) > target:
            excess = model.new_int_var(0, len(items) - target, f"load_excess_{person}")
            model.add_hint(excess, max(0, greedy_load.get(person, 0) - target))
            model.add(excess >= sum(present for _, present in items) - target)
            excess_terms.append(excess)
    # The lead rules.
    change_terms, repeat_terms = [], []
    lead_var = lambda index, person: y[index].get((0, person))  # noqa: E731
    paired = {full.index: monitoring.index for monitoring, full in problem.pairs()}
    for activity in problem.activities:
        previous = problem.previous_lead(activity)
        if activity.kind == MONITORING and previous is not None:
            var = lead_var(activity.index, previous)
            changed = model.new_bool_var(f"lead_change_{activity.index}")
            chosen = greedy_teams[activity.index]
            model.add_hint(changed, bool(chosen) and chosen[0] != previous)
            # Planned and not led by the previous lead costs.
            model.add(changed >= (1 - u[activity.index]) - (var if var is not None else 0))
            change_terms.append(changed)
        if activity.kind == FULL:
            before = paired.get(activity.index)
            for place_person, var in y[activity.index].items():
                place, person = place_person
                if place != 0:
                    continue
                if before is not None:
                    other = lead_var(before, person)
                    if other is not None:
                        repeat = model.new_bool_var(f"lead_repeat_{activity.index}_{person}")
                        mine, theirs = greedy_teams[activity.index], greedy_teams[before]
                        model.add_hint(repeat, bool(mine and theirs) and mine[0] == person == theirs[0])
                        model.add(repeat >= var + other - 1)
                        repeat_terms.append(repeat)
                    elif previous == person:
                        # The monitoring inspection left the plan: the previous lead counts as before.
                        repeat = model.new_bool_var(f"lead_repeat_{activity.index}_{person}")
                        mine = greedy_teams[activity.index]
                        model.add_hint(repeat, bool(mine) and mine[0] == person and greedy[before] is None)
                        model.add(repeat >= var + u[before] - 1)
                        repeat_terms.append(repeat)
                elif previous == person:
                    repeat_terms.append(var)
    return y, {"travel": sum(travel_terms), "workload_excess": sum(excess_terms),
               "lead_changes": sum(change_terms), "lead_repeats": sum(repeat_terms)}


def _result(problem: Problem, weeks, teams, bound: int, status_text: str, solver_status: str, notes: list[str],
            greedy_terms, started: float) -> Plan:
    rules = problem.rules
    terms = score(problem, weeks, teams)
    if problem.workforce and rules.team_candidates is not None:
        notes.append(f"Each place on a team is chosen among the {rules.team_candidates} nearest people who may take it "
                     "(and the greedy plan's choice); the bound is of that model.")
    if rules.inversion_window is not None:
        notes.append(f"While planning, first inspections count as out of turn only against areas at most "
                     f"{rules.inversion_window} places apart in the queue; the figures count every pair.")
    gap = 0.0 if terms.objective == 0 else max(0.0, (terms.objective - bound) / terms.objective)
    items, unscheduled = _items(problem, weeks, teams)
    return Plan(
        as_of=problem.as_of,
        until=problem.until,
        status=status_text,
        solver_status=solver_status,
        objective=terms.objective,
        bound=min(bound, terms.objective),
        gap=round(gap, 6),
        terms=terms,
        greedy_terms=greedy_terms,
        solve_seconds=time.perf_counter() - started,
        items=items,
        unscheduled=unscheduled,
        meetings=problem.meetings,
        breaks=breaks(problem, weeks),
        notes=tuple(notes),
    )


def _polish_teams(problem: Problem, weeks, teams, seconds: float, num_workers: int, seed: int):
    """The best teams for the weeks chosen: the same hard and soft team rules, the weeks held fixed.

    Every eligible person available that week is considered (not only the nearest few). Returns the
    teams it finds when they cost less than ``teams``, else ``teams``.
    """
    rules = problem.rules
    if seconds <= 0:
        return teams
    model = cp_model.CpModel()
    y: dict[int, dict[tuple[int, int], cp_model.IntVar]] = {}
    per_person_week: dict[tuple[int, int], list] = {}
    per_person: dict[int, list] = {}
    travel = []
    for activity in problem.activities:
        week = weeks[activity.index]
        if week is None:
            continue
        chosen = teams[activity.index] or ()
        variables = {}
        on: dict[int, list] = {}
        for place, remit in enumerate(problem.places(activity)):
            slot = []
            people = [i for i in problem.candidates(activity, remit) if problem.available(i, week)]
            if place < len(chosen) and chosen[place] not in people:
                people.append(chosen[place])
            if not people:
                people = [i for i in problem.eligible(activity, remit) if problem.available(i, week)]
            for person in people:
                var = model.new_bool_var("")
                model.add_hint(var, place < len(chosen) and chosen[place] == person)
                variables[(place, person)] = var
                slot.append(var)
                on.setdefault(person, []).append(var)
                if problem.travels(person, activity):
                    travel.append(var)
            if not slot:
                return _fill_first_fit(problem, weeks, teams)
            model.add_exactly_one(slot)
        for person, places in on.items():
            if len(places) > 1:
                model.add_at_most_one(places)
            per_person_week.setdefault((person, week), []).extend(places)
            per_person.setdefault(person, []).extend(places)
        y[activity.index] = variables
    for variables in per_person_week.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    excess = []
    for person, variables in per_person.items():
        target = problem.workload_target(problem.workforce[person].remit)
        if len(variables) > target:
            extra = model.new_int_var(0, len(variables) - target, "")
            model.add(extra >= sum(variables) - target)
            excess.append(extra)
    lead = lambda index, person: y.get(index, {}).get((0, person))  # noqa: E731
    paired = {full.index: monitoring.index for monitoring, full in problem.pairs()}
    changes, repeats = [], []
    for index in y:
        activity = problem.activities[index]
        previous = problem.previous_lead(activity)
        if activity.kind == MONITORING and previous is not None:
            var = lead(index, previous)
            changes.append(1 if var is None else 1 - var)
        if activity.kind == FULL:
            before = paired.get(index)
            for (place, person), var in y[index].items():
                if place != 0:
                    continue
                other = lead(before, person) if before is not None and before in y else None
                if other is not None:
                    repeat = model.new_bool_var("")
                    model.add(repeat >= var + other - 1)
                    repeats.append(repeat)
                elif (before is None or before not in y) and previous == person:
                    repeats.append(var)
    model.minimize(rules.weight_travel * sum(travel) + rules.weight_workload * sum(excess)
                   + rules.weight_lead_change * sum(changes) + rules.weight_lead_repeat * sum(repeats))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = num_workers
    solver.parameters.random_seed = seed
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _fill_first_fit(problem, weeks, teams)
    polished = list(teams)
    for index, variables in y.items():
        chosen = {place: person for (place, person), var in variables.items() if solver.value(var)}
        polished[index] = tuple(chosen[place] for place in sorted(chosen))
    if any(weeks[a.index] is not None and not teams[a.index] for a in problem.activities):
        return polished
    return polished if score(problem, weeks, polished).objective < score(problem, weeks, teams).objective else teams


def _fill_first_fit(problem: Problem, weeks, teams):
    """Teams for planned activities that have none, first-fit around the teams already chosen."""
    from .greedy import _first_fit

    busy = {(person, weeks[a.index]) for a in problem.activities for person in (teams[a.index] or ())
            if weeks[a.index] is not None}
    out = list(teams)
    for activity in problem.activities:
        week = weeks[activity.index]
        if week is not None and not out[activity.index]:
            out[activity.index] = _first_fit(problem, activity, week, busy) or ()
            busy.update((person, week) for person in out[activity.index])
    return out


def _kept_teams(problem: Problem, weeks, greedy, greedy_teams) -> list[tuple[int, ...] | None]:
    """The greedy plan's teams where CP-SAT kept the greedy week (the polish fills in the rest)."""
    return [greedy_teams[a.index] if weeks[a.index] is not None and weeks[a.index] == greedy[a.index] else None
            for a in problem.activities]


def _any(model, variables, hint: bool):
    present = model.new_bool_var("")
    model.add_max_equality(present, variables)
    model.add_hint(present, hint)
    return present


def _teams(problem: Problem, team_vars, solver, weeks) -> list[tuple[int, ...] | None]:
    if not problem.workforce:
        return [None] * len(problem.activities)
    out: list[tuple[int, ...] | None] = []
    for activity in problem.activities:
        if weeks[activity.index] is None:
            out.append(None)
            continue
        chosen = {}
        for (place, person), var in team_vars[activity.index].items():
            if solver.value(var):
                chosen[place] = person
        out.append(tuple(chosen[place] for place in sorted(chosen)))
    return out


def _stay_close(model, first, second, problem: Problem, x, u, objective_expr, weeks, previous, notes) -> list[int | None]:
    """Second pass: the objective held at the first pass's value, as many previous weeks kept as possible."""
    index_of = {monday: week for week, monday in enumerate(problem.mondays)}
    kept = []
    for activity in problem.activities:
        week = index_of.get(previous.get((activity.area.code, activity.kind)))
        if week is not None and week in x[activity.index]:
            kept.append(x[activity.index][week])
    if not kept:
        return weeks
    model.add(objective_expr <= round(first.objective_value))
    model.clear_hints()
    for activity in problem.activities:
        for week, var in x[activity.index].items():
            model.add_hint(var, week == weeks[activity.index])
        model.add_hint(u[activity.index], weeks[activity.index] is None)
    model.maximize(sum(kept))
    if second.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return weeks
    stayed = round(second.objective_value)
    notes.append(f"{stayed} of {len(kept)} inspections that could keep their week from the previous plan kept it.")
    return [next((week for week, var in x[a.index].items() if second.value(var)), None) for a in problem.activities]


def _loads(problem: Problem, weeks: Sequence[int | None]) -> tuple[dict, dict]:
    used: dict[tuple[int, str], int] = {}
    region_load: dict[tuple[str, int], int] = {}
    for other in problem.activities:
        w = weeks[other.index]
        if w is not None:
            used[(w, other.kind)] = used.get((w, other.kind), 0) + 1
            region_load[(other.area.region, w)] = region_load.get((other.area.region, w), 0) + 1
    return used, region_load


def _why_this_week(problem: Problem, activity: Activity, week: int, used: dict, region_load: dict) -> str:
    """What kept the activity out of earlier weeks: blackouts, full capacity, the region cap, the gap."""
    full = blackout = region = gap = 0
    free = 0
    labels: set[str] = set()
    allowed = set(activity.allowed)
    for earlier in range(week):
        if problem.mondays[earlier] < activity.earliest:
            continue
        names = [] if earlier in allowed else problem.blackout_labels(activity, earlier)
        if names:
            blackout += 1
            labels.update(name.rsplit(" ", 1)[0] if name[-4:].isdigit() else name for name in names)
        elif used.get((earlier, activity.kind), 0) >= problem.capacity_of(earlier, activity.kind):
            full += 1
        elif region_load.get((activity.area.region, earlier), 0) >= problem.rules.region_cap:
            region += 1
        elif problem.history_gap_shortfall(activity, earlier):
            gap += 1
        else:
            free += 1
    parts = []
    if full:
        parts.append(f"{activity.kind} capacity binding: {full} earlier week(s) at capacity")
    if blackout:
        parts.append(f"{blackout} earlier week(s) without on-site activity ({', '.join(sorted(labels))})")
    if region:
        parts.append(f"{region} earlier week(s) at the region cap for {activity.area.region}")
    if gap:
        parts.append(f"{gap} earlier week(s) too soon after the last inspection")
    if free:
        parts.append(f"{free} earlier week(s) with room left for others higher in the order or due sooner")
    if not parts:
        parts.append("the first week it could take")
    return "; ".join(parts)


def _items(problem: Problem, weeks: Sequence[int | None], teams: Sequence[tuple[int, ...] | None] | None = None
           ) -> tuple[tuple[PlanItem, ...], tuple[PlanItem, ...]]:
    planned, left = [], []
    used, region_load = _loads(problem, weeks)
    for activity in problem.activities:
        week = weeks[activity.index]
        late = problem.days_late(activity, week)
        due = activity.due_by
        parts = [activity.basis[:1].upper() + activity.basis[1:]]
        if due is not None:
            if week is None:
                parts.append(f"due by {written_date(due)}" + (f", {plural(late, 'days')} late at the end of the plan" if late else ""))
            else:
                spare = (due - problem.mondays[week]).days
                parts.append(f"due by {written_date(due)} ({plural(late, 'days')} late)" if late
                             else f"due by {written_date(due)} ({plural(spare, 'days')} to spare)")
        if activity.moved_because:
            parts.append(activity.moved_because.rstrip("."))
        if activity.rank is not None:
            parts.append(f"rank {activity.rank} of {problem.waiting_for_first} by date of last inspection")
        if week is None:
            parts.append("no week within the plan had room: after the horizon")
        else:
            parts.append(_why_this_week(problem, activity, week, used, region_load))
        item = PlanItem(
            area_code=activity.area.code,
            area_name=activity.area.name,
            region=activity.area.region,
            kind=activity.kind,
            onsite_start=None if week is None else problem.mondays[week],
            due_by=due,
            earliest=activity.earliest,
            days_late=late,
            rank=activity.rank,
            reason="; ".join(parts) + ".",
            team=tuple(TeamMember(problem.workforce[p].name, problem.workforce[p].remit)
                       for p in ((teams[activity.index] if teams else None) or ())) if week is not None else (),
        )
        (left if week is None else planned).append(item)
    planned.sort(key=lambda i: (i.onsite_start, i.kind, i.area_code))
    left.sort(key=lambda i: (i.due_by or dt.date.max, i.rank or 0, i.area_code))
    return tuple(planned), tuple(left)


def breaks(problem: Problem, weeks: Sequence[int | None]) -> tuple[RuleBreak, ...]:
    """Every soft rule the assignment breaks, with its cost; their costs add up to the objective."""
    rules = problem.rules
    out: list[RuleBreak] = []
    for activity in problem.activities:
        week = weeks[activity.index]
        code = activity.area.code
        monday = None if week is None else problem.mondays[week]
        if week is None:
            out.append(RuleBreak("unscheduled", rules.weight_unscheduled,
                                 f"{activity.area.name}: {activity.kind} inspection not placed within the plan",
                                 code))
        late = problem.days_late(activity, week)
        if late:
            out.append(RuleBreak("due_date", late * rules.weight_day_late,
                                 f"{activity.area.name}: {activity.kind} inspection {plural(late, 'days')} after its due date, "
                                 f"{written_date(activity.due_by)}", code, monday))
        if week is not None:
            short = problem.history_gap_shortfall(activity, week)
            if short:
                out.append(RuleBreak("minimum_gap", short * rules.weight_gap_week,
                                     f"{activity.area.name}: {short} week(s) short of the minimum gap after its last "
                                     "inspection", code, monday))
    for monitoring, full in problem.pairs():
        wm, wf = weeks[monitoring.index], weeks[full.index]
        if wm is not None and wf is not None:
            short = max(0, rules.min_gap_weeks - abs(wf - wm))
            if short:
                out.append(RuleBreak("minimum_gap", short * rules.weight_gap_week,
                                     f"{full.area.name}: full reinspection {short} week(s) short of the minimum gap "
                                     "after its monitoring inspection", full.area.code, problem.mondays[wf]))
    sentinel = problem.n_weeks
    ranked = sorted((a for a in problem.activities if a.first_inspection), key=lambda a: a.rank)
    for i, older in enumerate(ranked):
        position = sentinel if weeks[older.index] is None else weeks[older.index]
        overtaken = [n for n in ranked[i + 1:]
                     if (sentinel if weeks[n.index] is None else weeks[n.index]) < position]
        if overtaken:
            out.append(RuleBreak("first_inspection_order", len(overtaken) * rules.weight_inversion,
                                 f"{older.area.name} (rank {older.rank}) is inspected after {len(overtaken)} area(s) "
                                 "inspected more recently", older.area.code))
    load: dict[tuple[str, int], int] = {}
    for activity in problem.activities:
        week = weeks[activity.index]
        if week is not None:
            load[(activity.area.region, week)] = load.get((activity.area.region, week), 0) + 1
    for (region, week), count in sorted(load.items()):
        if count > rules.region_cap:
            extra = count - rules.region_cap
            out.append(RuleBreak("region_cap", extra * rules.weight_region_excess,
                                 f"{count} areas of {region} on site in one week (cap {rules.region_cap})",
                                 None, problem.mondays[week]))
    return tuple(out)

