"""``areasend stats``: the national statistics the public dashboard shows, for scripts.

    areasend stats outcomes --by year [--json]   full inspections by outcome and year on-site started
    areasend stats timeliness [--json]           working days from end of on-site to publication
"""

from __future__ import annotations

import argparse

from .base import print_json, print_table


def register(subparsers) -> None:
    stats = subparsers.add_parser(
        "stats", help="national statistics: outcomes by year, report timeliness",
        description="National statistics from the register and inspection history, as the public dashboard shows them.",
    )
    which = stats.add_subparsers(dest="stats_command", metavar="WHAT", required=True)

    outcomes = which.add_parser(
        "outcomes", help="full inspections by outcome and the year their on-site week started",
        description="Full inspections under the 2023 framework and its updates, counted by outcome (1, 2, 3) and "
        "by the calendar year their on-site week started, as Ofsted's official statistics count them. "
        "Years with no inspection are left out.",
    )
    outcomes.add_argument("--by", choices=["year"], default="year", help="how to group the counts (year)")
    outcomes.add_argument("--json", action="store_true", help='print {"2023": {"1": 7, "2": 11, "3": 8}, ...}')
    outcomes.set_defaults(handler=run_outcomes)

    timeliness = which.add_parser(
        "timeliness", help="working days from the end of on-site to publication, for every published report",
        description="For every full inspection with both an end of on-site and a publication date: the England "
        "working days after the last day on site up to and including the day of publication, and the median.",
    )
    timeliness.add_argument("--json", action="store_true", help="print the reports and the median as JSON")
    timeliness.set_defaults(handler=run_timeliness)


def _history():
    from .django_setup import setup_django

    setup_django()
    from areasend.national import queries

    return queries, queries.history()


def run_outcomes(args: argparse.Namespace) -> int:
    queries, records = _history()
    counts = queries.outcomes_json(records)
    if args.json:
        print_json(counts)
        return 0
    if not counts:
        print("No full inspections under the 2023 framework are on record.")
        return 0
    headers = ["Year"] + [f"{o} {queries.outcome_short(o).lower()}" for o in queries.OUTCOMES] + ["Total"]
    rows = [[year, *(str(n) for n in by.values()), str(sum(by.values()))] for year, by in counts.items()]
    print_table(headers, rows)
    return 0


def run_timeliness(args: argparse.Namespace) -> int:
    queries, records = _history()
    data = queries.timeliness_json(records)
    if args.json:
        print_json(data)
        return 0
    if not data["reports"]:
        print("No published report has both an end of on-site and a publication date.")
        return 0
    rows = [[r["area_code"], r["onsite_end"], r["published"], str(r["working_days"])] for r in data["reports"]]
    print_table(["Area", "On-site ended", "Published", "Working days"], rows)
    print(f"Median: {data['median_working_days']:g} working days over {len(rows)} reports")
    return 0
