"""``areasend plan``: which local area partnerships are inspected in which week, from the register."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .base import CommandError, iso_date, print_json, print_table


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative; give 0 or more")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0 seconds")
    return value


def _pace(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of inspections a week") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative; give 0 or more")
    return value


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="plan which areas are inspected in which week, from the register as known on a date",
        description=(
            "Read the register as it stood on --as-of (history dated on or before it only), work out what "
            "is due from the framework, and place each on-site activity in a week with CP-SAT, measured "
            "against a greedy earliest-due-date plan. Reads the database; changes nothing."
        ),
    )
    parser.add_argument("--as-of", type=iso_date, metavar="DATE",
                        help="plan from this date (default: the last day the register's history covers)")
    parser.add_argument("--until", type=iso_date, metavar="DATE", help="last day of the plan (default: a year on)")
    parser.add_argument("--capacity-per-week", type=_count, default=2, metavar="N",
                        help="most full inspections that can start in one week (default 2, as in 2023 and 2024)")
    parser.add_argument("--pace", type=_pace, metavar="P",
                        help="full inspections a week on average (default 0.55, the real pace of 2023 and 2024; "
                             "0 for no limit but the weekly one)")
    parser.add_argument("--monitoring-per-week", type=_count, default=1, metavar="N",
                        help="monitoring inspections that can start in one week (default 1)")
    parser.add_argument("--region-cap", type=_count, default=2, metavar="K",
                        help="areas of one region on site in the same week (default 2)")
    parser.add_argument("--bank-holiday-weeks", action="store_true", help="no on-site activity in bank holiday weeks")
    parser.add_argument("--time-limit", type=_seconds, default=10.0, metavar="S", help="solver time (default 10 s)")
    parser.add_argument("--workforce", metavar="FILE.csv",
                        help="named inspectors (columns name,remit,region,unavailable,conflicts): each planned "
                             "inspection gets a full team")
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from areasend.planning import Capacity, PlanningRules, default_blackouts, plan

    if args.as_of and args.until and args.until < args.as_of:
        raise CommandError(f"--until {args.until.isoformat()} is before --as-of {args.as_of.isoformat()}")

    from .django_setup import setup_django

    setup_django()
    from areasend.programme.inputs import latest_data_date, plan_inputs

    as_of: dt.date | None = args.as_of or latest_data_date()
    if as_of is None:
        raise CommandError("the register has no history to plan from; give --as-of or run 'areasend import data/register' first")
    until: dt.date = args.until or as_of + dt.timedelta(days=365)
    if until < as_of:
        raise CommandError(f"--until {until.isoformat()} is before --as-of {as_of.isoformat()}")
    inputs = plan_inputs(as_of)
    workforce = ()
    if args.workforce:
        from areasend.programme.workforce import WorkforceError, read_workforce

        if not Path(args.workforce).is_file():
            raise CommandError(f"--workforce {args.workforce}: no such file")
        from areasend.areas.queries import regions

        try:
            workforce = read_workforce(args.workforce, regions=set(regions()),
                                       area_codes={a.code for a in inputs.areas})
        except WorkforceError as error:
            raise CommandError(f"--workforce {args.workforce}: {error}") from None
    areas = inputs.areas
    if not areas and inputs.under_way:
        raise CommandError("every area has an inspection under way on that date: there is nothing to plan")
    if not areas:
        raise CommandError("the register has no areas; run 'areasend import data/register' first")
    result = plan(
        areas,
        as_of,
        until,
        capacity=Capacity(args.capacity_per_week, args.monitoring_per_week,
                          full_pace=_default_pace() if args.pace is None else (args.pace or None)),
        rules=PlanningRules(region_cap=args.region_cap),
        blackouts=default_blackouts(as_of, until, bank_holiday_weeks=args.bank_holiday_weeks),
        workforce=workforce,
        time_limit=args.time_limit,
    )
    if args.json:
        print_json(result.to_dict())
        return 0
    names = {area.code: area.name for area in areas}
    rows = [
        (item.onsite_start.isoformat(), item.kind, item.area_code, names[item.area_code],
         item.due_by.isoformat() if item.due_by else "", str(item.days_late) if item.days_late else "")
        for item in result.items
    ]
    if workforce:
        rows = [row + ("; ".join(m.name for m in item.team),) for row, item in zip(rows, result.items)]
    print_table(("Week of", "Kind", "Area", "Name", "Due by", "Days late") + (("Team",) if workforce else ()), rows)
    print()
    print(f"Solver: {result.status}, objective {result.objective}, bound {result.bound}, gap {result.gap:.2%}, "
          f"greedy objective {result.greedy_terms.objective}, {result.solve_seconds:.1f} s.")
    terms = result.terms
    print(f"Planned {len(result.items)}; after the horizon {len(result.unscheduled)}; days overdue "
          f"{terms.days_overdue}; order inversions {terms.inversions}; region cap excess {terms.region_excess}; "
          f"engagement meetings {len(result.meetings)}.")
    if inputs.under_way:
        print(f"Not planned, inspection under way: {', '.join(u['area_name'] for u in inputs.under_way)}.")
    for note in result.notes:
        print(note)
    return 0


def _default_pace() -> float:
    from areasend import framework as fw

    return fw.REAL_PACE.full_per_week
