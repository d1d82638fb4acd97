"""Checking a person-level return file: every kind of bad input gets a row, a column and a reason (issue 13)."""

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from areasend.framework import person_level as pl
from areasend.intake import person_level as checking
from areasend.intake import returns, sample_return

TODAY = dt.date(2026, 1, 12)
HEADER = sample_return.HEADER


def _csv(rows, header=HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _good(n=3):
    return list(sample_return.rows(n, seed=5, today=TODAY))


def _check(data: bytes, name="return.csv"):
    return checking.check_file(io.BytesIO(data), name=name, size=len(data), today=TODAY)


def _set(rows, index, column, value):
    rows[index][HEADER.index(column)] = value
    return rows


def _errors(report):
    return [(p.row, p.column, p.message) for p in report.problems]


def test_a_clean_file_is_valid_and_counts_its_rows():
    report = _check(_csv(_good(20)))
    assert report.valid and report.rows == 20 and report.problems == []


@pytest.mark.parametrize(
    "column, value, words",
    [
        ("date_of_birth", "03/09/2014", "'03/09/2014' is a date typed as text: write it as year-month-day, 2014-09-03"),
        ("date_of_birth", "41885", "41885 is a spreadsheet's day number for 3 September 2014, not a date"),
        ("date_of_birth", "2014-02-30", "'2014-02-30' is not a real date"),
        ("date_of_birth", "2027-01-01", "1 January 2027 is in the future"),
        ("date_of_birth", "1990-01-01", "born 1 January 1990, so aged 36: the return covers ages 0 to 25"),
        ("lives_in_area", "Y", "'Y' must be yes or no"),
        ("support", "statement", "'statement' is not one of the choices: EHC plan; SEN support"),
        ("attendance_percent", "87.5", "'87.5' is not a whole number from 0 to 100"),
        ("attendance_percent", "140", "140 is not a whole number from 0 to 100"),
        ("primary_need", "=VLOOKUP(A2,B:B,1)", "is a formula: type the value itself"),
        ("local_identifier", "=A1", "is a formula: type the value itself"),
        ("sex", "", "a value is needed here, for example female"),
    ],
)
def test_each_bad_cell_is_named_by_row_column_and_reason(column, value, words):
    report = _check(_csv(_set(_good(), 1, column, value)))
    assert not report.valid
    [(row, named, message)] = _errors(report)
    assert (row, named) == (3, column)  # the header is row 1, so the second data row is row 3
    assert words in message


def test_values_are_read_whatever_their_case_and_spacing():
    rows = _set(_set(_good(), 0, "support", "  sen SUPPORT "), 0, "lives_in_area", "YES")
    assert _check(_csv(rows)).valid


def test_duplicate_identifiers_name_the_earlier_row():
    rows = _good(4)
    rows[3][0] = rows[1][0]
    assert _errors(_check(_csv(rows))) == [
        (5, "local_identifier", "this identifier is also on row 3: list each child or young person once")]


def test_columns_in_another_order_are_read_and_extra_columns_ignored_with_a_note():
    order = list(reversed(HEADER)) + ["Notes for us"]
    rows = [list(reversed(row)) + ["ignore me"] for row in _good()]
    report = _check(_csv(rows, header=order))
    assert report.valid and report.rows == 3
    assert report.notes == ["This column is not in the template and was ignored: Notes for us."]


def test_headings_match_whatever_their_case_and_spaces():
    header = [name.replace("_", " ").capitalize() for name in HEADER]
    assert _check(_csv(_good(), header=header)).valid


def test_missing_required_columns_are_named():
    header = [h for h in HEADER if h not in ("date_of_birth", "sex")]
    rows = [[cell for h, cell in zip(HEADER, row) if h in header] for row in _good()]
    assert [(r, c) for r, c, _ in _errors(_check(_csv(rows, header=header)))] == [
        (1, "date_of_birth"), (1, "sex")]
    assert "the column date_of_birth is missing from the header row" in _check(_csv(rows, header=header)).problems[0].message


def test_a_missing_column_says_what_it_holds_in_words_a_person_reads():
    header = [h for h in HEADER if h != "support"]
    rows = [[cell for h, cell in zip(HEADER, row) if h in header] for row in _good()]
    assert "(EHC plan or SEN support.)" in _check(_csv(rows, header=header)).problems[0].message


@pytest.mark.parametrize("data", [b"\n\n\n", b"  \n\r\n,,,\n"])
def test_a_file_of_blank_lines_says_row_1_is_blank_not_that_every_column_is_missing(data):
    problems = _check(data).problems
    assert [(p.row, p.column) for p in problems] == [(1, "")]
    assert problems[0].message.startswith("row 1 is blank")


def test_empty_rows_are_skipped_with_a_note():
    rows = _good(2)
    data = _csv(rows[:1] + [[""] * len(HEADER), []] + rows[1:])
    report = _check(data)
    assert report.valid and report.rows == 2
    assert "2 empty rows were skipped." in report.notes


@pytest.mark.parametrize("data, words", [
    (b"", "the file is empty"),
    (_csv([]), "the file has a header row but no rows below it"),
])
def test_an_empty_file_or_one_without_rows_is_refused(data, words):
    report = _check(data)
    assert not report.valid and words in report.problems[0].message


def test_a_byte_order_mark_is_read_as_utf8_with_a_note():
    report = _check(b"\xef\xbb\xbf" + _csv(_good()))
    assert report.valid
    assert any("byte order mark" in note for note in report.notes)


def test_a_wrong_encoding_says_which_and_where():
    rows = _set(_good(), 1, "setting_name", "Ecole Saint-Andr\u00e9")
    data = _csv(rows).replace("\u00e9".encode("utf-8"), b"\xe9")  # as Windows-1252 saves it
    [(row, column, message)] = _errors(_check(data))
    assert row == 3 and column == ""
    assert "is not UTF-8 text" in message and "Windows-1252" in message and "CSV UTF-8" in message


def test_a_utf16_file_is_named_as_such():
    data = _csv(_good()).decode("utf-8").encode("utf-16")
    assert "UTF-16" in _check(data).problems[0].message


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # 100 MB, sparse: nothing is written
    report = checking.check_file(path, name=path.name, size=path.stat().st_size, today=TODAY)
    [(row, column, message)] = _errors(report)
    assert row == 0 and "the file is 100 MB; the largest file that can be checked is 50 MB" in message


def _xlsx(rows, header=HEADER, *, dates=False) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        if dates:
            row = [dt.date.fromisoformat(row[1]) if i == 1 else cell for i, cell in enumerate(row)]
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_real_date_cells_is_valid_and_formulas_are_refused():
    assert _check(_xlsx(_good(), dates=True), "return.xlsx").valid
    rows = _set(_good(), 0, "attendance_percent", "=90+1")
    [(row, column, message)] = _errors(_check(_xlsx(rows), "return.xlsx"))
    assert (row, column) == (2, "attendance_percent") and "formula" in message


def test_the_templates_read_back_as_the_schema_in_every_format(tmp_path):
    for file_format in ("csv", "xlsx", "ods"):
        data = returns.template(file_format)
        lines = checking.open_lines(io.BytesIO(data), name=f"t.{file_format}")
        assert next(iter(lines)) == list(pl.CURRENT_SCHEMA.names), file_format
        report = _check(data, f"t.{file_format}")
        assert [p.message for p in report.problems] == [
            "the file has a header row but no rows below it: add a row for each child or young person"]


def _command(*args):
    return subprocess.run([sys.executable, "-m", "areasend.commands", *args], capture_output=True, text=True, timeout=120)


def test_schema_command_prints_the_contract_shape():
    result = _command("person-level", "schema", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["version"] == pl.CURRENT_SCHEMA.version
    types = {"date", "integer", "boolean", "choice", "text"}
    for column in data["columns"]:
        assert set(column) == ({"name", "type", "required", "choices"} if column["type"] == "choice"
                               else {"name", "type", "required"})
        assert column["type"] in types
    assert {c["name"] for c in data["columns"]} >= {"date_of_birth", "support", "primary_need", "setting_type"}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_check_command_exits_0_when_valid_and_1_with_errors(tmp_path, file_format):
    good, bad = tmp_path / f"good.{file_format}", tmp_path / f"bad.{file_format}"
    make = _csv if file_format == "csv" else _xlsx
    good.write_bytes(make(_good(5)))
    bad.write_bytes(make(_set(_good(5), 2, "support", "maybe")))
    ok = _command("person-level", "check", str(good), "--on", "2026-01-12", "--json")
    assert ok.returncode == 0 and json.loads(ok.stdout) == {"rows": 5, "valid": True, "errors": []}
    failed = _command("person-level", "check", str(bad), "--on", "2026-01-12", "--json")
    assert failed.returncode == 1
    data = json.loads(failed.stdout)
    assert data["rows"] == 5 and data["valid"] is False
    assert data["errors"] == [{"row": 4, "column": "support",
                               "message": "'maybe' is not one of the choices: EHC plan; SEN support"}]


def test_check_command_checks_ods_too(tmp_path):
    from tests.intake.test_tables import _ods

    path = tmp_path / "return.ods"
    path.write_bytes(_ods([HEADER] + _good(3)))
    result = _command("person-level", "check", str(path), "--on", "2026-01-12", "--json")
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["rows"] == 3


def test_checking_a_block_at_a_time_finds_exactly_what_checking_row_by_row_finds():
    rows = _good(30)
    for index, column, value in [(1, "date_of_birth", "03/09/2014"), (4, "support", "x"), (4, "sex", ""),
                                 (7, "attendance_percent", "101"), (9, "local_identifier", rows[2][0]),
                                 (12, "primary_need", "=A1"), (15, "date_of_birth", "1990-01-01"),
                                 (18, "lives_in_area", " Yes "), (20, "setting_name", "x" * 201)]:
        _set(rows, index, column, value)
    rows.insert(10, [""] * len(HEADER))
    rows[25] = rows[25][:6]  # a short row: the missing cells are empty
    data = _csv(rows)
    by_block = _check(data)
    by_row = checking.check_file(io.BytesIO(data), name="r.csv", size=len(data), today=TODAY, quick=False,
                                    on_row=lambda n, v: None)
    assert _errors(by_block) == _errors(by_row)
    assert len(by_block.problems) >= 10 and by_block.rows == by_row.rows == 30
    assert by_block.notes == by_row.notes == ["1 empty row was skipped."]


def test_the_quick_csv_path_finds_exactly_what_checking_row_by_row_finds(monkeypatch):
    from areasend.intake import person_level_fast

    rows = _good(40)
    for index, column, value in [(1, "date_of_birth", "03/09/2014"), (4, "support", "x"), (4, "sex", ""),
                                 (7, "attendance_percent", "101"), (9, "local_identifier", rows[2][0]),
                                 (12, "primary_need", "=A1"), (15, "date_of_birth", "1990-01-01"),
                                 (18, "lives_in_area", " Yes "), (20, "setting_name", "x" * 201),
                                 (22, "local_identifier", "=B2"), (24, "local_identifier", "  ")]:
        _set(rows, index, column, value)
    rows.insert(10, [""] * len(HEADER))  # a row of empty cells (not an empty line)
    data = b"\xef\xbb\xbf" + _csv(rows)
    used = []
    real = person_level_fast.check_csv
    monkeypatch.setattr(person_level_fast, "check_csv", lambda *a: used.append(1) or real(*a))
    quick = _check(data)
    assert used == [1]
    by_row = checking.check_file(io.BytesIO(data), name="r.csv", size=len(data), today=TODAY, quick=False,
                                    on_row=lambda n, v: None)
    assert _errors(quick) == _errors(by_row)
    assert len(quick.problems) >= 9 and quick.rows == by_row.rows == 40
    assert quick.notes == by_row.notes and "1 empty row was skipped." in quick.notes


def test_an_xlsx_return_gets_the_same_report_by_calamine_as_by_openpyxl(monkeypatch):
    from areasend.intake import tables

    rows = _set(_set(_good(6), 1, "attendance_percent", "lots"), 3, "date_of_birth", "2015-02-30")
    data = _xlsx(rows, dates=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert tables._quick_xlsx_plan(archive, None) is not None  # calamine reads this one
    quick = _check(data, "return.xlsx")
    monkeypatch.setattr(tables, "QUICK_XLSX_SHEET_BYTES", -1)
    slow = _check(data, "return.xlsx")
    assert _errors(quick) == _errors(slow) and len(_errors(slow)) == 2
    assert (quick.rows, quick.notes) == (slow.rows, slow.notes)


def test_a_formula_among_plain_cells_is_still_named_by_row_and_column():
    from areasend.intake import tables

    rows = _set(_good(5), 3, "attendance_percent", "=SUM(A1:A3)")
    data = _xlsx(rows)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert tables._quick_xlsx_plan(archive, None) is None  # openpyxl reads it, formulas as their text
    [(row, column, message)] = _errors(_check(data, "return.xlsx"))
    assert (row, column) == (5, "attendance_percent") and "'=SUM(A1:A3)' is a formula" in message
