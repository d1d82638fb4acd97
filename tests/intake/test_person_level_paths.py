"""The quick CSV path and the row-by-row check give the same answer: the same problems, notes and values."""

import csv
import datetime as dt
import io
import subprocess
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from areasend.framework import person_level as pl
from areasend.intake import person_level as checking
from areasend.intake import person_level_fast, sample_return

TODAY = dt.date(2026, 1, 12)
HEADER = sample_return.HEADER


def _csv(rows, header=HEADER, newline="\n") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _set(row, column, value):
    row[HEADER.index(column)] = value


#: Every kind of cell the check refuses, and some it takes that look odd, with the column they go in.
CELLS = [
    ("date_of_birth", "03/09/2014"), ("date_of_birth", "31/02/2014"), ("date_of_birth", "3.9.14"),
    ("date_of_birth", "41885"), ("date_of_birth", "0"), ("date_of_birth", "99999999"),
    ("date_of_birth", "2014-02-30"), ("date_of_birth", "2015-02-29"), ("date_of_birth", "2016-02-29"),
    ("date_of_birth", "2014-09-03 00:00:00"), ("date_of_birth", "2014-09-03T00:00"), ("date_of_birth", "2027-01-01"),
    ("date_of_birth", "1990-01-01"), ("date_of_birth", "2000-01-12"), ("date_of_birth", "2000-01-13"),
    ("date_of_birth", "2026-01-12"), ("date_of_birth", "2026-01-13"), ("date_of_birth", " 2014-09-03 "),
    ("date_of_birth", "\u0662\u0660\u0661\u0664-\u0660\u0669-\u0660\u0663"), ("date_of_birth", "2014-9-3"),
    ("date_of_birth", "=DATE(2014,9,3)"), ("date_of_birth", ""), ("date_of_birth", "20140903"),
    ("date_of_birth", "2014/09/03"), ("date_of_birth", "2014-09-03x"), ("date_of_birth", "0000-01-01"),
    ("lives_in_area", "Y"), ("lives_in_area", " YES "), ("lives_in_area", "=TRUE()"), ("lives_in_area", ""),
    ("educated_out_of_area", "No"), ("educated_out_of_area", "n"),
    ("support", "statement"), ("support", "sen   SUPPORT"), ("support", "=B2"), ("support", ""),
    ("primary_need", "autistic"), ("primary_need", "=VLOOKUP(A2,B:B,1)"), ("primary_need", " Autism "),
    ("setting_type", "school"), ("setting_type", "Alternative  Provision"),
    ("setting_name", "x" * 201), ("setting_name", "x" * 200), ("setting_name", "\u00e9" * 150),
    ("setting_name", "=HYPERLINK(\"x\")"), ("setting_name", "   "), ("setting_name", "Riverside, \"North\"\nSite"),
    ("attendance_percent", "87.5"), ("attendance_percent", "140"), ("attendance_percent", "90%"),
    ("attendance_percent", "-5"), ("attendance_percent", "=1+1"), ("attendance_percent", ""),
    ("attendance_percent", "1e2"), ("attendance_percent", " 100 "),
    ("part_time_timetable", "maybe"), ("childrens_social_care", "CIN"), ("youth_justice", "yes "), ("youth_justice", "Yes please"),
    ("residential_special_school", "true"), ("sex", ""), ("sex", "F"), ("ethnic_group", ""),
    ("ethnic_group", "british"),
    ("local_identifier", "=A1"), ("local_identifier", "  "), ("local_identifier", "x" * 51),
    ("local_identifier", "\u00e9" * 50), ("local_identifier", "\u00e9" * 51), ("local_identifier", "\t=B2"),
]


def _every_kind_of_error(count=400):
    rows = list(sample_return.rows(count, seed=11, today=TODAY))
    for index, (column, value) in enumerate(CELLS):
        if 3 + index * 5 < count - 1:
            _set(rows[3 + index * 5], column, value)
    # Duplicates: a pair, a triple, one padded with white space (a no-break space), one on a row with
    # other problems, and one far from the first so that it lands in another block.
    rows[1][0] = rows[0][0]
    rows[7][0] = rows[8][0] = rows[6][0]
    rows[20][0] = "\u00a0" + rows[19][0] + " "
    rows[13][0] = rows[2][0]  # row 13's date of birth is wrong too
    rows[count - 1][0] = rows[4][0]
    # Rows with nothing in them: empty cells, and cells of white space only.
    rows.insert(40, [""] * len(HEADER))
    rows.insert(80, [" ", "\t"] + [""] * (len(HEADER) - 2))
    return rows


def _problems(report):
    return [(p.row, p.column, p.message) for p in report.problems]


