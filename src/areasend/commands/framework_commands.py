"""Commands over the framework core: ``workdays``, ``timeline``, ``cycle``, ``versions``, ``criteria``."""

from __future__ import annotations

import argparse
import datetime as dt

from areasend import framework as fw

from .base import CommandError, iso_date, print_json, print_table

__all__ = ["register"]

FRAMEWORK_IDS = tuple(version.id for version in fw.VERSIONS)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the framework commands."""
    _register_workdays(subparsers)
    _register_timeline(subparsers)
    _register_cycle(subparsers)
    _register_versions(subparsers)
    _register_criteria(subparsers)


def _run(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except fw.FrameworkError as error:
        raise CommandError(str(error)) from None


def _weekday(day: dt.date) -> str:
    return day.strftime("%a")


# ---------------------------------------------------------------------------
# workdays
# ---------------------------------------------------------------------------


def _register_workdays(subparsers) -> None:
    parser = subparsers.add_parser(
        "workdays",
        help="count England working days",
        description="England working days: Monday to Friday, except England and Wales bank holidays "
        "(one-off days such as 19 September 2022 and 8 May 2023 included).",
    )
    inner = parser.add_subparsers(dest="workdays_command", metavar="ACTION", required=True)

    add = inner.add_parser("add", help="print the date N working days after DATE",
                           description="Print the ISO date N England working days after DATE "
                           "(before it when N is negative; N=0 prints DATE).")
    add.add_argument("date", metavar="DATE", type=iso_date, help="start date, YYYY-MM-DD")
    add.add_argument("n", metavar="N", type=int, help="number of working days; may be negative")
    add.set_defaults(handler=_workdays_add)

    between = inner.add_parser("between", help="count working days after START up to and including END",
                               description="Print how many England working days fall after START up to and "
                               "including END (negative when END is before START).")
    between.add_argument("start", metavar="START", type=iso_date, help="start date, YYYY-MM-DD (not counted)")
    between.add_argument("end", metavar="END", type=iso_date, help="end date, YYYY-MM-DD (counted)")
    between.set_defaults(handler=_workdays_between)

    check = inner.add_parser("check", help="say whether DATE is a working day",
                             description="Print 'working day' or the reason DATE is not one; exit 1 if not.")
    check.add_argument("date", metavar="DATE", type=iso_date, help="date, YYYY-MM-DD")
    check.set_defaults(handler=_workdays_check)


def _workdays_add(args) -> int:
    print(fw.ENGLAND.add_working_days(args.date, args.n).isoformat())
    return 0


def _workdays_between(args) -> int:
    print(fw.ENGLAND.working_days_between(args.start, args.end))
    return 0


def _workdays_check(args) -> int:
    if fw.ENGLAND.is_working_day(args.date):
        print(f"{args.date.isoformat()} is a working day")
        return 0
    print(fw.ENGLAND.describe_non_working(args.date))
    return 1


# ---------------------------------------------------------------------------
# timeline
# ---------------------------------------------------------------------------


def _pause(text: str) -> fw.PublicationPause:
    """START:END for all of England, or START:END:CODE,CODE for named areas."""
    parts = text.split(":")
    if len(parts) not in (2, 3):
        raise argparse.ArgumentTypeError(f"{text!r} is not a pause; write START:END or START:END:CODE,CODE")
    start, end = iso_date(parts[0]), iso_date(parts[1])
    try:
        if len(parts) == 2:
            return fw.general_election_pause(start, end, f"pause {start.isoformat()} to {end.isoformat()}")
        codes = frozenset(code.strip() for code in parts[2].split(",") if code.strip())
        return fw.PublicationPause(start, end, fw.PauseScope.AREAS, f"pause {start.isoformat()} to {end.isoformat()}",
                                   codes)
    except fw.FrameworkError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _register_timeline(subparsers) -> None:
    parser = subparsers.add_parser(
        "timeline",
        help="every milestone of an inspection with its date",
        description="Print every milestone of an inspection, counted from the notification date or back "
        "from the first on-site day. Values marked * were left open by the handbook and use a default.",
    )
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--notified", type=iso_date, metavar="DATE",
                      help="day of the notification call (must be a working day)")
    when.add_argument("--onsite-start", type=iso_date, metavar="DATE",
                      help="first on-site day (a non-working day moves to the next working day)")
    parser.add_argument("--kind", choices=fw.KINDS, default="full",
                        help="full or monitoring inspection (2023 and 2025), or revisit (2016); default full")
    parser.add_argument("--framework", choices=("auto",) + FRAMEWORK_IDS, default="auto",
                        help="framework version; auto (default) picks the one in force on the notification date")
    parser.add_argument("--area-code", metavar="CODE", help="ONS code of the local authority, for local pauses")
    parser.add_argument("--pause", type=_pause, action="append", default=[], metavar="START:END[:CODES]",
                        help="pre-election publication pause; START:END covers all of England, "
                        "START:END:CODE,CODE only those areas (repeatable)")
    parser.add_argument("--known-general-elections", action="store_true",
                        help="also apply the pauses before the 2017, 2019 and 2024 general elections")
    parser.add_argument("--days-on-site", type=int, metavar="N", help="revisits only: 2 to 4 days on site")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=_timeline)


def _timeline(args) -> int:
    pauses = tuple(args.pause) + (fw.GENERAL_ELECTION_PAUSES if args.known_general_elections else ())
    if args.days_on_site is not None and args.kind != "revisit":
        raise CommandError("--days-on-site applies to revisits only")
    kwargs = dict(notified=args.notified, onsite_start=args.onsite_start, version=args.framework,
                  area_code=args.area_code, pauses=pauses)
    if args.kind == "revisit":
        timeline = _run(fw.revisit_timeline, days_on_site=args.days_on_site, **kwargs)
    else:
        timeline = _run(fw.inspection_timeline, args.kind, **kwargs)
    if args.json:
        print_json(timeline.to_dict())
        return 0
    version = fw.get_version(timeline.framework)
    print(f"{timeline.kind.capitalize()} inspection timeline, {version.name}")
    rows = [
        (item.date.isoformat(), _weekday(item.date), item.label + ("" if item.confirmed else " *"),
         item.owner.value, item.source)
        for item in timeline.milestones
    ]
    print_table(("Date", "Day", "Milestone", "Who", "Source"), rows)
    for pause in timeline.pauses_applied:
        print(f"Publication held for {pause.label} ({pause.start.isoformat()} to {pause.end.isoformat()}).")
    if any(not item.confirmed for item in timeline.milestones):
        print("* default chosen where the handbook left the value open")
    return 0


# ---------------------------------------------------------------------------
# cycle
# ---------------------------------------------------------------------------


def _yes_no(text: str) -> str:
    lowered = text.strip().lower()
    if lowered not in ("yes", "no"):
        raise argparse.ArgumentTypeError(f"{text!r} is not yes or no")
    return lowered


def _register_cycle(subparsers) -> None:
    parser = subparsers.add_parser(
        "cycle",
        help="what follows an inspection's outcome, and by when",
        description="Print what follows a published report: next full inspection, monitoring inspection, "
        "priority action plan, strategic plan update and engagement meetings (2023, 2025), or the written "
        "statement of action clocks and revisit (2016).",
    )
    parser.add_argument("--framework", required=True, choices=FRAMEWORK_IDS, help="framework version")
    decision = parser.add_mutually_exclusive_group(required=True)
    decision.add_argument("--outcome", type=int, choices=(1, 2, 3), help="outcome 1, 2 or 3 (2023 and 2025)")
    decision.add_argument("--wsoa", type=_yes_no, metavar="yes|no",
                          help="2016 only: whether a written statement of action was required")
    parser.add_argument("--published", required=True, type=iso_date, metavar="DATE",
                        help="date the report was published")
    parser.add_argument("--final-report-received", type=iso_date, metavar="DATE",
                        help="date the partnership received the final report (default: estimated from publication)")
    parser.add_argument("--until", type=iso_date, metavar="DATE", help="list engagement meetings up to this date")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=_cycle)


def _cycle(args) -> int:
    version = fw.get_version(args.framework)
    if version.has_outcomes and args.wsoa is not None:
        raise CommandError(f"--wsoa belongs to the 2016 framework; give --outcome 1, 2 or 3 for {version.id}")
    if not version.has_outcomes and args.outcome is not None:
        raise CommandError("the 2016 framework has no outcomes; give --wsoa yes or --wsoa no")
    cycle = _run(
        fw.cycle_after, version, args.outcome, published=args.published,
        final_report_received=args.final_report_received, written_statement=args.wsoa, until=args.until,
    )
    if args.json:
        print_json(cycle.to_dict())
        return 0
    decided = f"outcome {cycle.outcome.value} ({cycle.outcome.short_label})" if cycle.outcome else (
        f"written statement of action {'required' if args.wsoa == 'yes' else 'not required'}")
    print(f"After a report published {cycle.published.isoformat()} under {version.name}: {decided}")
    rows = []
    for item in cycle.due_dates():
        firmness = "soft" if item.soft else "due by"
        if item.tolerance:
            firmness += f", ± {item.tolerance}"
        label = item.label[:1].upper() + item.label[1:]
        rows.append((item.date.isoformat(), label + ("" if item.confirmed else " *"), firmness,
                     f"{item.counts_from} ({item.counts_from_date.isoformat()})", item.source))
    if rows:
        print_table(("Date", "What", "Firmness", "Counted from", "Source"), rows)
    else:
        print("Nothing further is due under this framework.")
    if cycle.escalation:
        print("If a resubmitted statement is still not fit for purpose, advice goes to the Minister: "
              + ", ".join(cycle.escalation) + ".")
    if any(not item.confirmed for item in cycle.due_dates()):
        print("* default chosen where the handbook left the value open")
    return 0


# ---------------------------------------------------------------------------
# versions and criteria
# ---------------------------------------------------------------------------


def _register_versions(subparsers) -> None:
    parser = subparsers.add_parser("versions", help="framework versions, their dates and rules",
                                   description="List each framework version with the dates it is in force "
                                   "and every rule it sets.")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=_versions)


def _versions(args) -> int:
    if args.json:
        print_json([version.to_dict() for version in fw.VERSIONS])
        return 0
    for version in fw.VERSIONS:
        until = version.in_force_until.isoformat() if version.in_force_until else "now"
        print(f"{version.id}: {version.name}, in force {version.in_force_from.isoformat()} to {until}")
        rows = [(rule.rule_id, rule.describe(), rule.source, "yes" if rule.confirmed else "no (default)")
                for rule in version.rules()]
        print_table(("Rule", "Value", "Source", "Confirmed"), rows)
        print()
    return 0


def _register_criteria(subparsers) -> None:
    parser = subparsers.add_parser("criteria", help="the evaluation criteria I1-I5 and L1-L6",
                                   description="List the 5 impact and 6 leadership criteria.")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=_criteria)


def _criteria(args) -> int:
    if args.json:
        print_json([item.to_dict() for item in fw.CRITERIA])
        return 0
    print_table(("Id", "Kind", "Criterion"), [(c.id, c.kind.value, c.name) for c in fw.CRITERIA])
    return 0
