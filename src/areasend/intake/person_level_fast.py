"""The quick way to check a CSV return: Apache Arrow's CSV reader, a block of rows at a time.

Arrow's reader (C++) splits the file into columns of text; each distinct text of a column is then
checked once by the core's own cell checks (``framework.person_level``), so the rules and their
wording stay in one place, and the rows are walked again only for a column that has a problem.
The identifier and name columns, whose texts are nearly all different, are not looked at one by
one: their bytes pick out the few cells that could be wrong (empty, too long, beginning or ending
with anything but a printable ASCII character, beginning with "=") and only those go to the core.
A column with such a cell is trimmed by Arrow, which trims white space exactly as Python's
``str.strip`` does (a test holds it to that for every character), so a trimmed identifier is the
same text either way. Yes-or-no and date columns are read by Arrow as values while every cell is
written plainly (see ``_Typed``); at the first that is not, the file is read again with them as text.
Duplicates are ruled out by sorting a 64-bit fingerprint of each identifier; only when two are the
same are the identifiers themselves compared.

Memory stays flat: a few blocks of the file (1 MB each, which also keeps the work in the processor's
cache) are held at a time, and the identifiers' text and fingerprints for the duplicate check.

Anything this path does not handle exactly as the row-by-row reader does (a row with too few or
too many cells, text that is not UTF-8) makes it give up, and the caller reads the file again the
ordinary way, so every file gets the same answer either way; rows already handed on to a caller
loading them are not handed on again (``HandedOn``).
"""

from __future__ import annotations