def _three_ways(data: bytes, monkeypatch, **kwargs):
    """The quick path (and whether it kept going), the block-at-a-time check and the row-by-row check."""
    used = []
    real = person_level_fast.check_csv
    monkeypatch.setattr(person_level_fast, "check_csv", lambda *a: used.append(1) or real(*a))
    quick = checking.check_file(io.BytesIO(data), name="r.csv", size=len(data), today=TODAY, **kwargs)
    block = checking.check_file(io.BytesIO(data), name="r.csv", size=len(data), today=TODAY, quick=False)
    by_row = checking.check_file(io.BytesIO(data), name="r.csv", size=len(data), today=TODAY, quick=False,
                                 on_row=lambda number, values: None)
    return used, quick, block, by_row


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("block_bytes", [person_level_fast.BLOCK_BYTES, 8192])
def test_a_file_with_every_kind_of_error_gets_the_same_problems_by_every_path(monkeypatch, newline, block_bytes):
    monkeypatch.setattr(person_level_fast, "BLOCK_BYTES", block_bytes)  # small blocks: problems across their edges
    monkeypatch.setattr(checking, "BLOCK", 37)
    data = b"\xef\xbb\xbf" + _csv(_every_kind_of_error(), newline=newline)
    used, quick, block, by_row = _three_ways(data, monkeypatch)
    assert used == [1] and quick.rows == 400  # the quick path read it to the end, not the fallback
    assert _problems(quick) == _problems(block) == _problems(by_row)
    assert quick.rows == block.rows == by_row.rows
    assert quick.notes == block.notes == by_row.notes
    assert "2 empty rows were skipped." in quick.notes
    assert {column for _, column, _ in _problems(quick)} == set(HEADER)
    duplicates = [row for row, column, message in _problems(quick) if "also on row" in message]
    assert len(duplicates) == 6
    assert len(quick.problems) > 50


def test_files_the_quick_path_gives_up_on_get_the_same_answer_read_again(monkeypatch):
    rows = _every_kind_of_error(60)
    _set(rows[30], "setting_name", "Ecole Saint-Andr\u00e9")
    short = _csv(rows[:10] + [rows[10][:6]] + rows[11:])  # a row with fewer cells than the header
    blank_line = _csv(rows).replace(b"\n", b"\n\n", 3)  # empty lines
    not_utf8 = _csv(rows).replace("\u00e9".encode(), b"\xe9")  # as Windows-1252 saves it
    for data, tried in ((short, True), (blank_line, True), (not_utf8, False)):  # the reader refuses the last first
        used, quick, block, by_row = _three_ways(data, monkeypatch)
        assert used == ([1] if tried else [])
        assert _problems(quick) == _problems(block) == _problems(by_row) != []
        assert quick.notes == block.notes == by_row.notes and quick.rows == block.rows == by_row.rows


def test_the_quick_path_hands_on_the_same_values_as_the_row_by_row_check(monkeypatch):
    monkeypatch.setattr(person_level_fast, "BLOCK_BYTES", 4096)
    rows = list(sample_return.rows(300, seed=3, today=TODAY))
    _set(rows[5], "support", " sen support ")
    _set(rows[6], "date_of_birth", "2014-09-03 00:00")
    _set(rows[7], "setting_name", "  Riverside, \"North\"  ")
    _set(rows[8], "attendance_percent", "95 %")
    _set(rows[9], "ethnic_group", "")
    rows.insert(12, [""] * len(HEADER))
    data = _csv(rows)
    quick, slow = [], []
    for into, fast in ((quick, True), (slow, False)):
        report = checking.check_file(io.BytesIO(data), name="r.csv", size=len(data), today=TODAY, quick=fast,
                                     on_row=lambda number, values, into=into: into.append((number, values)))
        assert report.valid and report.rows == 300
    assert len(quick) == 300 and quick == slow
    assert quick[5][1]["support"] == "SEN support" and quick[9][1]["ethnic_group"] is None
    assert quick[11][0] == 13 and quick[12][0] == 15  # the empty row 14 is skipped, and the numbers say so


def _quick_path_kept_going(data: bytes, monkeypatch, **kwargs):
    """The quick path's report, and whether it read the file to the end (False: it gave up on it)."""
    finished = []
    real = person_level_fast.check_csv

    def watched(*args):
        found = real(*args)
        finished.append(True)
        return found

    monkeypatch.setattr(person_level_fast, "check_csv", watched)
    report = checking.check_file(io.BytesIO(data), name="r.csv", size=len(data), today=TODAY, **kwargs)
    monkeypatch.setattr(person_level_fast, "check_csv", real)
    return report, finished == [True]


def _handed_on(data: bytes, quick: bool):
    rows = []
    report = checking.check_file(io.BytesIO(data), name="r.csv", size=len(data), today=TODAY, quick=quick,
                                 on_row=lambda number, values: rows.append((number, values)))
    return report, rows


