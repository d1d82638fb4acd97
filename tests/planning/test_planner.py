"""The planner on small instances: every rule has a test that fails when the rule is not kept."""

import datetime as dt
import time

import pytest

from areasend import framework as fw
from areasend.planning import (
    FULL,
    MONITORING,
    AreaState,
    Blackout,
    Capacity,
    CapacityPeriod,
    PlanningRules,
    build_problem,
    default_blackouts,
    election_blackouts,
    greedy_weeks,
    plan,
    score,
)

MONDAY = dt.date(2025, 9, 1)


def waiting(n, region="North West", start=dt.date(2016, 1, 4), prefix="E0600"):
    """``n`` areas awaiting their first full inspection, last inspected a month apart (oldest first)."""
    return [
        AreaState(f"{prefix}{i:04d}", f"Area {prefix}{i}", region,
                  last_inspection_date=start + dt.timedelta(days=30 * i))
        for i in range(n)
    ]


def inspected(code, outcome, published, region="London", monitored=False):
    start = published - dt.timedelta(days=90)
    return AreaState(code, f"Area {code}", region, last_inspection_date=start,
                     last_full_under_current_framework=start, last_full_framework="2023",
                     last_outcome=outcome, last_published=published, monitoring_since_last_full=monitored)


def weeks_of(result):
    return [item.onsite_start for item in result.items]


def test_capacity_per_week_is_respected_and_everything_fits():
    result = plan(waiting(6), MONDAY, MONDAY + dt.timedelta(weeks=8), capacity=Capacity(1, 1), blackouts=(),
                  time_limit=5)
    assert result.status == "OPTIMAL"
    assert len(result.items) == 6 and not result.unscheduled
    starts = weeks_of(result)
    assert len(set(starts)) == 6
    assert all(day.weekday() == 0 for day in starts)


def test_capacity_varies_by_period():
    term = CapacityPeriod(MONDAY, MONDAY + dt.timedelta(days=6), full_per_week=3, monitoring_per_week=0)
    result = plan(waiting(4), MONDAY, MONDAY + dt.timedelta(weeks=3), capacity=Capacity(1, 1, (term,)),
                  rules=PlanningRules(region_cap=4), blackouts=(), time_limit=5)
    counts = {day: weeks_of(result).count(day) for day in set(weeks_of(result))}
    assert counts[MONDAY] == 3
    assert max(count for day, count in counts.items() if day != MONDAY) == 1


def test_blackout_weeks_stay_empty_and_area_blackouts_apply_to_their_area_only():
    areas = waiting(4, region="North West")
    closed = Blackout(MONDAY + dt.timedelta(weeks=1), MONDAY + dt.timedelta(weeks=1, days=4), "half term")
    poll = Blackout(MONDAY, MONDAY + dt.timedelta(days=4), "local poll", frozenset({areas[3].code}))
    rules = PlanningRules(region_cap=4)
    result = plan(areas, MONDAY, MONDAY + dt.timedelta(weeks=3), capacity=Capacity(2, 0), rules=rules,
                  blackouts=(closed, poll), time_limit=5)
    assert MONDAY + dt.timedelta(weeks=1) not in weeks_of(result)
    polled = next(item for item in result.items if item.area_code == areas[3].code)
    assert polled.onsite_start != MONDAY
    assert "local poll" in polled.reason and "half term" in polled.reason
    assert sum(1 for day in weeks_of(result) if day == MONDAY) == 2


def test_default_calendar_closes_summer_christmas_and_bank_holiday_weeks():
    start, end = dt.date(2025, 4, 1), dt.date(2026, 1, 31)
    blackouts = default_blackouts(start, end, bank_holiday_weeks=True)
    covered = lambda day: any(b.covers_week(day, "E06000001") for b in blackouts)  # noqa: E731
    assert covered(dt.date(2025, 5, 5))  # early May bank holiday, from the core's calendar
    assert covered(dt.date(2025, 8, 4)) and covered(dt.date(2025, 12, 22)) and covered(dt.date(2025, 12, 29))
    assert not covered(dt.date(2025, 5, 12)) and not covered(dt.date(2025, 10, 6))
    without = default_blackouts(start, end)
    assert any(b.covers_week(dt.date(2025, 5, 5), "E06000001") for b in without)  # the week starts on it
    assert not any(b.covers_week(dt.date(2025, 5, 12), "E06000001") for b in without)
    assert covered(dt.date(2025, 4, 14)) and covered(dt.date(2025, 4, 21))  # Easter holidays 2025
    result = plan(waiting(30), dt.date(2025, 7, 7), dt.date(2025, 9, 30), capacity=Capacity(3, 0),
                  rules=PlanningRules(region_cap=3), blackouts=blackouts, time_limit=5)
    assert result.items and all(not (dt.date(2025, 7, 20) <= d <= dt.date(2025, 9, 14)) for d in weeks_of(result))