import codecs
import datetime as dt
import threading
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

    Arrow reads quoted cells with line breaks in them as one cell wherever its blocks end. (Reading as
    if there were none, and again when Arrow said a block had split one, was quicker but not safe: under
    load a split row was once read wrongly instead of refused.)
    """
    handed = on_block if on_block is None or isinstance(on_block, HandedOn) else HandedOn(on_block)
    try:
        return _check(handle, checker, on_progress, handed, newlines_in_values=True)
    except _OutOfStep:
        raise GiveUp from None


class _Paced:
    """The file as Arrow's reader reads it, never more than ``AHEAD`` blocks ahead of the rows checked.

    Arrow's streaming reader reads in a thread of its own as fast as the file gives, and keeps every
    block it has read until its rows are taken: on its own it holds nearly the whole file at once,
    memory growing with the file. Here each read waits while ``AHEAD`` blocks are read and not yet
    taken; a wait ends after ``PATIENCE`` seconds whatever happens, so a row longer than that many
    blocks (or a reader that stops taking rows) slows the reading down but never stops it.

    It also checks that the file is UTF-8 as it goes (Arrow is told not to, which is quicker: most
    blocks are plain ASCII, and saying so takes one quick look at the bytes). Text that is not UTF-8
    stops the reading, and the caller gives up on this path.
    """

    AHEAD = 3
    PATIENCE = 1.0

    def __init__(self, raw):
        self.raw = raw
        self.read_blocks = self.taken = 0
        self.stopped = False
        self.changed = threading.Condition()
        self.reading = threading.Lock()
        self.closed = False
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.undecodable = False

    def read(self, size: int = -1) -> bytes:
        with self.changed:
            self.changed.wait_for(lambda: self.stopped or self.read_blocks - self.taken < self.AHEAD,
                                  timeout=self.PATIENCE)
            self.read_blocks += 1
        with self.reading:
            if self.stopped:
                return b""
            chunk = self.raw.read(size)
        try:
            if not chunk:
                self.decoder.decode(b"", final=True)
            elif not (chunk.isascii() and not self.decoder.getstate()[0]):
                self.decoder.decode(chunk)
        except UnicodeDecodeError:
            self.undecodable = True
            raise OSError("the file is not UTF-8") from None
        return chunk

    def took(self) -> None:
        with self.changed:
            self.taken += 1
            self.changed.notify_all()

    def stop(self) -> None:
        """Once this returns, Arrow's thread is not reading the file, and never will again: the file can
        be read from the start by someone else."""
        with self.changed:
            self.stopped = True
            self.changed.notify_all()
        with self.reading:
            pass

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self.raw.tell()

    def close(self) -> None:
        self.closed = True


class _OutOfStep(Exception):
    """A quoted cell with a line break in it lies across two blocks."""


class _NotPlain(Exception):
    """A cell of a column Arrow reads as values (see _Typed) is not written in one of the plain ways."""


class HandedOn:
    """``on_block``, given each row once however many times the file is read: a block's rows up to the
    last row number already handed on are left out (the rows come in order on every reading)."""

    def __init__(self, on_block: OnBlock):
        self.on_block = on_block
        self.last = 0

    def __call__(self, numbers: list[int], columns: dict[str, list]) -> None:
        if numbers and numbers[0] <= self.last:
            skip = next((index for index, number in enumerate(numbers) if number > self.last), len(numbers))
            numbers = numbers[skip:]
            columns = {name: values[skip:] for name, values in columns.items()}
        if numbers:
            self.on_block(numbers, columns)
            self.last = numbers[-1]


def _check(handle, checker: pl.RowChecker, on_progress, on_block, *, newlines_in_values: bool):
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
    opened = None
    if isinstance(handle, str):
        handle = opened = open(handle, "rb")  # noqa: SIM115 - closed below, when the reading ends
    elif hasattr(handle, "seek"):
        handle.seek(0)
    # Yes-or-no and date columns are read as values by Arrow itself when every cell is written plainly;
    # at the first that is not, the file is read again with those columns as text, like the rest.
    typed = _Typed.of(checker) if hasattr(handle, "seek") else None
    rows, empty_rows = checker.rows, checker.empty_rows
    try:
        while True:
            paced = _Paced(handle)
            try:
                return _read(pa, pc, np, pacsv, paced, checker, on_progress, on_block, width, names,
                             newlines_in_values=newlines_in_values, typed=typed)
            except _NotPlain:
                pass
            finally:
                paced.stop()  # before the file is read from the start again
            typed = None
            checker.rows, checker.empty_rows = rows, empty_rows
            handle.seek(0)
    finally:
        if opened is not None:
            opened.close()


class _Typed:
    """The columns Arrow reads as values, not text, and how.

    - Yes-or-no columns, as true and false: exactly the texts the core takes as yes and as no that are
      listed here, nothing trimmed. A cell written any other way (" yes", "y", empty) stops the reading.
    - Date columns, as days: Arrow takes a real date written YYYY-MM-DD, with spaces or tabs around it,
      and stops at anything else. The core takes each of those too, as the same day; whether the day is
      in the span the return covers is asked of the core (see _days_outside).

    Either way a column read as values has something in every cell of every row read.
    """

    WRITTEN = ("yes", "Yes", "YES", "no", "No", "NO")

    def __init__(self, booleans: frozenset[int], dates: frozenset[int], trues: list[str], falses: list[str]):
        self.booleans, self.dates, self.trues, self.falses = booleans, dates, trues, falses
        self.positions = booleans | dates

    @classmethod
    def of(cls, checker: pl.RowChecker) -> _Typed | None:
        if checker._identifier_position is None:
            return None
        booleans = [plan for plan in checker._plan if plan.column.type is pl.ColumnType.BOOLEAN]
        trues = [text for text in cls.WRITTEN if booleans and all(plan.value(text) is True for plan in booleans)]
        falses = [text for text in cls.WRITTEN if booleans and all(plan.value(text) is False for plan in booleans)]
        if not trues or not falses:
            booleans = []
        dates = [plan for plan in checker._plan if plan.column.type is pl.ColumnType.DATE]
        if not booleans and not dates:
            return None
        return cls(frozenset(plan.position for plan in booleans), frozenset(plan.position for plan in dates),
                   trues, falses)

    def arrow_types(self, pa, names: list[str]) -> dict:
        types = {name: pa.string() for name in names}
        types.update({names[position]: pa.bool_() for position in self.booleans})
        types.update({names[position]: pa.date32() for position in self.dates})
        return types

    def value_of(self, plan):
        """A function from the column's Arrow value to the core's value for the same cell."""
        if plan.position in self.booleans:
            truth = {True: plan.value(self.trues[0]), False: plan.value(self.falses[0])}
            return truth.__getitem__
        return lambda day: day  # the core's value for a date is the day itself


_EPOCH = dt.date(1970, 1, 1)


def _days_outside(np, column, first: dt.date, last: dt.date):
    """The rows of a date column read as days whose day is before ``first`` or after ``last``, and the
    day of each written YYYY-MM-DD (as the core would be given it, for its reason)."""
    days = np.frombuffer(column.buffers()[1], dtype=np.int32, count=len(column), offset=column.offset * 4)
    outside = np.flatnonzero((days < (first - _EPOCH).days) | (days > (last - _EPOCH).days))
    if not len(outside):
        return outside, []
    try:
        written = [(_EPOCH + dt.timedelta(days=int(day))).isoformat() for day in days[outside].tolist()]
    except (OverflowError, ValueError):  # a year Python's dates do not have (Arrow takes year 0): read as text
        raise _NotPlain from None
    return outside, written


def _read(pa, pc, np, pacsv, paced: _Paced, checker: pl.RowChecker, on_progress, on_block, width: int,
          names: list[str], *, newlines_in_values: bool, typed: _Typed | None):
    types = typed.arrow_types(pa, names) if typed is not None else {name: pa.string() for name in names}
    truth = {"true_values": typed.trues or ["yes"], "false_values": typed.falses or ["no"]} if typed is not None else {}
    as_values = typed.positions if typed is not None else frozenset()
    try:
        reader = pacsv.open_csv(
            paced,
            read_options=pacsv.ReadOptions(skip_rows=1, column_names=names, block_size=BLOCK_BYTES, use_threads=True),
            parse_options=pacsv.ParseOptions(ignore_empty_lines=False, newlines_in_values=newlines_in_values),
            convert_options=pacsv.ConvertOptions(column_types=types, null_values=[], strings_can_be_null=False,
                                                 quoted_strings_can_be_null=False, check_utf8=False, **truth),
        )
    except (pa.ArrowInvalid, pa.ArrowException, OSError, ValueError) as error:
        raise _out_of_step(error) from None
    # Arrays are made from buffers or numpy numbers, never from Python objects: for those Arrow first
    # imports pandas to see whether they are pandas' own (seconds, for a command that checks one file).
    plans = checker._plan
    id_position = checker._identifier_position
    problems: list[tuple[int, int, pl.RowProblem]] = []
    # Each block's identifiers (trimmed) and which rows of the block they are on, for the duplicate
    # check at the end: about the size of the identifiers' text, not of the file.
    identifier_blocks: list = []
    number_blocks: list = []
    # And a fingerprint of each (see _fingerprints), which rules duplicates out quickly.
    fingerprint_blocks: list = []
    first = 2
    try:
        for batch in reader:
            paced.took()
            count = batch.num_rows
            if count == 0:
                continue
            columns = batch.columns
            # For each text column: whether each cell is plainly fine as it is (see _plain), and the
            # column trimmed, made only when it is needed.
            plain: dict[int, object] = {}
            texts: dict[int, object] = {}

            def text(position: int):
                if position not in texts:
                    texts[position] = columns[position] if plain[position].all() else \
                        pc.utf8_trim_whitespace(columns[position])
                return texts[position]

            # Rows with nothing in them are skipped, as the row-by-row reader skips them. A row is
            # empty only if its identifier (or first cell) is blank, so only those rows are looked at.
            # (A column read as values has something in every cell: then no row is empty.)
            empty: set[int] = set()
            key = id_position if id_position is not None else 0
            plain[key] = _plain(np, columns[key], checker.schema.column(checker._identifier).max_length
                                if id_position is not None else 1 << 30)
            for index in np.flatnonzero(~plain[key]).tolist() if not as_values else ():
                if not "".join(column[index].as_py() for column in columns).strip():
                    empty.add(index)
            checker.empty_rows += len(empty)
            checker.rows += count - len(empty)
            clean = not problems
            usable = None
            for order, plan in enumerate(plans):
                position = plan.position
                column = columns[position]
                suspects = None
                if position in as_values:
                    if position not in typed.dates:  # true and false: every cell was written plainly
                        continue
                    # Days: those outside the span are given to the core, written YYYY-MM-DD.
                    suspects, raws = _days_outside(np, column, *plan.dates)
                    if not len(suspects):
                        continue
                    distinct = set(raws)
                elif plan.cache is None:  # identifiers and names: only cells that are not plainly fine are looked at
                    if position not in plain:
                        plain[position] = _plain(np, column, plan.column.max_length, not plan.column.required)
                    suspects = np.flatnonzero(~plain[position])
                    if not len(suspects):
                        continue
                    raws = pc.take(column, _int64s(pa, suspects.astype(np.int64))).to_pylist()
                    distinct = set(raws)
                elif plan.dates is not None:  # dates: those written YYYY-MM-DD in the accepted span pass here
                    accepted = _accepted_dates(np, column, *plan.dates)
                    if accepted.all():
                        continue
                    distinct = pc.unique(pc.filter(column, _mask(pa, np, ~accepted))).to_pylist()
                else:
                    distinct = pc.unique(column).to_pylist()
                bad = plan.bad_among(distinct) if distinct else None
                if not bad:
                    continue
                name = plan.column.name
                if suspects is not None:
                    found = [(index, raw) for index, raw in zip(suspects.tolist(), raws) if raw in bad]
                else:
                    indices = pc.indices_nonzero(pc.is_in(column, value_set=_strings(pa, np, list(bad))))
                    found = zip(indices.to_pylist(), pc.take(column, indices).to_pylist())
                bad_rows = []
                for index, raw in found:
                    bad_rows.append(index)
                    if index in empty:
                        continue
                    number = first + index
                    problems.append((number, order, pl.RowProblem(number, name, bad[raw])))
                    clean = False
                if position == id_position:  # a row whose identifier cannot be used has no duplicate
                    usable = np.ones(count, dtype=bool)
                    usable[bad_rows] = False
            if id_position is not None:
                identifiers = text(id_position)
                if usable is None:
                    number_blocks.append((first, count, None))
                else:
                    identifiers = pc.filter(identifiers, _mask(pa, np, usable))
                    number_blocks.append((first, count, np.flatnonzero(usable)))
                identifier_blocks.append(identifiers)
                fingerprint_blocks.append(_fingerprints(np, identifiers))
            if on_block is not None and clean:
                for plan in plans:
                    if plan.cache is None and plan.position not in plain:
                        plain[plan.position] = _plain(np, columns[plan.position], plan.column.max_length,
                                                      not plan.column.required)
                on_block(*_values(plans, columns, text, first, count, empty, typed))
            first += count
            if on_progress is not None:
                on_progress(checker.rows)
    except (pa.ArrowInvalid, pa.ArrowException) as error:
        raise _out_of_step(error) from None
    except UnicodeDecodeError:
        raise GiveUp from None
    if paced.undecodable:
        raise GiveUp
    problems.sort(key=lambda item: (item[0], item[1]))
    found = [problem for _, _, problem in problems]
    if identifier_blocks and _may_repeat(np, fingerprint_blocks):  # after the cells' problems, as the row-by-row check lists them
        found.extend(_duplicates(pa, pc, np, identifier_blocks, number_blocks, checker._identifier))
    return found


def _out_of_step(error: Exception) -> Exception:
    """_OutOfStep when Arrow says a quoted line break fell across two blocks; _NotPlain when a cell of a
    column read as values could not be; GiveUp for anything else."""
    message = str(error)
    if "out of sync" in message:
        return _OutOfStep()
    return _NotPlain() if "conversion error to" in message else GiveUp()


def _plain(np, column, longest: int, empty_allowed: bool = False):
    """For each cell of a text column: whether it is plainly fine as it is. That is, from 1 to ``longest``
    bytes long (so no more characters), and beginning and ending with a printable ASCII character that
    is not white space, the first not "=". Such a cell is its own trimmed text and the core takes it; any
    other cell is left to the core, which says whether and why it is refused. With ``empty_allowed`` (a
    column that may be left blank) an empty cell is plainly fine too."""
    count = len(column)
    buffers = column.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int32, count=count + 1, offset=column.offset * 4)
    data = np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None else np.zeros(0, np.uint8)
    starts, ends = offsets[:-1], offsets[1:]
    lengths = ends - starts
    fine = (lengths >= 1) & (lengths <= longest)
    if not data.size:
        return fine
    head = np.take(data, starts, mode="clip")
    tail = np.take(data, ends - 1, mode="clip")
    fine &= (head >= 0x21) & (head <= 0x7E) & (head != 0x3D) & (tail >= 0x21) & (tail <= 0x7E)
    if empty_allowed:
        fine |= lengths == 0
    return fine


def _strings(pa, np, texts: list[str]):
    """An Arrow array of ``texts``, built from its buffers (see the note on pandas above)."""
    encoded = [text.encode("utf-8") for text in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(text) for text in encoded], out=offsets[1:])
    return pa.Array.from_buffers(pa.string(), len(encoded), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))])


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
    if ten.all() and offsets[-1] - offsets[0] == 10 * count:  # every cell ten bytes: the data as a table, no copy
        cells = data[offsets[0]:offsets[-1]].reshape(count, 10)
    else:
        cells = data[starts[ten, None] + np.arange(10)]
    # Bytes less "0": a digit is 0 to 9, anything else (wrapping round below "0") more.
    less = cells - np.uint8(ord("0"))
    shaped = (cells[:, 4] == ord("-")) & (cells[:, 7] == ord("-"))
    for place in (0, 1, 2, 3, 5, 6, 8, 9):
        shaped &= less[:, place] <= 9
    month = less[:, 5] * np.uint8(10) + less[:, 6]  # garbage where not shaped, and never looked at there
    day = less[:, 8] * np.uint8(10) + less[:, 9]
    month_days = np.zeros(256, dtype=np.uint8)
    month_days[1:13] = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    real = shaped & (day >= 1) & (day <= month_days[month])
    leap_day = np.flatnonzero(real & (month == 2) & (day == 29))
    if len(leap_day):  # the 29th of February: only in a leap year
        year = less[leap_day, :4].astype(np.int32) @ np.array([1000, 100, 10, 1], dtype=np.int32)
        real[leap_day] = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    # Written YYYY-MM-DD, a real date compares as its text does.
    texts = np.ascontiguousarray(cells).view("S10").ravel()
    accepted[ten] = real & (texts >= first.isoformat().encode()) & (texts <= last.isoformat().encode())
    return accepted


def _values(plans, columns, text, first: int, count: int, empty: set[int], typed: _Typed | None):
    """A clean block's row numbers and its values, column by column, as the row-by-row check gives them."""
    keep = [index for index in range(count) if index not in empty] if empty else None
    values: dict[str, list] = {}
    for plan in plans:
        if plan.cache is None:
            # A text cell's value is its trimmed text; an empty one (allowed, or the row would have a problem) is None.
            cells = [cell or None for cell in text(plan.position).to_pylist()]
        else:
            value = plan.value
            raws = columns[plan.position].to_pylist()
            if typed is not None and plan.position in typed.positions:
                cells = list(map(typed.value_of(plan), raws))
            else:
                parsed = {raw: value(raw) for raw in set(raws)}
                cells = list(map(parsed.__getitem__, raws))
        values[plan.column.name] = cells if keep is None else [cells[index] for index in keep]
    numbers = list(range(first, first + count)) if keep is None else [first + index for index in keep]
    return numbers, values


