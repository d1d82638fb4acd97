"""``areasend import DIR``: load the register of local areas and their inspection history."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .base import print_json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import the register of local areas and their inspection history from a folder of CSV files",
        description=(
            "Import local_areas.csv, predecessors.csv, "
            "inspections_2016_framework.csv and inspections_2023_framework*.csv from DIR (any of them). "
            "Every file is checked first: if any row is wrong nothing is saved and each problem is "
            "printed on its own line. Running it again with the same files changes nothing."
        ),
    )
    parser.add_argument("directory", metavar="DIR", type=Path, help="folder holding the CSV files")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    directory: Path = args.directory
    if not directory.is_dir():
        reason = "does not exist" if not directory.exists() else "is not a folder"
        print(f"areasend import: {directory} {reason}", file=sys.stderr)
        return 2

    from .django_setup import setup_django

    setup_django()
    from areasend.areas.importer import RegisterImportError, RegisterNotFoundError, import_register

    try:
        report = import_register(directory)
    except RegisterNotFoundError as error:
        print(f"areasend import: {error}", file=sys.stderr)
        return 2
    except RegisterImportError as error:
        if args.json:
            print_json({"imported": False, "problems": [p.to_dict() for p in error.problems]})
        else:
            print(f"areasend import: nothing was saved; fix these {len(error.problems)} problem(s) and run it again:", file=sys.stderr)
            for problem in error.problems:
                print(str(problem), file=sys.stderr)
        return 1
    if args.json:
        print_json({"imported": True, **report.to_dict()})
    else:
        print("\n".join(report.lines()))
    return 0
