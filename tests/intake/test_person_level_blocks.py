"""The quick CSV check at the edges of its blocks, and files it reads a second time, give the row-by-row answer."""

import csv
import datetime as dt
import io

import pyarrow as pa
import pytest
from pyarrow import csv as pacsv

from areasend.intake import person_level as checking
from areasend.intake import person_level_fast, sample_return

TODAY = dt.date(2026, 1, 12)
HEADER = sample_return.HEADER
SMALL = 4096  # bytes in a block: about 30 rows of the template


def _csv(rows, header=HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _rows(count, seed=21):
    return list(sample_return.rows(count, seed=seed, today=TODAY))


def _set(row, column, value):
    row[HEADER.index(column)] = value


def _problems(report):
    return [(p.row, p.column, p.message) for p in report.problems]


def _check(data, **kwargs):
    return checking.check_file(io.BytesIO(data), name="return.csv", size=len(data), today=TODAY, **kwargs)


def _block_starts(data: bytes, newlines_in_values: bool = False) -> list[int]:
    """The spreadsheet row that begins each block after the first, as Arrow's reader splits this file."""
    names = [f"c{i}" for i in range(len(HEADER))]
    reader = pacsv.open_csv(
        io.BytesIO(data),
        read_options=pacsv.ReadOptions(skip_rows=1, column_names=names, block_size=person_level_fast.BLOCK_BYTES,
                                       use_threads=False),
        parse_options=pacsv.ParseOptions(newlines_in_values=newlines_in_values),
        convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names}))
    starts, row = [], 2
    for batch in reader:
        row += batch.num_rows
        starts.append(row)
    return starts[:-1]


@pytest.fixture
def small_blocks(monkeypatch):
    monkeypatch.setattr(person_level_fast, "BLOCK_BYTES", SMALL)


def _readings(monkeypatch):
    """Record how the quick path reads the file: with or without looking for line breaks in quoted cells."""
    seen = []
    real = person_level_fast._check

    def check(*args, newlines_in_values):
        seen.append(newlines_in_values)
        return real(*args, newlines_in_values=newlines_in_values)

    monkeypatch.setattr(person_level_fast, "_check", check)
    return seen


def test_a_bad_row_in_the_second_block_is_named_by_its_own_row(small_blocks, monkeypatch):
    rows = _rows(200)
    data = _csv(rows)
    second = _block_starts(data)[0]
    assert 10 < second < 100  # the file really is read in several blocks
    _set(rows[second + 3 - 2], "date_of_birth", "31/02/2014")  # spreadsheet row second + 3
    data = _csv(rows)
    seen = _readings(monkeypatch)
    report = _check(data)
    assert seen == [True]  # read once, quoted line breaks and all
    assert _problems(report) == [(second + 3, "date_of_birth", "'31/02/2014' is a date typed as text: write it as "
                                  "year-month-day, for example 2014-09-03, or format the cell as a date")]
    assert _problems(report) == _problems(_check(data, quick=False))
    assert report.rows == 200


def test_bad_cells_on_the_last_and_first_rows_of_every_block_are_all_found(small_blocks):
    rows = _rows(300)
    starts = _block_starts(_csv(rows))
    assert len(starts) >= 5
    # Each bad cell is as long as the good one it replaces, so the blocks stay where they were.
    for start in starts:  # the row before each block begins, and the block's first row
        before, first = rows[start - 1 - 2], rows[start - 2]
        _set(before, "support", "x" + before[HEADER.index("support")][1:])
        _set(first, "local_identifier", "=" + first[0][1:])
        born = first[HEADER.index("date_of_birth")]
        _set(first, "date_of_birth", born[:5] + "13" + born[7:])
    rows[starts[-1] - 2 + 1][0] = rows[0][0]  # a duplicate in the last block of the first row's identifier
    data = _csv(rows)
    assert _block_starts(data) == starts  # same lengths, so the same blocks
    quick = _check(data)
    assert _problems(quick) == _problems(_check(data, quick=False))
    found = {(row, column) for row, column, _ in _problems(quick)}
    for start in starts:
        assert {(start - 1, "support"), (start, "local_identifier"), (start, "date_of_birth")} <= found
    assert (starts[-1] + 1, "local_identifier") in found
    assert len(quick.problems) == 3 * len(starts) + 1


def test_a_quoted_line_break_across_two_blocks_is_read_as_one_cell_and_each_row_handed_on_once(small_blocks, monkeypatch):
    rows = _rows(300)
    for index in range(0, 300, 3):
        _set(rows[index], "setting_name", f"Riverside\nSite {index}")  # a line break in a quoted cell: allowed
    _set(rows[250], "attendance_percent", "140")
    data = _csv(rows)
    seen = _readings(monkeypatch)
    report = _check(data)
    assert seen == [True]  # read once: the quoted line breaks are read as part of their cells
    assert _problems(report) == _problems(_check(data, quick=False)) == [
        (252, "attendance_percent", "140 is not a whole number from 0 to 100")]
    assert report.rows == 300

    _set(rows[250], "attendance_percent", "90")
    data = _csv(rows)
    seen.clear()
    handed = []
    report = _check(data, on_row=lambda number, values: handed.append((number, values)))
    assert report.valid and seen == [True]
    slow = []
    _check(data, quick=False, on_row=lambda number, values: slow.append((number, values)))
    assert [number for number, _ in handed] == list(range(2, 302))  # once each, in order
    assert handed == slow
    assert handed[3][1]["setting_name"] == "Riverside\nSite 3"


