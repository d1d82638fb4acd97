"""``areasend report list`` and ``areasend report pdf ID FILE``: reports for scripts."""

from __future__ import annotations

import argparse
from pathlib import Path

from .base import CommandError, print_json, print_table


def register(subparsers) -> None:
    parser = subparsers.add_parser("report", help="list inspection reports, or write one's PDF",
                                   description="Inspection reports: list them, or write a published report's PDF.")
    commands = parser.add_subparsers(dest="report_command", metavar="SUBCOMMAND", required=True)
    listing = commands.add_parser("list", help="list every report with its status and publication date")
    listing.add_argument("--json", action="store_true", help="print a JSON list of objects")
    listing.set_defaults(handler=run_list)
    pdf = commands.add_parser("pdf", help="write a published report's PDF to a file")
    pdf.add_argument("id", type=int, metavar="ID", help="the report's id (from 'areasend report list')")
    pdf.add_argument("file", type=Path, metavar="FILE", help="where to write the PDF")
    pdf.set_defaults(handler=run_pdf)


def run_list(args: argparse.Namespace) -> int:
    from areasend.commands.django_setup import setup_django

    setup_django()
    from django.utils import timezone

    from areasend.reports import queries

    rows = queries.report_list(timezone.localdate())
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No reports yet.")
        return 0
    print_table(["ID", "AREA", "KIND", "STATUS", "PUBLISHED"],
                [[str(r["id"]), r["area_code"], r["inspection_kind"], r["status"], r["published"] or "-"] for r in rows])
    return 0


def run_pdf(args: argparse.Namespace) -> int:
    from areasend.commands.django_setup import setup_django

    setup_django()
    from areasend.reports import services

    try:
        data = services.pdf_of(args.id)
    except LookupError as error:
        raise CommandError(str(error)) from None
    try:
        args.file.write_bytes(data)
    except OSError as error:
        raise CommandError(f"cannot write {args.file}: {error.strerror}") from None
    print(f"Wrote the PDF of report {args.id} to {args.file} ({len(data):,} bytes)")
    return 0