def test_election_pauses_from_the_core_close_weeks_for_the_areas_with_polls():
    pause = fw.local_election_pause(dt.date(2026, 5, 7), {"E06000001"})
    (blackout,) = election_blackouts([pause])
    assert blackout.covers_week(dt.date(2026, 4, 20), "E06000001")
    assert not blackout.covers_week(dt.date(2026, 4, 20), "E06000002")
    general = election_blackouts(fw.GENERAL_ELECTION_PAUSES)
    assert any(b.covers_week(dt.date(2024, 6, 10), "E06000002") for b in general)


def test_region_cap_holds_when_it_can():
    areas = waiting(4, region="London")
    result = plan(areas, MONDAY, MONDAY + dt.timedelta(weeks=4), capacity=Capacity(4, 0),
                  rules=PlanningRules(region_cap=1), blackouts=(), time_limit=5)
    assert len(result.items) == 4
    assert len(set(weeks_of(result))) == 4
    assert result.terms.region_excess == 0


def test_region_cap_is_soft_and_each_extra_area_is_reported_with_its_cost():
    areas = waiting(3, region="London")
    rules = PlanningRules(region_cap=1, never_worse_than_greedy=False)
    result = plan(areas, MONDAY, MONDAY, capacity=Capacity(3, 0), rules=rules, blackouts=(), time_limit=5)
    assert len(result.items) == 3
    assert result.terms.region_excess == 2
    (rule_break,) = [b for b in result.breaks if b.rule == "region_cap"]
    assert rule_break.cost == 2 * rules.weight_region_excess and rule_break.week == MONDAY
    # The greedy baseline never breaks the cap: it leaves the others unscheduled instead.
    assert result.greedy_terms.region_excess == 0 and result.greedy_terms.unscheduled == 2


def test_order_inversions_are_counted_pair_by_pair():
    areas = waiting(3)
    problem = build_problem(areas, MONDAY, MONDAY + dt.timedelta(weeks=5), capacity=Capacity(1, 0), blackouts=())
    by_rank = {a.rank: a.index for a in problem.activities}
    weeks = [None] * 3
    for rank, week in ((1, 2), (2, 1), (3, 0)):
        weeks[by_rank[rank]] = week
    assert score(problem, weeks).inversions == 3
    for rank, week in ((1, 1), (2, 0), (3, 2)):
        weeks[by_rank[rank]] = week
    assert score(problem, weeks).inversions == 1
    weeks[by_rank[1]] = None  # left after the horizon: behind everyone
    assert score(problem, weeks).inversions == 2


def test_plan_takes_areas_oldest_first_and_never_inspected_first_of_all():
    areas = waiting(5) + [AreaState("E06009999", "Never inspected", "North West")]
    result = plan(areas, MONDAY, MONDAY + dt.timedelta(weeks=10), capacity=Capacity(1, 0), blackouts=(),
                  time_limit=5)
    assert result.terms.inversions == 0
    assert [item.area_code for item in result.items][0] == "E06009999"
    assert [item.rank for item in result.items] == [1, 2, 3, 4, 5, 6]
    assert "rank 1 of 6" in result.items[0].reason


def test_lateness_is_counted_in_days_from_the_cores_due_date():
    published = dt.date(2023, 10, 2)
    area = inspected("E09000001", 3, published)
    due = fw.cycle_after("2023", 3, published=published).monitoring_inspection_due.date
    as_of = due + dt.timedelta(days=40)
    blocked = Blackout(as_of, as_of + dt.timedelta(days=13), "closed")
    result = plan([area], as_of, as_of + dt.timedelta(weeks=6), capacity=Capacity(1, 1), blackouts=(blocked,),
                  time_limit=5)
    (item,) = [i for i in result.items if i.kind == MONITORING]
    assert item.due_by == due
    assert item.days_late == (item.onsite_start - due).days > 40
    assert result.terms.days_overdue == item.days_late
    assert f"{item.days_late} days late" in item.reason
    assert any(b.rule == "due_date" and b.cost == item.days_late for b in result.breaks)


def test_monitoring_comes_before_the_reinspection_with_the_minimum_gap():
    published = dt.date(2023, 6, 1)
    area = inspected("E09000002", 3, published)
    cycle = fw.cycle_after("2023", 3, published=published)
    as_of = cycle.monitoring_inspection_due.earliest
    until = cycle.next_full_inspection_due.date + dt.timedelta(weeks=8)
    rules = PlanningRules(min_gap_weeks=30)
    result = plan([area], as_of, until, capacity=Capacity(1, 1), rules=rules, blackouts=(), time_limit=5)
    kinds = {item.kind: item.onsite_start for item in result.items}
    assert set(kinds) == {FULL, MONITORING}
    assert (kinds[FULL] - kinds[MONITORING]).days >= 30 * 7
    assert result.terms.gap_shortfall_weeks == 0


