"""The order of first inspections (rules and their back-test measure) and the programme's pace."""

import datetime as dt

import pytest

from areasend import framework as fw
from areasend.planning import AreaState, Capacity, PlanningRules, build_problem, greedy_weeks, plan
from areasend.planning.order import ORDER_RULES, back_test, rank_areas, spearman

MONDAY = dt.date(2026, 1, 19)


def area(n: int, **fields) -> AreaState:
    return AreaState(f"E0600{n:04d}", f"Area {n}", f"Region {n % 9}", **fields)


def test_spearman_matches_worked_values():
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # Ties share their average rank: ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4).
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486832980505138)
    with pytest.raises(ValueError):
        spearman([1], [1])


def test_oldest_2016_inspection_first_ignores_a_later_revisit():
    revisited = area(1, last_inspection_date=dt.date(2020, 1, 6), last_2016_inspection=dt.date(2016, 6, 6),
                     last_revisit=dt.date(2020, 1, 6), written_statement=True, revisit_progress="Some")
    plain = area(2, last_inspection_date=dt.date(2018, 3, 5), last_2016_inspection=dt.date(2018, 3, 5))
    assert [a.code for a in rank_areas([plain, revisited], "oldest_2016_inspection")] == [revisited.code, plain.code]
    assert [a.code for a in rank_areas([plain, revisited], "last_inspection_any_kind")] == [plain.code, revisited.code]


def test_back_test_scores_a_rule_that_matches_the_real_order_highest():
    areas = [area(n, last_inspection_date=dt.date(2016, 6, 6) + dt.timedelta(weeks=n),
                  last_2016_inspection=dt.date(2016, 6, 6) + dt.timedelta(weeks=n)) for n in range(10)]
    real = {a.code: MONDAY + dt.timedelta(weeks=n) for n, a in enumerate(areas[:6])}
    scores = back_test(areas, real, inspected_only=True)
    assert scores["oldest_2016_inspection"] == pytest.approx(1.0)
    assert set(scores) == {rule.key for rule in ORDER_RULES}
    assert back_test(areas, real)["oldest_2016_inspection"] > 0.8  # the areas not inspected tie last


def test_the_planner_orders_first_inspections_by_its_rule():
    old = area(1, last_inspection_date=dt.date(2021, 1, 4), last_2016_inspection=dt.date(2016, 5, 2))
    new = area(2, last_inspection_date=dt.date(2018, 1, 8), last_2016_inspection=dt.date(2018, 1, 8))
    problem = build_problem([old, new], MONDAY, MONDAY + dt.timedelta(weeks=4), capacity=Capacity(1, 0),
                            blackouts=())
    ranks = {a.area.code: a.rank for a in problem.activities}
    assert ranks == {old.code: 1, new.code: 2}
    other = build_problem([old, new], MONDAY, MONDAY + dt.timedelta(weeks=4), capacity=Capacity(1, 0),
                          rules=PlanningRules(order_rule="last_inspection_any_kind"), blackouts=())
    assert {a.area.code: a.rank for a in other.activities} == {old.code: 2, new.code: 1}


def test_real_pace_is_the_default_and_holds_in_both_solvers():
    areas = [area(n, last_inspection_date=dt.date(2017, 1, 2)) for n in range(30)]
    until = MONDAY + dt.timedelta(weeks=19)
    problem = build_problem(areas, MONDAY, until, blackouts=())
    assert problem.capacity == Capacity.real_pace()
    assert problem.capacity.full_pace == fw.REAL_PACE.full_per_week
    weeks = [w for w in greedy_weeks(problem) if w is not None]
    result = plan(areas, MONDAY, until, blackouts=(), time_limit=5)
    cp_weeks = [(item.onsite_start - MONDAY).days // 7 for item in result.items]
    for chosen in (weeks, cp_weeks):
        assert max(chosen.count(w) for w in set(chosen)) <= 2
        for week in range(20):
            assert sum(1 for w in chosen if w <= week) <= problem.full_budget(week)
        assert len(chosen) == 12 == problem.full_budget(19)  # ceil(20 x 0.551): the pace binds, not 2 a week
