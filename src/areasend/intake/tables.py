"""Read a table file (CSV, XLSX or ODS) against the columns a caller expects.

One reader for every upload or import that arrives as a table: it yields the rows it could read
and collects every problem found, each naming the file, the row, the column and the reason. Row
numbers are those a spreadsheet shows: the header is row 1. A file that cannot be read at all,
or is not what its name says, gives one problem for the file and no rows; the reader never
raises for bad input.

The first row is the header. Columns are matched by name, in any order; columns the caller does
not ask for are ignored. Each column's ``parse`` turns the cell's text into a value or raises
:class:`CellError` with a reason. Spreadsheet cells arrive as text too: whole numbers without a
decimal point, dates as ``YYYY-MM-DD``, date-times as ``YYYY-MM-DD HH:MM:SS``, true and false as
``Yes`` and ``No``, so a column parses the same whichever format the file was saved in.

This module is plain Python so that any app, and the command line, can use it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

FORMATS = ("csv", "xlsx", "ods")
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell, row or file."""

    file: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "column": self.column, "reason": self.reason}


class CellError(ValueError):
    """Why one cell's value cannot be used, in words the person who filled it in can act on."""


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], Any]
    required: bool = True  # the column must be in the header
    needs_value: bool = False  # every row must give a value


@dataclass
class Row:
    file: str
    number: int
    values: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    @property
    def source(self) -> str:
        return f"{self.file} row {self.number}"


@dataclass
class TableResult:
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- generic cell parsers ---------------------------------------------------------------------


#: Control characters no cell may hold (tab and line breaks inside a quoted cell are allowed).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: How a cell that a spreadsheet would run as a formula begins.
FORMULA_START = ("=", "+", "-", "@")
#: The largest whole number a column takes unless it says otherwise (what the database keeps).
LARGEST_NUMBER = 2_147_483_647


def shown(value: str, limit: int = 40) -> str:
    """A cell's value as a message quotes it: a long value is cut short, so a message stays one line."""
    value = CONTROL_CHARACTERS.sub("?", value)
    return repr(value if len(value) <= limit else value[:limit] + "...")


def text(value: str) -> str:
    return value.strip()


def limited_text(max_length: int, *, name_like: bool = False) -> Callable[[str], str]:
    """Text of at most ``max_length`` characters. A name (``name_like``) is one line, and may not begin as a
    formula does (=, +, - or @), since the register is opened in spreadsheets."""

    def parse(value: str) -> str:
        value = value.strip()
        if len(value) > max_length:
            raise CellError(f"is {len(value):,} characters long: this column takes at most {max_length:,}")
        if name_like and ("\n" in value or "\r" in value):
            raise CellError(f"{shown(value)} is on more than one line: put it on one line")
        if name_like and value.startswith(FORMULA_START):
            raise CellError(f"{shown(value)} begins with {value[0]!r}, as a spreadsheet formula does: remove it")
        return value

    return parse


def whole_number(value: str, maximum: int = LARGEST_NUMBER) -> int | None:
    """A whole number from 0 to ``maximum`` (thousands separators allowed); None when empty."""
    value = value.strip().replace(",", "")
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        raise CellError(f"{shown(value)} is not a whole number of 0 or more")
    if len(value) > len(str(maximum)) or int(value) > maximum:
        raise CellError(f"{shown(value)} is too large: the largest number this column takes is {maximum:,}")
    return int(value)


def whole_number_up_to(maximum: int) -> Callable[[str], int | None]:
    return lambda value: whole_number(value, maximum)


def full_date(value: str) -> dt.date | None:
    """A date written YYYY-MM-DD (a spreadsheet's date cells arrive so); None when empty."""
    value = value.strip()
    if not value:
        return None
    if not FULL_DATE.match(value):
        raise CellError(f"{value!r} is not a date written like 2023-05-16")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CellError(f"{value!r} is not a real date") from None


def yes_no(value: str) -> bool | None:
    value = value.strip()
    if not value:
        return None
    lowered = value.lower()
    if lowered == "yes":
        return True
    if lowered == "no":
        return False
    raise CellError(f"{value!r} must be Yes or No")


# --- reading the file into rows of text -------------------------------------------------------


