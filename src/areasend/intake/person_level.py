"""Checking a person-level data return file: the shared reader's rows against the core's schema.

Plain Python (no Django), so that the pages' background task and the ``areasend person-level``
command check a file the same way. The file is read as it is checked, a row at a time (a CSV file
line by line), so memory stays flat as the file grows; only the identifiers seen so far are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO

from areasend.framework import person_level as pl
from areasend.intake.person_level_fast import HandedOn, OnBlock
from areasend.intake.tables import Unreadable, open_lines

#: The largest return that is checked. 100,000 rows of the template are about 12 MB as CSV.
MAX_BYTES = 50 * 1024 * 1024
#: Problems shown on the page; the full list is a download.
SHOWN_PROBLEMS = 1000
#: How often (in rows) progress is reported.
PROGRESS_EVERY = 2000
#: Rows checked together, a column at a time.
BLOCK = 4096


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


@dataclass
class CheckReport:
    rows: int = 0
    problems: list[pl.RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"rows": self.rows, "valid": self.valid, "errors": [p.to_dict() for p in self.problems]}


def _quickly(source, checker: pl.RowChecker, on_progress, on_block) -> list[pl.RowProblem] | None:
    """The problems by the quick CSV path, or None when it gave up on this file."""
    from areasend.intake import person_level_fast

    try:
        return person_level_fast.check_csv(str(source) if isinstance(source, Path) else source, checker,
                                           on_progress, on_block)
    except (person_level_fast.GiveUp, OSError):
        return None


def _rows_to_blocks(on_row: Callable[[int, dict], None]) -> OnBlock:
    """``on_row`` called for each row of each block."""

    def on_block(numbers: list[int], columns: dict[str, list]) -> None:
        names = list(columns)
        for number, *values in zip(numbers, *columns.values()):
            on_row(number, dict(zip(names, values)))

    return on_block


class _Blocks:
    """Clean rows from the row-by-row check, gathered into blocks for ``on_block``."""

    def __init__(self, checker: pl.RowChecker, on_block: OnBlock):
        self.names = [plan.column.name for plan in checker._plan]
        self.on_block = on_block
        self.numbers: list[int] = []
        self.rows: list[dict] = []

    def add(self, number: int, values: dict) -> None:
        self.numbers.append(number)
        self.rows.append(values)
        if len(self.rows) >= BLOCK:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.on_block(self.numbers, {name: [row[name] for row in self.rows] for name in self.names})
            self.numbers, self.rows = [], []


def check_file(
    source: str | Path | IO[bytes],
    *,
    name: str,
    size: int,
    today: dt.date,
    schema: pl.PersonLevelSchema = pl.CURRENT_SCHEMA,
    on_row: Callable[[int, dict], None] | None = None,
    on_block: OnBlock | None = None,
    on_progress: Callable[[int], None] | None = None,
    quick: bool = True,
) -> CheckReport:
    """Check a return; never raises for bad input.

    ``on_row(number, values)`` gets each clean row; ``on_block(numbers, columns)`` gets them a block at
    a time, column by column (the row numbers, and each column's values in the same order), which is
    quicker. Either is called only while no problem has been found, so a caller loading rows can stop
    at the first problem and throw away what it had; duplicates are found last, so the caller keeps
    what it was given only if the report is valid. Row 0 in a problem means the file as a whole.

    A CSV file is read by Arrow's reader (``person_level_fast``) unless ``quick`` is false; any other
    file, or a CSV file that path gives up on, by the shared reader. Every path finds the same problems.
    """
    if on_row is not None:
        if on_block is not None:
            raise TypeError("give on_row or on_block, not both")
        on_block = _rows_to_blocks(on_row)
    if on_block is not None:
        # If the quick path gives up part way, the file is read again from the start: rows it already
        # handed on are not handed on twice.
        on_block = HandedOn(on_block)
    report = CheckReport()
    if size > MAX_BYTES:
        report.problems.append(pl.RowProblem(
            0, "", f"the file is {_megabytes(size)}; the largest file that can be checked is {_megabytes(MAX_BYTES)}: "
            "remove columns that are not in the template, or save it as XLSX, which is smaller"))
        return report
    if size == 0:
        report.problems.append(pl.RowProblem(
            1, "", "the file is empty: it needs a header row and a row for each child or young person"))
        return report
    checker = None
    try:
        lines = open_lines(source, name=name, formulas=True)
        iterator = iter(lines)
        header = next(iterator, None)
        if header is None:
            report.problems.append(pl.RowProblem(
                1, "", "the file is empty: it needs a header row and a row for each child or young person"))
            return report
        checker = pl.RowChecker(schema, header, today)
        report.notes = lines.notes
        if not checker.ok:
            report.problems.extend(checker.header_problems)
            report.notes.extend(checker.notes)
            return report
        problems = report.problems
        if quick and name.lower().endswith(".csv"):
            found = _quickly(source, checker, on_progress, on_block)
            if found is not None:
                problems.extend(found)
                problems.extend(checker.finish())
                report.notes.extend(checker.notes)
                report.rows = checker.rows
                return report
            # The quick path gave up on this file: read it again, row by row, with a fresh checker.
            lines = open_lines(source, name=name, formulas=True)
            iterator = iter(lines)
            next(iterator, None)
            checker = pl.RowChecker(schema, header, today)
            report.notes = lines.notes
        number = 1
        if on_block is None:
            # Checking only: a block of rows at a time, a column at a time.
            while True:
                block = list(islice(iterator, BLOCK))
                if not block:
                    break
                problems.extend(checker.check_block(number + 1, block))
                number += len(block)
                if on_progress is not None:
                    on_progress(checker.rows)
        else:
            check = checker.check
            blocks = _Blocks(checker, on_block)
            for cells in iterator:
                number += 1
                values, found = check(number, cells)
                if found:
                    problems.extend(found)
                elif values is not None and not problems:
                    blocks.add(number, values)
                if on_progress is not None and number % PROGRESS_EVERY == 0:
                    on_progress(checker.rows)
            if not problems:
                blocks.flush()
        problems.extend(checker.finish())
        report.notes.extend(checker.notes)
        report.rows = checker.rows
    except Unreadable as error:
        report.rows = checker.rows if checker is not None else 0
        report.problems.append(pl.RowProblem(error.row or error.line or 0, "", f"the file {error.reason}"))
    return report