def test_a_file_given_up_on_after_some_blocks_hands_on_each_row_once(small_blocks, monkeypatch):
    """A row without its last, optional, cell part way down: a valid row, which Arrow's reader will not take,
    so the quick path has handed on some blocks when it gives up and the file is read again row by row."""
    assert HEADER[-1] == "ethnic_group"  # optional
    rows = _rows(200)
    rows[150] = rows[150][:-1]
    data = _csv(rows)
    used = []
    real = person_level_fast.check_csv

    def check_csv(*args):
        try:
            return real(*args)
        except person_level_fast.GiveUp:
            used.append("gave up")
            raise

    monkeypatch.setattr(person_level_fast, "check_csv", check_csv)
    handed = []
    report = _check(data, on_block=lambda numbers, columns: handed.extend(numbers))
    assert used == ["gave up"]
    assert report.valid and report.rows == 200
    assert handed == list(range(2, 202))  # once each, in order


def test_a_file_with_only_a_byte_order_mark_is_empty():
    report = _check(b"\xef\xbb\xbf")
    assert not report.valid and report.rows == 0
    assert [(p.row, p.message) for p in report.problems] == [
        (1, "the file is empty: it needs a header row and a row for each child or young person")]


def test_a_header_only_file_has_no_rows():
    report = _check(_csv([]))
    assert _problems(report) == [(2, "", "the file has a header row but no rows below it: add a row for each "
                                  "child or young person")]


def test_a_wrong_header_names_the_missing_columns_and_checks_no_rows(monkeypatch):
    seen = _readings(monkeypatch)
    header = ["id", "dob"] + HEADER[2:]
    report = _check(_csv(_rows(50), header=header))
    assert seen == []  # the rows are not read at all
    assert [(p.row, p.column) for p in report.problems] == [(1, "local_identifier"), (1, "date_of_birth")]
    assert "the column local_identifier is missing from the header row: add it" in report.problems[0].message
    assert report.notes == ["These columns are not in the template and were ignored: id, dob."]


def test_a_long_identifier_that_fits_in_characters_is_still_checked_for_duplicates():
    """50 two-byte characters: longer in bytes than the limit, within it in characters, so a usable identifier."""
    rows = _rows(10)
    rows[2][0] = rows[7][0] = "\u00e9" * 50
    data = _csv(rows)
    quick = _check(data)
    assert _problems(quick) == _problems(_check(data, quick=False)) == [
        (9, "local_identifier", "this identifier is also on row 4: list each child or young person once")]


def test_optional_text_left_empty_and_required_text_of_white_space(small_blocks):
    rows = _rows(120)
    for index in range(0, 120, 2):
        _set(rows[index], "setting_name", "")
    _set(rows[5], "local_identifier", " \u00a0 ")
    _set(rows[90], "setting_name", " \u3000 ")
    data = _csv(rows)
    quick = _check(data)
    assert _problems(quick) == _problems(_check(data, quick=False))
    assert [(row, column) for row, column, _ in _problems(quick)] == [(7, "local_identifier")]


@pytest.mark.parametrize("as_path", [False, True])
def test_the_quick_path_reads_only_a_few_blocks_ahead_of_the_rows_it_hands_on(small_blocks, tmp_path, as_path):
    # Arrow's reader on its own reads the whole file ahead of the rows taken from it; paced, the file
    # read so far stays within a few blocks of the rows handed on, so memory does not grow with the file.
    data = _csv(_rows(3000))
    assert len(data) > 60 * SMALL
    opened = []
    real_open = open

    def spy_open(path, mode="r", *args, **kwargs):
        handle = real_open(path, mode, *args, **kwargs)
        opened.append(handle)
        return handle

    handle = io.BytesIO(data)
    ahead = []

    def on_block(numbers, columns):
        position = (opened[-1] if as_path else handle).tell()
        ahead.append(position - len(b"".join(data.splitlines(keepends=True)[:numbers[-1]])))

    if as_path:
        path = tmp_path / "return.csv"
        path.write_bytes(data)
        import builtins

        builtins_open, builtins.open = builtins.open, spy_open
        try:
            report = checking.check_file(path, name="return.csv", size=len(data), today=TODAY, on_block=on_block)
        finally:
            builtins.open = builtins_open
    else:
        report = checking.check_file(handle, name="return.csv", size=len(data), today=TODAY, on_block=on_block)
    assert report.valid and report.rows == 3000
    assert len(ahead) > 50
    # never more than the blocks allowed ahead (and the one being read) past the rows handed on
    assert max(ahead) <= (person_level_fast._Paced.AHEAD + 2) * SMALL, max(ahead)