def test_yes_and_no_in_capitals_are_read_by_the_quick_path_as_the_core_reads_them(monkeypatch):
    monkeypatch.setattr(person_level_fast, "BLOCK_BYTES", 4096)
    rows = list(sample_return.rows(400, seed=5, today=TODAY))
    for index, row in enumerate(rows):
        for column in ("lives_in_area", "youth_justice"):
            value = ("yes", "no")[index % 2]
            _set(row, column, (value.upper(), value.title(), value)[index % 3])
    data = _csv(rows)
    report, kept_going = _quick_path_kept_going(data, monkeypatch)
    assert report.valid and report.rows == 400 and kept_going
    quick, slow = _handed_on(data, True), _handed_on(data, False)
    assert quick[1] == slow[1] and len(quick[1]) == 400
    assert {values["lives_in_area"] for _, values in quick[1]} == {True, False}


def test_a_yes_written_another_way_late_in_the_file_is_read_again_as_text_and_nothing_is_handed_on_twice(monkeypatch):
    monkeypatch.setattr(person_level_fast, "BLOCK_BYTES", 4096)
    rows = list(sample_return.rows(600, seed=9, today=TODAY))
    _set(rows[550], "residential_special_school", " no ")  # the core takes it; Arrow's true-or-false does not
    data = _csv(rows)
    report, kept_going = _quick_path_kept_going(data, monkeypatch)
    assert report.valid and report.rows == 600 and kept_going
    quick, slow = _handed_on(data, True), _handed_on(data, False)
    assert [number for number, _ in quick[1]] == list(range(2, 602))
    assert quick[1] == slow[1] and quick[1][550][1]["residential_special_school"] is False
    _set(rows[560], "residential_special_school", "perhaps")
    bad = _csv(rows)
    used, fast, block, by_row = _three_ways(bad, monkeypatch)
    assert _problems(fast) == _problems(block) == _problems(by_row) == [
        (562, "residential_special_school", "'perhaps' must be yes or no")]


def test_dates_read_as_days_outside_the_span_get_the_core_s_reasons(monkeypatch):
    monkeypatch.setattr(person_level_fast, "BLOCK_BYTES", 4096)
    rows = list(sample_return.rows(500, seed=12, today=TODAY))
    for index, day in ((10, "2027-01-01"), (200, " 1999-05-17"), (201, "2000-01-12\t"), (202, "2000-01-13"),
                       (450, "9999-12-31"), (451, "2026-01-12"), (452, "2026-01-13")):
        _set(rows[index], "date_of_birth", day)
    data = _csv(rows)
    used, quick, block, by_row = _three_ways(data, monkeypatch)
    assert _problems(quick) == _problems(block) == _problems(by_row)
    assert [row for row, _, _ in _problems(quick)] == [12, 202, 203, 452, 454]
    report, kept_going = _quick_path_kept_going(data, monkeypatch)
    assert kept_going and _problems(report) == _problems(by_row)
    _set(rows[10], "date_of_birth", "2014-09-03")
    for index in (200, 201, 202, 450, 452):
        _set(rows[index], "date_of_birth", "2014-09-03")
    _set(rows[300], "date_of_birth", " 2015-01-31 ")
    clean = _csv(rows)
    quick_rows, slow_rows = _handed_on(clean, True), _handed_on(clean, False)
    assert quick_rows[0].valid and quick_rows[1] == slow_rows[1]
    assert quick_rows[1][300][1]["date_of_birth"] == dt.date(2015, 1, 31)
    # A year Python's dates cannot hold: Arrow takes it, so that column is read again as text.
    _set(rows[400], "date_of_birth", "0000-01-01")
    year_nought = _csv(rows)
    used, quick, block, by_row = _three_ways(year_nought, monkeypatch)
    assert _problems(quick) == _problems(by_row) and [row for row, _, _ in _problems(quick)] == [402]


def test_text_that_is_not_utf8_after_the_part_looked_at_first_is_found_by_the_quick_path(monkeypatch):
    rows = list(sample_return.rows(3000, seed=4, today=TODAY))  # well over the first 64 KB
    _set(rows[2900], "setting_name", "Ecole Saint-Andr\u00e9")
    data = _csv(rows).replace("\u00e9".encode(), b"\xe9")  # as Windows-1252 saves it
    assert data.index(b"\xe9") > 1 << 16
    report, kept_going = _quick_path_kept_going(data, monkeypatch)
    assert not kept_going
    by_row = checking.check_file(io.BytesIO(data), name="r.csv", size=len(data), today=TODAY, quick=False)
    assert _problems(report) == _problems(by_row)
    [(row, column, message)] = _problems(report)
    assert row == 2902 and "is not UTF-8" in message