#: Multipliers of _fingerprints: odd, so each multiplication is a one-to-one change of 64 bits.
_MIX = (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB)


def _fingerprints(np, column):
    """A 64-bit number for each cell of a text column, made from its length and every one of its bytes, so
    that the same text always gives the same number. Different texts almost never do, and where two
    numbers are the same the texts are compared (see _may_repeat), so a fingerprint never decides alone."""
    count = len(column)
    buffers = column.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int32, count=count + 1, offset=column.offset * 4)
    base, end = int(offsets[0]), int(offsets[-1])
    starts = offsets[:-1] - base
    lengths = offsets[1:] - offsets[:-1]
    words = (int(lengths.max()) + 7) // 8 if count else 0
    # The cells' bytes, with room after them so that 8 bytes can be read from any cell's start onwards;
    # ``window[i]`` is the 8 bytes from byte i, as one little-endian number.
    padded = np.zeros(end - base + 8 * words + 8, dtype=np.uint8)
    if end > base:
        padded[:end - base] = np.frombuffer(buffers[2], dtype=np.uint8)[base:end]
    window = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
    keep = np.array([(1 << (8 * size)) - 1 for size in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
    first, each, last = (np.uint64(mix) for mix in _MIX)
    numbers = lengths.astype(np.uint64) * first
    for word in range(words):
        part = window[starts + 8 * word]
        part &= keep[np.clip(lengths - 8 * word, 0, 8)]
        numbers ^= part
        numbers *= each
    numbers ^= numbers >> np.uint64(31)
    numbers *= last
    return numbers


def _may_repeat(np, fingerprint_blocks) -> bool:
    """Whether any two identifiers might be the same: False only when no two have the same fingerprint
    (texts that are the same have the same fingerprint, so then none repeats)."""
    numbers = np.concatenate(fingerprint_blocks)
    numbers.sort()
    return bool((numbers[1:] == numbers[:-1]).any())


def _duplicates(pa, pc, np, identifier_blocks, number_blocks, column: str) -> list[pl.RowProblem]:
    """A problem for each row whose identifier an earlier row already gave (as the row-by-row check says it)."""
    identifiers = pa.chunked_array(identifier_blocks, type=pa.string())
    if len(pc.unique(identifiers)) == len(identifiers):
        return []
    counts = pc.value_counts(identifiers)
    one = _int64s(pa, np.ones(1, dtype=np.int64))[0]
    repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), one))
    numbers = np.concatenate([np.arange(first, first + count, dtype=np.int64) if kept is None else first + kept
                              for first, count, kept in number_blocks])
    mask = pc.is_in(identifiers, value_set=repeated)
    first_row: dict[str, int] = {}
    problems = []
    flags = np.concatenate([np.unpackbits(np.frombuffer(chunk.buffers()[1], dtype=np.uint8), bitorder="little")
                            [chunk.offset:chunk.offset + len(chunk)] for chunk in mask.chunks]).astype(bool)
    for value, number in zip(pc.filter(identifiers, mask).to_pylist(), numbers[flags].tolist()):
        if value not in first_row:
            first_row[value] = number
        else:
            problems.append(pl.RowProblem(
                number, column, f"this identifier is also on row {first_row[value]}: list each child or young person once"))
    return problems