class _Unreadable(Exception):
    """The file as a whole cannot be read; the message is the problem's reason."""

    def __init__(self, reason: str, row: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.row = row


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _trimmed(cells: Iterable[Any]) -> list[str]:
    """A spreadsheet row as text, without the empty cells a sheet pads its rows with."""
    row = [_cell_text(cell) for cell in cells]
    while row and not row[-1].strip():
        row.pop()
    return row


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Unreadable("is not UTF-8 text; save it as CSV UTF-8") from None
    first_line = content.split("\n", 1)[0]
    if "\x00" in first_line or content.count("\x00") > max(8, len(content) // 100):
        # A NUL in the header, or many: a binary file with a .csv name. A few in the rows are cells to point
        # out, one by one.
        raise _Unreadable("is not a real CSV file: save it as CSV UTF-8 and try again")
    reader = csv.reader(content.splitlines())
    number = 0
    try:
        for cells in reader:
            number += 1
            yield cells
    except csv.Error as error:
        raise _Unreadable(f"is not readable as CSV ({error})", row=number + 1) from None


def _is_zip_with(data: bytes, check: Callable[[zipfile.ZipFile], bool]) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return check(archive)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False


def _xlsx_rows(data: bytes, sheet: str | None) -> Iterator[list[str]]:
    if not _is_zip_with(data, lambda a: "xl/workbook.xml" in a.namelist()):
        raise _Unreadable("is not a real XLSX file: save it again as an XLSX, ODS or CSV file and try again")
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged workbook; all mean the same here
        raise _Unreadable("cannot be opened as a spreadsheet: it may be damaged; save it again and try again") from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise _Unreadable(f"has no sheet called {sheet!r}")
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        for cells in worksheet.iter_rows(values_only=True):
            yield _trimmed(cells)
    except _Unreadable:
        raise
    except Exception:
        raise _Unreadable("cannot be opened as a spreadsheet: it may be damaged; save it again and try again") from None
    finally:
        workbook.close()


def _ods_mimetype(archive: zipfile.ZipFile) -> bool:
    return archive.read("mimetype").decode("ascii", "replace").strip() == ODS_MIMETYPE


def _ods_rows(data: bytes, sheet: str | None) -> Iterator[list[str]]:
    if not _is_zip_with(data, _ods_mimetype):
        raise _Unreadable("is not a real ODS file: save it again as an ODS, XLSX or CSV file and try again")
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if sheet is not None and sheet not in workbook.sheet_names:
            raise _Unreadable(f"has no sheet called {sheet!r}")
        worksheet = workbook.get_sheet_by_name(sheet) if sheet is not None else workbook.get_sheet_by_index(0)
        rows = worksheet.to_python(skip_empty_area=False)
    except _Unreadable:
        raise
    except (CalamineError, ValueError, IndexError):
        raise _Unreadable("cannot be opened as a spreadsheet: it may be damaged; save it again and try again") from None
    for cells in rows:
        yield _trimmed(cells)


def _read_bytes(source: str | Path | IO[bytes]) -> bytes:
    if isinstance(source, (str, Path)):
        try:
            return Path(source).read_bytes()
        except OSError as error:
            raise _Unreadable(f"cannot be read ({error.strerror or error})") from None
    try:
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read()
    except OSError as error:
        raise _Unreadable(f"cannot be read ({error.strerror or error})") from None
    return data if isinstance(data, bytes) else str(data).encode("utf-8")


def _format_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


# --- the reader ---------------------------------------------------------------------------------


def read_table(
    source: str | Path | IO[bytes],
    columns: Iterable[Column],
    *,
    name: str | None = None,
    sheet: str | None = None,
) -> TableResult:
    """Read ``source`` (a path or a binary file) against ``columns``; never raises for bad input.

    ``name`` is the file's name as its sender knows it: problems are reported under it and its
    ending (.csv, .xlsx, .ods) says which format the content must be. It defaults to the path's
    name. ``sheet`` picks a sheet of a spreadsheet by name; the first sheet otherwise.
    """
    columns = tuple(columns)
    if name is None:
        name = Path(source).name if isinstance(source, (str, Path)) else Path(getattr(source, "name", "") or "").name
    file = name or "the file"
    result = TableResult()
    problems = result.problems
    kind = _format_of(name)
    if kind not in FORMATS:
        problems.append(Problem(file, None, None, "must be a CSV, XLSX or ODS file"))
        return result
    try:
        data = _read_bytes(source)
        if kind == "csv":
            lines = _csv_rows(data)
        elif kind == "xlsx":
            lines = _xlsx_rows(data, sheet)
        else:
            lines = _ods_rows(data, sheet)
        _check_rows(file, lines, columns, result)
    except _Unreadable as error:
        problems.append(Problem(file, error.row, None, error.reason))
    return result


def _check_rows(file: str, lines: Iterator[list[str]], columns: tuple[Column, ...], result: TableResult) -> None:
    problems = result.problems
    header = next(lines, None)
    if header is None:
        problems.append(Problem(file, 1, None, "the file is empty: it needs a header row"))
        return
    header = [h.strip() for h in header]
    missing = [c.name for c in columns if c.required and c.name not in header]
    duplicated = sorted({h for h in header if h and header.count(h) > 1})
    for column_name in missing:
        problems.append(Problem(file, 1, column_name, "this column is missing from the header row"))
    for column_name in duplicated:
        problems.append(Problem(file, 1, column_name, "this column appears more than once in the header row"))
    if missing or duplicated:
        return

    index = {heading: header.index(heading) for heading in header if heading}
    number = 1
    for cells in lines:
        number += 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(Problem(file, number, None, f"has {len(cells)} cells but the header has {len(header)} columns"))
            continue
        values: dict[str, Any] = {}
        for column in columns:
            if column.name not in index:
                values[column.name] = column.parse("")
                continue
            position = index[column.name]
            raw = cells[position] if position < len(cells) else ""
            if column.needs_value and not raw.strip():
                problems.append(Problem(file, number, column.name, "a value is needed here"))
                continue
            control = CONTROL_CHARACTERS.search(raw)
            if control:
                problems.append(Problem(file, number, column.name,
                                        f"holds a control character (code {ord(control.group())}) that cannot be kept: "
                                        "delete it and save the file again"))
                continue
            try:
                values[column.name] = column.parse(raw)
            except CellError as error:
                problems.append(Problem(file, number, column.name, str(error)))
        if len(values) == len(columns):
            result.rows.append(Row(file, number, values))