def test_characters_cut_in_two_by_the_edge_of_a_block_are_still_utf8(monkeypatch):
    monkeypatch.setattr(person_level_fast, "BLOCK_BYTES", 4096)
    rows = list(sample_return.rows(500, seed=6, today=TODAY))
    for index, row in enumerate(rows):
        _set(row, "setting_name", ("\u00c9cole ", "\u0218coal\u0103 ", "\U0001F3EB ")[index % 3] + "x" * (index % 7))
    data = _csv(rows)
    report, kept_going = _quick_path_kept_going(data, monkeypatch)
    assert report.valid and kept_going
    quick, slow = _handed_on(data, True), _handed_on(data, False)
    assert quick[1] == slow[1] and quick[1][2][1]["setting_name"].startswith("\U0001F3EB")


@pytest.mark.parametrize("repeated", [False, True])
def test_identifiers_whose_fingerprints_are_the_same_are_compared_as_text(monkeypatch, repeated):
    import numpy

    rows = list(sample_return.rows(300, seed=8, today=TODAY))
    if repeated:
        rows[250][0] = rows[10][0]
    data = _csv(rows)
    expected = _problems(checking.check_file(io.BytesIO(data), name="r.csv", size=len(data), today=TODAY,
                                             quick=False))
    assert len(expected) == int(repeated)
    # Every fingerprint the same: the identifiers themselves decide.
    monkeypatch.setattr(person_level_fast, "_fingerprints", lambda np, column: numpy.zeros(len(column), numpy.uint64))
    report, kept_going = _quick_path_kept_going(data, monkeypatch)
    assert kept_going and _problems(report) == expected


def test_the_same_identifier_always_has_the_same_fingerprint_and_different_ones_differ():
    import numpy

    texts = ["LA-000001", "LA-000002", "LA-00001", "LA-000001 ", "a", "", "b" * 50, "b" * 49, "\u00e9" * 25,
             "12345678", "123456781", "1234567\u00e9"]
    once = person_level_fast._fingerprints(numpy, pa.array(texts))
    sliced = person_level_fast._fingerprints(numpy, pa.array(["x", "y"] + texts)[2:])
    assert once.tolist() == sliced.tolist()
    assert len(set(once.tolist())) == len(texts)


def test_arrow_trims_white_space_exactly_as_python_does():
    characters = [chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000]
    cells = [character + "x" + character for character in characters]
    trimmed = pc.utf8_trim_whitespace(pa.array(cells)).to_pylist()
    assert [cell for cell, arrow in zip(cells, trimmed) if arrow != cell.strip()] == []


def test_the_vectorised_date_check_passes_exactly_the_dates_the_core_takes_as_written():
    import numpy

    checker = pl.RowChecker(pl.CURRENT_SCHEMA, HEADER, TODAY)
    [plan] = [plan for plan in checker._plan if plan.column.name == "date_of_birth"]
    day, texts = dt.date(1998, 1, 1), []
    while day <= dt.date(2026, 3, 1):
        texts.append(day.isoformat())
        day += dt.timedelta(days=1)
    texts += [f"{year:04d}-{month:02d}-{day:02d}" for year in (1999, 2000, 2016, 2100) for month in range(0, 14)
              for day in (0, 28, 29, 30, 31, 32)]
    texts += ["2014-09-03 ", " 2014-09-03", "2014-09-3", "2014-0903", "2014-09-03 00:00", "", "2014+09-03",
              "\u0662\u0660\u0661\u0664-\u0660\u0669-\u0660\u0663", "99999-01-01", "2014-09-031"]
    accepted = person_level_fast._accepted_dates(numpy, pa.array(texts), *plan.dates)
    expected = [text.isascii() and len(text) == 10 and plan.parse(text).__class__ is dt.date for text in texts]
    assert accepted.tolist() == expected
    assert sum(expected) > 9000  # the span of ages the return covers, day by day
    assert plan.dates == (dt.date(2000, 1, 13), TODAY)  # aged 25 on the day of the check, not yet 26


def test_checking_a_csv_file_does_not_import_pandas(tmp_path):
    """Arrow imports pandas the first time it is given Python objects to convert: seconds, for a command."""
    rows = _every_kind_of_error(200)
    path = tmp_path / "return.csv"
    path.write_bytes(_csv(rows))
    code = (
        "import datetime as dt, sys\n"
        "from pathlib import Path\n"
        "from areasend.intake import person_level\n"
        f"path = Path({str(path)!r})\n"
        "report = person_level.check_file(path, name=path.name, size=path.stat().st_size, today=dt.date(2026, 1, 12))\n"
        "rows = []\n"
        "person_level.check_file(path, name=path.name, size=path.stat().st_size, today=dt.date(2026, 1, 12),\n"
        "                        on_row=lambda number, values: rows.append(number))\n"
        "print(len(report.problems), 'pandas' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    problems, imported = done.stdout.split()
    assert int(problems) > 20 and imported == "False"

