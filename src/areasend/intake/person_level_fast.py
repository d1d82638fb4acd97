"""The quick way to check a CSV return: Apache Arrow's CSV reader, a block of rows at a time.

Arrow's reader (C++) splits the file into columns of text; each distinct text of a column is then
checked once by the core's own cell checks (``framework.person_level``), so the rules and their
wording stay in one place, and the rows are walked again only for a column that has a problem.
Memory stays flat: one block of the file is held at a time, and the identifiers' hashes.

Anything this path does not handle exactly as the row-by-row reader does (a row with too few or
too many cells, an empty line, text that is not UTF-8) makes it give up, and the caller reads the
file again the ordinary way, so every file gets the same answer either way.
"""

from __future__ import annotations

from typing import Callable

from areasend.framework import person_level as pl

BLOCK_BYTES = 4 << 20


class GiveUp(Exception):
    """This file needs the row-by-row reader."""


def check_csv(handle, checker: pl.RowChecker, on_progress: Callable[[int], None] | None) -> list[pl.RowProblem]:
    """Problems in the body of a CSV return (its header already read by ``checker``). Raises GiveUp."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
        from pyarrow import csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow is a dependency; this only keeps the ordinary path open
        raise GiveUp from None
    width = len(checker.header)
    names = [f"c{i}" for i in range(width)]
    if hasattr(handle, "seek"):
        handle.seek(0)
    try:
        reader = pacsv.open_csv(
            handle,
            read_options=pacsv.ReadOptions(skip_rows=1, column_names=names, block_size=BLOCK_BYTES, use_threads=False),
            parse_options=pacsv.ParseOptions(ignore_empty_lines=False, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, null_values=[],
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowException, OSError, ValueError):
        raise GiveUp from None
    plans = checker._plan
    id_position = checker._identifier_position
    problems: list[tuple[int, int, pl.RowProblem]] = []
    # Each block's identifiers (trimmed, a column of their own) and spreadsheet row numbers, for
    # the duplicate check at the end: about the size of the identifiers' text, not of the file.
    identifier_blocks: list = []
    number_blocks: list = []
    first = 2
    try:
        for batch in reader:
            count = batch.num_rows
            if count == 0:
                continue
            columns = [batch.column(i) for i in range(width)]
            # Rows with nothing in them are skipped, as the row-by-row reader skips them.
            empty: set[int] = set()
            probe = columns[id_position] if id_position is not None else columns[0]
            blank = pc.equal(pc.utf8_trim_whitespace(probe), "")
            if pc.any(blank).as_py():
                for index in pc.indices_nonzero(blank).to_pylist():
                    if not "".join(column[index].as_py() for column in columns).strip():
                        empty.add(index)
            checker.empty_rows += len(empty)
            checker.rows += count - len(empty)
            for order, plan in enumerate(plans):
                column = columns[plan.position]
                if plan.cache is None:  # identifiers and names: only texts that could be wrong are looked at
                    trimmed = pc.utf8_trim_whitespace(column)
                    suspect = pc.or_(pc.or_(pc.starts_with(trimmed, "="), pc.equal(trimmed, "")),
                                     pc.greater(pc.utf8_length(trimmed), plan.column.max_length))
                    distinct = pc.unique(pc.filter(column, suspect)).to_pylist()
                else:
                    distinct = pc.unique(column).to_pylist()
                bad = plan.bad_among(set(distinct))
                if not bad:
                    continue
                name = plan.column.name
                mask = pc.is_in(column, value_set=pa.array(list(bad), type=pa.string()))
                for index in pc.indices_nonzero(mask).to_pylist():
                    if index in empty:
                        continue
                    raw = column[index].as_py()
                    number = first + index
                    problems.append((number, order, pl.RowProblem(number, name, bad[raw])))
            if id_position is not None:
                trimmed = pc.utf8_trim_whitespace(columns[id_position])
                longest = checker.schema.column(checker._identifier).max_length
                usable = pc.and_(pc.and_(pc.not_equal(trimmed, ""), pc.invert(pc.starts_with(trimmed, "="))),
                                 pc.less_equal(pc.utf8_length(trimmed), longest))
                numbers = pa.array(range(first, first + count), type=pa.int64())
                identifier_blocks.append(pc.filter(trimmed, usable))
                number_blocks.append(pc.filter(numbers, usable))
            first += count
            if on_progress is not None:
                on_progress(checker.rows)
    except (pa.ArrowInvalid, pa.ArrowException, UnicodeDecodeError):
        raise GiveUp from None
    problems.sort(key=lambda item: (item[0], item[1]))
    found = [problem for _, _, problem in problems]
    if identifier_blocks:  # after the cells' problems, as the row-by-row check lists them
        found.extend(_duplicates(pa, pc, identifier_blocks, number_blocks, checker._identifier))
    return found


def _duplicates(pa, pc, identifier_blocks, number_blocks, column: str) -> list[pl.RowProblem]:
    """A problem for each row whose identifier an earlier row already gave (as the row-by-row check says it)."""
    identifiers = pa.chunked_array(identifier_blocks, type=pa.string())
    counts = pc.value_counts(identifiers)
    repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
    if len(repeated) == 0:
        return []
    numbers = pa.chunked_array(number_blocks, type=pa.int64())
    mask = pc.is_in(identifiers, value_set=repeated)
    first_row: dict[str, int] = {}
    problems = []
    for value, number in zip(pc.filter(identifiers, mask).to_pylist(), pc.filter(numbers, mask).to_pylist()):
        if value not in first_row:
            first_row[value] = number
        else:
            problems.append(pl.RowProblem(
                number, column, f"this identifier is also on row {first_row[value]}: list each child or young person once"))
    return problems
