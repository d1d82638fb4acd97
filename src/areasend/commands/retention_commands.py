"""``areasend apply_retention``: delete or anonymise what the retention schedule says is due. Run it daily."""

from __future__ import annotations

import argparse
import datetime as dt

from .base import iso_date, print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "apply_retention",
        help="delete or anonymise what the retention schedule says is due (run it daily)",
        description=(
            "For each rule of the retention schedule, find the inspections whose report was published long "
            "enough ago and delete or anonymise that kind of data. Safe to run again: what is gone stays gone "
            "and a second run finds nothing more. Each run is kept, with what it did."
        ),
    )
    parser.add_argument("--today", type=iso_date, default=None, help="apply the schedule as on this ISO date")
    parser.add_argument("--dry-run", action="store_true", help="say what is due without changing anything")
    parser.add_argument("--json", action="store_true", help="print what was done as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from .django_setup import setup_django

    setup_django()
    from django.utils import timezone

    from areasend.retention.schedule import RULES
    from areasend.retention.services import apply_retention

    today: dt.date = args.today or timezone.localdate()
    report = apply_retention(today=today, dry_run=args.dry_run)
    if args.json:
        print_json(report)
        return 0
    print(f"Retention schedule {'checked' if args.dry_run else 'applied'} for {today.day} {today:%B %Y}:")
    for entry in report["rules"]:
        what = RULES[entry["rule"]].what
        count = len(entry["inspections"])
        if args.dry_run:
            print(f"  {what}: due for {count} inspection(s)")
        elif entry["done"] is None:
            print(f"  {what}: {entry['note']}")
        else:
            done = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in entry["done"].items()) or "nothing due"
            print(f"  {what}: {done}")
    return 0
