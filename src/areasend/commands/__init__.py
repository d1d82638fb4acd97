"""The ``areasend`` command-line tool.

Each command module exposes ``register(subparsers)``, which adds its
subcommands and sets ``handler`` (a function taking the parsed arguments and
returning an exit code) as a parser default. To add commands, write a module
with ``register`` and list it in :data:`COMMAND_MODULES`.

Bad input exits with status 2 and one line on standard error saying what is
wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import (demo_commands, framework_commands, person_level_commands, plan_commands, register_commands,
               report_commands, retention_commands, server_commands, stats_commands)
from .base import CommandError, OneLineArgumentParser

__all__ = ["COMMAND_MODULES", "CommandError", "build_parser", "main"]

#: Modules that add subcommands, in the order they appear in ``--help``.
COMMAND_MODULES = (framework_commands, register_commands, demo_commands, plan_commands, stats_commands, report_commands,
                   retention_commands, server_commands, person_level_commands)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineArgumentParser(
        prog="areasend",
        description="Tools for England's area SEND inspections: working days, inspection timelines and "
        "what follows each outcome.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CommandError as error:
        print(f"areasend: error: {error}", file=sys.stderr)
        return 2
