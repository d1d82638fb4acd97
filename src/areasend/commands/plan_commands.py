"""``areasend plan``: which local area partnerships are inspected in which week, from the register."""

from __future__ import annotations

import argparse
import datetime as dt

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
    parser.add_argument("--as-of", type=iso_date, required=True, metavar="DATE", help="plan from this date")
    parser.add_argument("--until", type=iso_date, metavar="DATE", help="last day of the plan (default: a year on)")
    parser.add_argument("--capacity-per-week", type=_count, default=2, metavar="N",
                        help="full inspections that can start in one week (default 2)")
    parser.add_argument("--monitoring-per-week", type=_count, default=1, metavar="N",
                        help="monitoring inspections that can start in one week (default 1)")
    parser.add_argument("--region-cap", type=_count, default=2, metavar="K",
                        help="areas of one region on site in the same week (default 2)")
    parser.add_argument("--bank-holiday-weeks", action="store_true", help="no on-site activity in bank holiday weeks")
    parser.add_argument("--time-limit", type=_seconds, default=10.0, metavar="S", help="solver time (default 10 s)")
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    as_of: dt.date = args.as_of
    until: dt.date = args.until or as_of + dt.timedelta(days=365)
    if until < as_of:
        raise CommandError(f"--until {until.isoformat()} is before --as-of {as_of.isoformat()}")
    from areasend.planning import Capacity, PlanningRules, default_blackouts, plan

    from .django_setup import setup_django

    setup_django()
    from areasend.programme.inputs import plan_inputs

    inputs = plan_inputs(as_of)
    areas = inputs.areas
    if not areas and inputs.under_way:
        raise CommandError("every area has an inspection under way on that date: there is nothing to plan")
    if not areas:
        raise CommandError("the register has no areas; run 'areasend import data/register' first")
    result = plan(
        areas,
        as_of,
        until,
        capacity=Capacity(args.capacity_per_week, args.monitoring_per_week),
        rules=PlanningRules(region_cap=args.region_cap),
        blackouts=default_blackouts(as_of, until, bank_holiday_weeks=args.bank_holiday_weeks),
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
    print_table(("Week of", "Kind", "Area", "Name", "Due by", "Days late"), rows)
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
