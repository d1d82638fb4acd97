"""``areasend demo``: migrate, import the real register, add demo people and an inspection."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .base import CommandError, iso_date

DEFAULT_REGISTER = Path(__file__).resolve().parents[3] / "data" / "register"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="set up the demonstration: set up the database, import the real register, add demo people",
        description=(
            "Bring the database up to date, import the register of local areas and their inspection "
            "history, then add demo people (one per role) and one inspection in progress. Safe to run "
            "again: nothing is duplicated. Refuses to run with AREASEND_ENV=production."
        ),
    )
    parser.add_argument("--register", type=Path, default=DEFAULT_REGISTER, help="folder of register CSV files (default: the shipped data)")
    parser.add_argument("--today", type=iso_date, default=None, help="pretend today is this ISO date")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if os.environ.get("AREASEND_ENV") == "production":
        raise CommandError("refusing to add demo people to a production database (AREASEND_ENV=production)")
    from areasend.commands.django_setup import migrate, pending_migrations, setup_django

    setup_django(require_migrated=False)
    if pending_migrations():
        # On screen either way; with --json, on standard error so the JSON stays clean.
        print("Setting up the database...", file=sys.stderr if args.json else sys.stdout, flush=True)
        migrate()
    from django.utils import timezone

    from areasend.areas.importer import import_register
    from areasend.demo import DEMO_PASSWORD, load_demo

    report = import_register(args.register)
    result = load_demo(args.today or timezone.localdate())
    if args.json:
        print(json.dumps({
            "register": report.to_dict(),
            "people": [{"username": p.username, "password": DEMO_PASSWORD, "role": p.description} for p in result.people],
            "inspection": result.inspection.pk,
        }, indent=2))
        return 0
    print("\n".join(report.lines()))
    print("Demo sign-ins (password for each: " + DEMO_PASSWORD + "):")
    for person in result.people:
        print(f"  {person.username:<10} {person.description}")
    print(f"Demo inspection: {result.inspection} (#{result.inspection.pk})")
    return 0
