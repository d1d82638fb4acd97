"""The quick way to check a CSV return: Apache Arrow's CSV reader, a block of rows at a time.

Arrow's reader (C++) splits the file into columns of text; each distinct text of a column is then
checked once by the core's own cell checks (``framework.person_level``), so the rules and their
wording stay in one place, and the rows are walked again only for a column that has a problem.
The identifier and name columns, whose texts are nearly all different, are not looked at one by
one: Arrow picks out the few cells that could be wrong (empty, a formula, too long) and only those
go to the core. Arrow trims white space exactly as Python's ``str.strip`` does (a test holds it to
that for every character), so a trimmed identifier is the same text either way.

Memory stays flat: one block of the file (1 MB, which also keeps the work in the processor's
cache) is held at a time, and the identifiers' text for the duplicate check.

Anything this path does not handle exactly as the row-by-row reader does (a row with too few or
too many cells, an empty line, text that is not UTF-8) makes it give up, and the caller reads the
file again the ordinary way, so every file gets the same answer either way.
"""

from __future__ import annotations

from typing import Callable

from areasend.framework import person_level as pl

BLOCK_BYTES = 1 << 20

#: ``on_block(numbers, columns)``: the spreadsheet row numbers of a block's rows and, for each
#: column of the template the file has, the rows' values in the same order.
OnBlock = Callable[[list[int], dict[str, list]], None]


class GiveUp(Exception):
    """This file needs the row-by-row reader."""


def check_csv(handle, checker: pl.RowChecker, on_progress: Callable[[int], None] | None,
              on_block: OnBlock | None = None) -> list[pl.RowProblem]:
    """Problems in the body of a CSV return (its header already read by ``checker``). Raises GiveUp.

    ``on_block`` gets each block's values while no problem has been found in it or before it; the
    duplicate check comes last, so a caller keeping the values must still ask whether the file is
    valid before it uses them.
    """
    try:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc
        from pyarrow import csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow is a dependency; this only keeps the ordinary path open
        raise GiveUp from None
    if checker._identifier_position is not None and \
            checker.schema.column(checker._identifier).type is not pl.ColumnType.TEXT:
        raise GiveUp  # the identifier's usable texts are picked out below as a text column's
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
    # Arrays are made from buffers or numpy numbers, never from Python objects: for those Arrow first
    # imports pandas to see whether they are pandas' own (seconds, for a command that checks one file).
    nothing = _strings(pa, np, [""])[0]
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
            columns = batch.columns
            trimmed: dict[int, object] = {}

            def trim(position: int):
                if position not in trimmed:
                    trimmed[position] = pc.utf8_trim_whitespace(columns[position])
                return trimmed[position]

            # Rows with nothing in them are skipped, as the row-by-row reader skips them. A row is
            # empty only if its identifier (or first cell) is blank, so only those rows are looked at.
            empty: set[int] = set()
            blank = pc.equal(trim(id_position if id_position is not None else 0), nothing)
            if blank.true_count:
                for index in pc.indices_nonzero(blank).to_pylist():
                    if not "".join(column[index].as_py() for column in columns).strip():
                        empty.add(index)
            checker.empty_rows += len(empty)
            checker.rows += count - len(empty)
            clean = not problems
            for order, plan in enumerate(plans):
                column = columns[plan.position]
                if plan.cache is None:  # identifiers and names: only texts that could be wrong are looked at
                    text = trim(plan.position)
                    # Longer in bytes than the limit in characters is a superset of too long: the core decides.
                    suspect = pc.or_(pc.or_(pc.starts_with(text, "="), blank if plan.position == id_position
                                            else pc.equal(text, nothing)),
                                     pc.greater(pc.binary_length(text), _int32(pa, np, plan.column.max_length)))
                    if plan.position == id_position:
                        usable = pc.invert(suspect)
                    distinct = pc.unique(pc.filter(column, suspect)).to_pylist() if suspect.true_count else []
                elif plan.dates is not None:  # dates: those written YYYY-MM-DD in the accepted span pass here
                    accepted = _accepted_dates(np, column, *plan.dates)
                    distinct = [] if accepted.all() else \
                        pc.unique(pc.filter(column, _mask(pa, np, ~accepted))).to_pylist()
                else:
                    distinct = pc.unique(column).to_pylist()
                bad = plan.bad_among(distinct) if distinct else None
                if not bad:
                    continue
                name = plan.column.name
                mask = pc.is_in(column, value_set=_strings(pa, np, list(bad)))
                indices = pc.indices_nonzero(mask)
                for index, raw in zip(indices.to_pylist(), pc.take(column, indices).to_pylist()):
                    if index in empty:
                        continue
                    number = first + index
                    problems.append((number, order, pl.RowProblem(number, name, bad[raw])))
                    clean = False
            if id_position is not None:
                numbers = _int64s(pa, np.arange(first, first + count, dtype=np.int64))
                identifier_blocks.append(pc.filter(trimmed[id_position], usable))
                number_blocks.append(pc.filter(numbers, usable))
            if on_block is not None and clean:
                on_block(*_values(plans, columns, trimmed, first, count, empty))
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


