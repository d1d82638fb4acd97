"""Shared pieces for command modules: the one-line parser, argument types and output helpers."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence

__all__ = ["CommandError", "OneLineArgumentParser", "iso_date", "print_json", "print_table"]


class CommandError(Exception):
    """A problem with the input; the message is shown to the user as one line."""


class OneLineArgumentParser(argparse.ArgumentParser):
    """An argument parser that reports bad input in one line (no usage block) and exits with 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        text = " ".join(message.split())
        self.exit(2, f"{self.prog}: error: {text}\n")


def iso_date(text: str) -> dt.date:
    """argparse type for a date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a real date; write it as YYYY-MM-DD") from None


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2) + "\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Print rows as left-aligned columns under a header line."""
    widths = [len(h) for h in headers]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], len(cell))
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
