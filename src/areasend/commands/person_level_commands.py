"""``areasend person-level schema|check`` and ``areasend tracking propose``: the person-level return
and the tracking proposal from a file, without a database."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from areasend import framework as fw
from areasend.framework import person_level as pl
from areasend.intake import person_level as checking

from .base import CommandError, iso_date, print_json

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "person-level", help="the person-level data return: its columns, and checking a file",
        description="The person-level data return: the columns of this service's template, and a check of a "
        "CSV, XLSX or ODS file row by row.")
    inner = parser.add_subparsers(dest="person_level_command", metavar="ACTION", required=True)
    schema = inner.add_parser("schema", help="print the template's columns",
                              description="Print the template's version and columns. Booleans are written yes or "
                              "no, dates YYYY-MM-DD.")
    schema.add_argument("--json", action="store_true", help="print JSON")
    schema.set_defaults(handler=_schema)
    check = inner.add_parser("check", help="check a return file; exit 1 if it has problems",
                             description="Check FILE (CSV, XLSX or ODS) against the template. Problems are listed by "
                             "spreadsheet row (the header is row 1; row 0 is the file as a whole), column and "
                             "reason. Exits 0 when the file is valid and 1 when it is not.")
    check.add_argument("file", metavar="FILE", type=Path, help="the return, .csv, .xlsx or .ods")
    check.add_argument("--on", type=iso_date, metavar="DATE", help="check ages on DATE (default today)")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(handler=_check)

    tracking = subparsers.add_parser("tracking", help="case tracking: propose cases from a return",
                                     description="Case tracking from a person-level return file.")
    tracking_inner = tracking.add_subparsers(dest="tracking_command", metavar="ACTION", required=True)
    propose = tracking_inner.add_parser(
        "propose", help="propose tracking cases from a return file",
        description="Propose about 6 tracking cases from FILE that meet the framework's rules, each with its "
        "reasons, and the check of the set. The same seed gives the same proposal.")
    propose.add_argument("file", metavar="FILE", type=Path, help="a valid return, .csv, .xlsx or .ods")
    propose.add_argument("--count", type=int, metavar="N", help="how many cases (default the framework's 6)")
    propose.add_argument("--seed", type=int, default=0, metavar="S", help="seed for the order of choice (default 0)")
    propose.add_argument("--on", type=iso_date, metavar="DATE", help="ages on DATE (default today)")
    propose.add_argument("--json", action="store_true", help="print JSON")
    propose.set_defaults(handler=_propose)


def _schema(args) -> int:
    data = pl.CURRENT_SCHEMA.to_dict()
    if args.json:
        print_json(data)
        return 0
    print(f"Person-level template version {data['version']}")
    for column in pl.CURRENT_SCHEMA.columns:
        extra = f" ({'; '.join(column.choices)})" if column.choices else ""
        print(f"{column.name}: {column.type.value}, {'required' if column.required else 'optional'}{extra}")
    return 0


def _read(path: Path, today: dt.date, on_row=None) -> checking.CheckReport:
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
    return checking.check_file(path, name=path.name, size=size, today=today, on_row=on_row)


def _check(args) -> int:
    report = _read(args.file, args.on or dt.date.today())
    if args.json:
        print_json(report.to_dict())
    else:
        print(f"{args.file.name}: {report.rows} rows, "
              + ("valid" if report.valid else f"{len(report.problems)} problems"))
        for note in report.notes:
            print(f"Note: {note}")
        for problem in report.problems:
            where = f"row {problem.row}" + (f", column {problem.column}" if problem.column else "")
            print(f"{where}: {problem.message}")
    return 0 if report.valid else 1


def _propose(args) -> int:
    today = args.on or dt.date.today()
    rows: list[tuple[int, dict]] = []
    report = _read(args.file, today, on_row=lambda number, values: rows.append((number, values)))
    if not report.valid:
        first = report.problems[0]
        raise CommandError(f"{args.file.name} has {len(report.problems)} problem(s), first row {first.row}: "
                           f"{first.message}; run 'areasend person-level check' to see them all")
    candidates = [pl.tracking_candidate(number, values, today) for number, values in rows]
    try:
        proposal = fw.propose_tracking(candidates, count=args.count, seed=args.seed)
    except fw.FrameworkError as error:
        raise CommandError(str(error)) from None
    data = proposal_json(proposal)
    if args.json:
        print_json(data)
        return 0
    for case in data["cases"]:
        print(f"Row {case['row']}: " + " ".join(case["reasons"]))
    for rule in data["check"]["rules"]:
        print(f"{'met' if rule['passed'] else 'NOT MET'}: {rule['message']}")
    return 0


def proposal_json(proposal: fw.Proposal) -> dict:
    """The proposal in the shape the command prints."""
    cases = []
    for proposed in proposal.cases:
        case = proposed.candidate.case
        cases.append({
            "row": proposed.candidate.row,
            "reasons": list(proposed.reasons),
            "facts": {
                "alternative_provision": case.in_alternative_provision,
                "sen_support": case.support is fw.SupportLevel.SEN_SUPPORT,
                "ehc_plan": case.support is fw.SupportLevel.EHC_PLAN,
                "need": ", ".join(sorted(case.needs)),
                "age": case.age,
                "social_care_or_youth_justice": case.open_to_social_care or case.open_to_youth_justice,
            },
        })
    return {
        "cases": cases,
        "check": {
            "passed": proposal.check.ok,
            "rules": [{"rule": c.rule_id, "passed": c.met, "message": c.message} for c in proposal.check.checks],
        },
    }