def _strings(pa, np, texts: list[str]):
    """An Arrow array of ``texts``, built from its buffers (see the note on pandas above)."""
    encoded = [text.encode("utf-8") for text in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(text) for text in encoded], out=offsets[1:])
    return pa.Array.from_buffers(pa.string(), len(encoded), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))])


def _int32(pa, np, number: int):
    """An Arrow 32-bit whole number, built from its buffer."""
    return pa.Array.from_buffers(pa.int32(), 1, [None, pa.py_buffer(np.array([number], dtype=np.int32))])[0]


def _int64s(pa, numbers):
    """An Arrow array of a numpy array's 64-bit whole numbers, sharing its buffer."""
    return pa.Array.from_buffers(pa.int64(), len(numbers), [None, pa.py_buffer(numbers)])


def _mask(pa, np, flags):
    """An Arrow array of a numpy array's true and false."""
    return pa.Array.from_buffers(pa.bool_(), len(flags), [None, pa.py_buffer(np.packbits(flags, bitorder="little"))])


def _accepted_dates(np, column, first, last):
    """For each cell: whether it is a real date written YYYY-MM-DD (ASCII digits, nothing around it) from
    ``first`` to ``last``. Exactly the cells the core's date check takes as they are; any other cell is
    False here and left to the core, which says why it is refused (or takes it after all)."""
    count = len(column)
    buffers = column.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int32, count=count + 1, offset=column.offset * 4)
    data = np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None else np.zeros(0, np.uint8)
    starts = offsets[:-1]
    ten = (offsets[1:] - starts) == 10
    accepted = np.zeros(count, dtype=bool)
    if not ten.any():
        return accepted
    cells = data[starts[ten, None] + np.arange(10)].astype(np.int32) - ord("0")
    digits = cells[:, [0, 1, 2, 3, 5, 6, 8, 9]]
    shaped = ((digits >= 0) & (digits <= 9)).all(axis=1) & (cells[:, 4] == ord("-") - ord("0")) \
        & (cells[:, 7] == ord("-") - ord("0"))
    year = cells[:, 0] * 1000 + cells[:, 1] * 100 + cells[:, 2] * 10 + cells[:, 3]
    month = cells[:, 5] * 10 + cells[:, 6]
    day = cells[:, 8] * 10 + cells[:, 9]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0, 0, 0, 0, 0, 0, 0])
    in_month = month_days[np.clip(month, 0, 19)] + ((month == 2) & leap)
    key = year * 10000 + month * 100 + day
    accepted[ten] = shaped & (month >= 1) & (month <= 12) & (day >= 1) & (day <= in_month) \
        & (key >= first.year * 10000 + first.month * 100 + first.day) \
        & (key <= last.year * 10000 + last.month * 100 + last.day)
    return accepted


def _values(plans, columns, trimmed, first: int, count: int, empty: set[int]):
    """A clean block's row numbers and its values, column by column, as the row-by-row check gives them."""
    keep = [index for index in range(count) if index not in empty] if empty else None
    values: dict[str, list] = {}
    for plan in plans:
        if plan.cache is None:
            # A text cell's value is its trimmed text; an empty one (allowed, or the row would have a problem) is None.
            cells = [text or None for text in trimmed[plan.position].to_pylist()]
        else:
            value = plan.value
            raws = columns[plan.position].to_pylist()
            parsed = {raw: value(raw) for raw in set(raws)}
            cells = list(map(parsed.__getitem__, raws))
        values[plan.column.name] = cells if keep is None else [cells[index] for index in keep]
    numbers = list(range(first, first + count)) if keep is None else [first + index for index in keep]
    return numbers, values


def _duplicates(pa, pc, identifier_blocks, number_blocks, column: str) -> list[pl.RowProblem]:
    """A problem for each row whose identifier an earlier row already gave (as the row-by-row check says it)."""
    identifiers = pa.chunked_array(identifier_blocks, type=pa.string())
    if len(pc.unique(identifiers)) == len(identifiers):
        return []
    counts = pc.value_counts(identifiers)
    import numpy as np

    one = _int64s(pa, np.ones(1, dtype=np.int64))[0]
    repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), one))
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
