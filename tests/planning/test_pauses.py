"""National pauses in the planner: due dates inside one move, and no paused-kind inspection is placed in its weeks."""

import datetime as dt

from areasend import framework as fw
from areasend.planning import FULL, MONITORING, AreaState, Capacity, build_problem, greedy_weeks, plan

MONDAY = dt.date(2025, 9, 1)


def inspected(code, outcome, published, region="London"):
    start = published - dt.timedelta(days=90)
    return AreaState(code, f"Area {code}", region, last_inspection_date=start,
                     last_full_under_current_framework=start, last_full_framework="2023",
                     last_outcome=outcome, last_published=published)


def waiting(n):
    return [AreaState(f"E0600{i:04d}", f"Area {i}", "North West", last_inspection_date=dt.date(2016, 1, 4))
            for i in range(n)]


def _monitoring_case():
    """An outcome-3 area whose monitoring inspection is due within the plan, and areas waiting for a first one."""
    published = dt.date(2024, 3, 4)
    due = fw.cycle_after("2023", 3, published=published).monitoring_inspection_due
    as_of = due.earliest
    return inspected("E09000001", 3, published), due, as_of


def test_no_monitoring_inspection_is_placed_in_a_monitoring_pause_but_full_ones_are():
    area, due, as_of = _monitoring_case()
    until = as_of + dt.timedelta(weeks=30)
    pause = fw.NationalPause("review", "a review of the framework", as_of, as_of + dt.timedelta(weeks=12, days=4),
                             fw.PauseStops.MONITORING)
    problem = build_problem([area, *waiting(4)], as_of, until, capacity=Capacity(2, 2), blackouts=(),
                            pauses=(pause,))
    monitoring = next(a for a in problem.activities if a.kind == MONITORING)
    full = [a for a in problem.activities if a.kind == FULL and a.first_inspection]
    assert monitoring.allowed and all(problem.mondays[w] > pause.end for w in monitoring.allowed)
    assert any(pause.start <= problem.mondays[w] <= pause.end for w in full[0].allowed)
    result = plan([area, *waiting(4)], as_of, until, capacity=Capacity(2, 2), blackouts=(), pauses=(pause,),
                  time_limit=5)
    (item,) = [i for i in result.items if i.kind == MONITORING]
    assert item.onsite_start > pause.end
    assert "national pause: monitoring inspections were paused for a review of the framework" in item.reason
    assert any(pause.start <= i.onsite_start <= pause.end for i in result.items if i.kind == FULL)
    # the greedy baseline reads the same allowed weeks
    weeks = greedy_weeks(problem)
    assert weeks[monitoring.index] is None or problem.mondays[weeks[monitoring.index]] > pause.end


def test_without_the_pause_the_monitoring_inspection_goes_in_its_first_week():
    area, due, as_of = _monitoring_case()
    result = plan([area], as_of, as_of + dt.timedelta(weeks=30), capacity=Capacity(2, 2), blackouts=(), time_limit=5)
    (item,) = [i for i in result.items if i.kind == MONITORING]
    assert item.onsite_start < as_of + dt.timedelta(weeks=12)


def test_a_due_date_inside_a_pause_moves_and_the_reason_says_why():
    area, due, as_of = _monitoring_case()
    pause = fw.NationalPause("review", "a review of the framework", due.date - dt.timedelta(days=7),
                             due.date + dt.timedelta(days=60), fw.PauseStops.MONITORING)
    expected = fw.ENGLAND.next_working_day(pause.end)
    problem = build_problem([area], as_of, as_of + dt.timedelta(weeks=40), capacity=Capacity(1, 1), blackouts=(),
                            pauses=(pause,))
    monitoring = next(a for a in problem.activities if a.kind == MONITORING)
    assert monitoring.due_by == expected
    assert monitoring.moved_because.startswith(f"the due date moved from {fw.written_date(due.date)} to "
                                               f"{fw.written_date(expected)} because monitoring inspections")
    assert all(a.moved_because == "" for a in problem.activities if a.kind == FULL)
    result = plan([area], as_of, as_of + dt.timedelta(weeks=40), capacity=Capacity(1, 1), blackouts=(),
                  pauses=(pause,), time_limit=5)
    (item,) = [i for i in result.items if i.kind == MONITORING]
    assert item.due_by == expected and item.days_late == 0
    assert "because monitoring inspections were paused for a review of the framework" in item.reason


def test_a_pause_to_all_inspections_closes_its_weeks_to_every_kind():
    as_of = MONDAY
    pause = fw.NationalPause("suspension", "a suspension", as_of, as_of + dt.timedelta(weeks=3, days=4),
                             fw.PauseStops.ALL)
    result = plan(waiting(3), as_of, as_of + dt.timedelta(weeks=10), capacity=Capacity(3, 1), blackouts=(),
                  pauses=(pause,), time_limit=5)
    assert result.items and all(i.onsite_start > pause.end for i in result.items)