def test_engagement_meetings_are_dated_items_that_take_no_capacity():
    published = dt.date(2023, 6, 1)
    area = inspected("E09000003", 1, published)
    result = plan([area], dt.date(2024, 1, 1), dt.date(2026, 12, 31), capacity=Capacity(0, 0), time_limit=5)
    expected = [m.date for m in fw.cycle_after("2023", 1, published=published).engagement_meetings
                if dt.date(2024, 1, 1) <= m.date <= dt.date(2026, 12, 31)]
    assert [m.date for m in result.meetings] == expected and len(expected) == 3
    assert not result.items


def test_never_infeasible_with_zero_capacity_everything_reported():
    areas = waiting(4) + [inspected("E09000004", 3, dt.date(2023, 5, 1))]
    result = plan(areas, MONDAY, MONDAY + dt.timedelta(weeks=8), capacity=Capacity(0, 0), time_limit=5)
    assert result.status in {"OPTIMAL", "FEASIBLE"}
    assert not result.items
    assert len(result.unscheduled) == 5
    assert sum(1 for b in result.breaks if b.rule == "unscheduled") == 5
    assert sum(b.cost for b in result.breaks) == result.objective
    assert all("after the horizon" in item.reason for item in result.unscheduled)


def test_cp_sat_beats_greedy_where_earliest_due_date_blocks_a_week():
    as_of, until = dt.date(2027, 1, 4), dt.date(2027, 1, 22)
    early = inspected("E09000005", 2, dt.date(2024, 3, 1))  # due first: greedy takes it first
    late = inspected("E09000006", 2, dt.date(2024, 4, 1))  # can only go in the first week
    poll = Blackout(dt.date(2027, 1, 11), dt.date(2027, 1, 22), "local poll", frozenset({late.code}))
    problem = build_problem([early, late], as_of, until, capacity=Capacity(1, 0), blackouts=(poll,))
    assert score(problem, greedy_weeks(problem)).unscheduled == 1
    result = plan([early, late], as_of, until, capacity=Capacity(1, 0), blackouts=(poll,), time_limit=5)
    assert result.status == "OPTIMAL" and result.bound == result.objective and result.gap == 0
    assert result.objective < result.greedy_terms.objective
    assert result.terms.unscheduled == 0
    assert {i.area_code: i.onsite_start for i in result.items} == {late.code: as_of, early.code: dt.date(2027, 1, 11)}


def test_cp_sat_is_never_worse_than_greedy_on_any_term():
    areas = waiting(12, region="London") + waiting(8, region="North West", start=dt.date(2016, 1, 20),
                                                   prefix="E0800") + [
        inspected("E09000007", 3, dt.date(2023, 9, 1)), inspected("E09000008", 2, dt.date(2022, 11, 1))]
    codes = [a.code for a in areas]
    assert len(set(codes)) == len(codes)
    result = plan(areas, MONDAY, MONDAY + dt.timedelta(weeks=20), capacity=Capacity(1, 1),
                  rules=PlanningRules(region_cap=1), time_limit=5)
    mine, greedy = result.terms.to_dict(), result.greedy_terms.to_dict()
    assert all(mine[key] <= greedy[key] for key in mine)
    assert result.bound <= result.objective


def test_reasons_name_the_binding_capacity():
    result = plan(waiting(3), MONDAY, MONDAY + dt.timedelta(weeks=3), capacity=Capacity(1, 0), blackouts=(),
                  time_limit=5)
    last = result.items[-1]
    assert "full capacity binding: 2 earlier week(s) at capacity" in last.reason
    assert "due by 31 December 2027" in last.reason


def test_a_small_plan_is_fast():
    started = time.perf_counter()
    plan(waiting(20), MONDAY, MONDAY + dt.timedelta(weeks=30), capacity=Capacity(1, 1), time_limit=5)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("outcome, kinds", [(1, {FULL}), (2, {FULL}), (3, {FULL, MONITORING})])
def test_each_outcome_leads_to_the_activities_the_framework_says(outcome, kinds):
    area = inspected("E09000009", outcome, dt.date(2023, 3, 1))
    problem = build_problem([area], dt.date(2028, 1, 3), dt.date(2029, 12, 31), blackouts=())
    assert {a.kind for a in problem.activities} == kinds
    cycle = fw.cycle_after("2023", outcome, published=dt.date(2023, 3, 1))
    full = next(a for a in problem.activities if a.kind == FULL)
    assert full.due_by == cycle.next_full_inspection_due.date
