"""Measure the CP-SAT planner against the greedy earliest-due-date baseline, in one run.

    uv run python bench/planner.py [--time-limit 10] [--large-time-limit 60]

The real register: the shipped CSV files imported into a temporary SQLite database with the project's
importer, read back with the same loader ``areasend plan`` uses, planned over 5 years. The synthetic
register: 10 copies of the real one's shape (1,530 areas, fixed seed) with 10 times the capacity.
A tight variant of the real register has 1 full and 1 monitoring inspection a week and 1 area per
region a week. CP-SAT runs on 2 workers, seeded with the greedy plan and bound never to be worse than it on any term.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from areasend.planning import AreaState, Capacity, PlanningRules, build_problem, default_blackouts, solve  # noqa: E402

SEED = 20250901


def real_states(as_of: dt.date) -> list[AreaState]:
    from areasend.areas.importer import import_register
    from areasend.commands.plan_inputs import load_area_states

    import_register(ROOT / "data" / "register")
    return load_area_states(as_of)


def synthetic_states(real: list[AreaState], copies: int, seed: int) -> list[AreaState]:
    """``copies`` jittered copies of each real area: dates moved up to 60 days either way, codes made unique."""
    rng = random.Random(seed)

    def jitter(day: dt.date | None, limit: dt.date) -> dt.date | None:
        return None if day is None else min(limit, day + dt.timedelta(days=rng.randint(-60, 60)))

    out = []
    for copy in range(copies):
        for area in real:
            shift = rng.randint(-60, 60)
            published = area.last_published
            start = area.last_full_under_current_framework
            if published is not None and start is not None:
                start = start + dt.timedelta(days=shift)
                published = published + dt.timedelta(days=shift)
            last = jitter(area.last_inspection_date, start or dt.date.max)
            if start is not None and last is not None:
                last = max(last, start)
            out.append(replace(area, code=f"X{copy:02d}{area.code[1:]}", name=f"{area.name} ({copy + 1})",
                               region=f"{area.region} {copy % 3}", last_inspection_date=last,
                               last_full_under_current_framework=start, last_published=published))
    return out


def run(label, areas, as_of, until, capacity, rules, time_limit):
    started = time.perf_counter()
    problem = build_problem(areas, as_of, until, capacity=capacity, rules=rules,
                            blackouts=default_blackouts(as_of, until))
    built = time.perf_counter() - started
    result = solve(problem, time_limit=time_limit, num_workers=2, seed=0)
    return label, len(areas), len(problem.activities), built, result


def ratio(a: int, b: int) -> str:
    if b == 0:
        return "1.000" if a == 0 else "inf"
    return f"{a / b:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0, help="CP-SAT seconds for 153 areas")
    parser.add_argument("--large-time-limit", type=float, default=60.0, help="CP-SAT seconds for 1,530 areas")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        from areasend.commands.django_setup import migrate, setup_django

        setup_django(require_migrated=False)
        migrate()
        forward = dt.date(2025, 9, 1)
        backtest = dt.date(2023, 1, 1)
        real_now = real_states(forward)
        real_then = real_states(backtest)
    rules = PlanningRules()
    big_rules = PlanningRules(region_cap=rules.region_cap * 10, inversion_window=60)
    runs = [
        run("real, as of 2023-01-01", real_then, backtest, dt.date(2027, 12, 31), Capacity(2, 1), rules,
            args.time_limit),
        run("real, as of 2025-09-01", real_now, forward, dt.date(2030, 8, 31), Capacity(2, 1), rules,
            args.time_limit),
        run("real, 2025-09-01, tight", real_now, forward, dt.date(2030, 8, 31), Capacity(1, 1),
            PlanningRules(region_cap=1), args.time_limit),
        run("synthetic 10x, 2025-09-01", synthetic_states(real_now, 10, SEED), forward, dt.date(2030, 8, 31),
            Capacity(20, 10), big_rules, args.large_time_limit),
    ]
    headers = ("register", "areas", "activities", "status", "build s", "solve s", "objective", "bound", "gap %",
               "greedy", "obj ratio", "overdue days cp/greedy", "ratio", "inversions cp/greedy", "ratio",
               "unscheduled cp/greedy", "never worse")
    rows = []
    for label, n_areas, n_activities, built, result in runs:
        mine, greedy = result.terms, result.greedy_terms
        never_worse = all(getattr(mine, key) <= getattr(greedy, key) for key in
                          ("unscheduled", "days_overdue", "inversions", "region_excess", "gap_shortfall_weeks"))
        rows.append((label, str(n_areas), str(n_activities), result.status, f"{built:.2f}",
                     f"{result.solve_seconds:.2f}", str(result.objective), str(result.bound),
                     f"{100 * result.gap:.3f}", str(greedy.objective), ratio(result.objective, greedy.objective),
                     f"{mine.days_overdue}/{greedy.days_overdue}", ratio(mine.days_overdue, greedy.days_overdue),
                     f"{mine.inversions}/{greedy.inversions}", ratio(mine.inversions, greedy.inversions),
                     f"{mine.unscheduled}/{greedy.unscheduled}", "yes" if never_worse else "NO"))
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    print()
    print(f"CP-SAT: 2 workers, {args.time_limit:g} s for 153 areas, {args.large_time_limit:g} s for 1,530; "
          "solve s includes the greedy baseline, model building and explanations.")
    small = runs[1][4]
    target = small.status == "OPTIMAL" or small.gap <= 0.01
    within = small.solve_seconds <= 10
    print(f"Target for 153 areas (optimal or within 1 % of the bound, at most 10 s): "
          f"{'met' if target and within else 'MISSED'} ({small.status}, gap {100 * small.gap:.3f} %, "
          f"{small.solve_seconds:.2f} s).")
    for _, _, _, _, result in runs:
        for note in result.notes:
            print(note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
