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


class Unreadable(Exception):
    """The file as a whole cannot be read; the message is the problem's reason.

    ``row`` is set when the problem belongs to one row; ``line`` is where in the file a problem
    about the whole file was first seen (the line of a CSV file that is not UTF-8, say).
    """

    def __init__(self, reason: str, row: int | None = None, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.row = row
        self.line = line


_Unreadable = Unreadable


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
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


def _encoding_reason(raw: bytes, line: int) -> str:
    """Why a line is not UTF-8, naming the encoding it looks like."""
    try:
        raw.decode("cp1252")
        looks = "it looks like Windows-1252 (Western European), which Excel saves as plain \"CSV\""
    except UnicodeDecodeError:
        looks = "its encoding is not one this service reads"
    return (f"is not UTF-8 text (first seen on line {line}; {looks}): save it as \"CSV UTF-8\" and "
            "upload it again")


@dataclass
class Lines:
    """The rows of a table file as lists of text, read as they are needed, plus notes on the file."""

    rows: Iterator[list[str]]
    notes: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[list[str]]:
        return self.rows


def _first_bad_line(handle: IO[bytes]) -> tuple[int, bytes]:
    """The first line of a CSV file that is not UTF-8, and its bytes (read again, line by line)."""
    handle.seek(0)
    for number, raw in enumerate(iter(handle.readline, b""), start=1):
        try:
            raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            return number, raw
    return 0, b""


def _csv_lines(handle: IO[bytes], notes: list[str]) -> Iterator[list[str]]:
    start = handle.read(1 << 16)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("is saved as UTF-16 text (what Excel calls \"Unicode Text\"): save it as \"CSV UTF-8\" "
                         "and upload it again")
    if start.startswith(b"\xef\xbb\xbf"):
        notes.append("The file starts with a byte order mark, as Excel's \"CSV UTF-8\" saves it; it was read as "
                     "UTF-8.")
    try:
        start.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(start) - 4:  # not just a character cut in two at the end of the sample
            line, raw = _first_bad_line(handle)
            raise Unreadable(_encoding_reason(raw, line), line=line) from None
    if b"\x00" in start.split(b"\n", 1)[0] or start.count(b"\x00") > max(8, len(start) // 100):
        # A NUL in the header, or many: a binary file with a .csv name. A few in the rows are cells to point
        # out, one by one.
        raise Unreadable("is not a real CSV file: save it as CSV UTF-8 and try again", line=start[:start.index(b"\x00")].count(b"\n") + 1)
    handle.seek(0)
    # Decoded and split by the standard library's C code, a buffer at a time: memory stays flat.
    text_handle = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    reader = csv.reader(text_handle)
    try:
        yield from reader
    except UnicodeDecodeError:
        line, raw = _first_bad_line(handle)
        raise Unreadable(_encoding_reason(raw, line), line=line) from None
    except csv.Error as error:
        raise Unreadable(f"is not readable as CSV ({error})", row=reader.line_num + 1) from None
    finally:
        try:
            text_handle.detach()  # leave the caller's file open
        except ValueError:  # the file was closed already
            pass


def _is_zip_with(handle: IO[bytes], check: Callable[[zipfile.ZipFile], bool]) -> bool:
    try:
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            return check(archive)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    finally:
        handle.seek(0)


#: The largest sheet (its XML, uncompressed, as the zip lists it) read with calamine. Calamine reads the whole
#: sheet into native memory before the first row is checked, where openpyxl reads a row at a time; calamine is
#: about 4 to 5 times quicker for a whole check. Measured with bench/person_level.py's return (strings in the
#: cells): 20,000 rows are 17 MB of XML, checked in about 1.9 s and 86 MB of resident memory through calamine
#: against 5.4 s and 69 MB through openpyxl. A sheet of 100,000 rows is about 86 MB of XML: above the bound,
#: so read by openpyxl, slower but in flat memory.
QUICK_XLSX_SHEET_BYTES = 64 * 1024 * 1024

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# What makes calamine's values differ from openpyxl's, found without parsing the XML: a formula (openpyxl
# hands its text on, to be refused by row and column); an error cell such as #N/A (openpyxl gives its text,
# calamine an empty cell); a whole number of 16 digits or more (openpyxl keeps it exact, calamine rounds it
# to a float); an escaped character such as _x000D_ (openpyxl leaves it as written); and text beginning or
# ending with a space without xml:space="preserve" (calamine strips it). Rows are found too, to count them
# as openpyxl does, and the dimension that openpyxl trusts.
_XLSX_SCAN = re.compile(
    rb"<(?:\w+:)?(?:(?P<formula>f)[\s/>]|row(?P<row>(?:\s[^>]*)?)[/>]|dimension\s[^>]*\bref=[\"'](?P<dimension>[^\"']*)"
    rb"|v>\s*[-+]?(?P<big>\d{16})|(?P<edge>t)>(?:\s|[^<]*\s<))"
    rb"|\st=[\"'](?P<error>e)[\"']|(?P<escape>_x[0-9A-Fa-f]{4}_)"
)
_ROW_NUMBER = re.compile(rb"\br=[\"'](\d+)")


@dataclass
class _SheetScan:
    rows: int = 0  # how many rows openpyxl gives: the last row's number
    dimension: str | None = None
    plain: bool = True  # nothing that calamine reads otherwise than openpyxl


def _scan_xlsx_part(archive: zipfile.ZipFile, part: str) -> _SheetScan:
    """One pass over a part of the workbook, a megabyte at a time: memory stays flat."""
    scan = _SheetScan()
    with archive.open(part) as content:
        carry = b""
        while True:
            chunk = content.read(1 << 20)
            buffer = carry + chunk
            # Look only at what comes before the last "<": every tag and text there is whole.
            cut = buffer.rfind(b"<") if chunk else len(buffer)
            if cut < 0:
                cut = 0
            for match in _XLSX_SCAN.finditer(buffer):
                if match.start() >= cut:
                    break
                kind = match.lastgroup
                if kind == "row":
                    number = _ROW_NUMBER.search(match.group("row"))
                    scan.rows = int(number.group(1)) if number else scan.rows + 1
                elif kind == "dimension":
                    scan.dimension = match.group("dimension").decode("ascii", "replace")
                else:
                    scan.plain = False
                    return scan
            carry = buffer[cut:]
            if not chunk:
                return scan


def _quick_xlsx_plan(archive: zipfile.ZipFile, sheet: str | None) -> tuple[str, int, int | None] | None:
    """The sheet's name and how many rows openpyxl gives, when calamine reads the sheet exactly as openpyxl
    does and it is not too large to hold at once; None when openpyxl must read it (or say what is wrong)."""
    from xml.etree import ElementTree

    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relationships = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    shared = []
    for relationship in relationships.iter(_RELATIONSHIPS):
        target = relationship.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        kind = relationship.get("Type", "")
        if kind.endswith("/worksheet"):
            targets[relationship.get("Id")] = target
        elif kind.endswith("/sharedStrings"):
            shared.append(target)
    # openpyxl's first sheet is the first worksheet (a chart sheet is not one).
    sheets = [(element.get("name"), targets.get(element.get(_OFFICE_ID)))
              for element in workbook.iter() if element.tag.endswith("}sheet")]
    worksheets = [(name, part) for name, part in sheets if part is not None]
    chosen = next((entry for entry in worksheets if sheet is None or entry[0] == sheet), None)
    if chosen is None or chosen[0] is None or sum(1 for name, _ in sheets if name == chosen[0]) > 1:
        return None
    name, part = chosen
    if archive.getinfo(part).file_size > QUICK_XLSX_SHEET_BYTES:
        return None
    scan = _scan_xlsx_part(archive, part)
    if not scan.plain or not all(_scan_xlsx_part(archive, strings).plain for strings in shared if strings in archive.namelist()):
        return None
    if scan.dimension is not None:
        from openpyxl.utils.cell import range_boundaries

        try:
            _, _, last_column, last_row = range_boundaries(scan.dimension)
        except (ValueError, TypeError):
            return None
        if last_row is None or last_row < scan.rows:
            return None  # openpyxl stops at the dimension's last row; let it
        return name, scan.rows, last_column
    return name, scan.rows, None


def _xlsx_quick_rows(handle: IO[bytes], plan: tuple[str, int, int | None]) -> tuple[int, int, Iterator] | None:
    """The sheet read by calamine, laid out as openpyxl gives it (its rows, the first column used and the
    rows' cells); None when that cannot be so."""
    from python_calamine import CalamineError, CalamineWorkbook

    name, rows, last_column = plan
    try:
        handle.seek(0)
        worksheet = CalamineWorkbook.from_filelike(handle).get_sheet_by_name(name)
    except (CalamineError, ValueError, IndexError, OSError):
        return None
    finally:
        handle.seek(0)
    start, end = worksheet.start, worksheet.end
    if start is None:
        return rows, 0, iter(())
    if end[0] + 1 > rows or (last_column is not None and end[1] + 1 > last_column):
        return None  # rows or cells that openpyxl leaves out: let it
    return rows, start[1], worksheet.iter_rows()


def _xlsx_lines(handle: IO[bytes], sheet: str | None, formulas: bool) -> Iterator[list[str]]:
    if not _is_zip_with(handle, lambda a: "xl/workbook.xml" in a.namelist()):
        raise Unreadable("is not a real XLSX file: save it again as an XLSX, ODS or CSV file and try again")
    quick = None
    try:
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            plan = _quick_xlsx_plan(archive, sheet)
        quick = _xlsx_quick_rows(handle, plan) if plan is not None else None
    except Exception:  # anything odd about the workbook: openpyxl reads it, and names what is wrong
        quick = None
    finally:
        handle.seek(0)
    if quick is not None:
        yield from _laid_out(*quick)
        return
    yield from _xlsx_lines_openpyxl(handle, sheet, formulas)


def _laid_out(rows: int, left: int, cells: Iterator[list[Any]]) -> Iterator[list[str]]:
    """Calamine's rows as openpyxl gives them: from column A (calamine starts at the first column with a cell,
    though at row 1), to the last row in the sheet (empty ones included). The tests hold both to this."""
    given = 0
    padding = [None] * left
    for row in cells:
        given += 1
        yield _trimmed(padding + row if left else row)
    for _ in range(given, rows):
        yield []


def _xlsx_lines_openpyxl(handle: IO[bytes], sheet: str | None, formulas: bool) -> Iterator[list[str]]:
    import openpyxl

    try:
        # With ``formulas`` a formula arrives as its text ("=SUM(A1:A3)") so that a caller can refuse it.
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=not formulas)
    except Exception:  # openpyxl raises many kinds for a damaged workbook; all mean the same here
        raise Unreadable("cannot be opened as a spreadsheet: it may be damaged; save it again and try again") from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise Unreadable(f"has no sheet called {sheet!r}")
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        for cells in worksheet.iter_rows(values_only=True):
            yield _trimmed(cells)
    except Unreadable:
        raise
    except Exception:
        raise Unreadable("cannot be opened as a spreadsheet: it may be damaged; save it again and try again") from None
    finally:
        workbook.close()


def _ods_mimetype(archive: zipfile.ZipFile) -> bool:
    return archive.read("mimetype").decode("ascii", "replace").strip() == ODS_MIMETYPE


def _ods_has_formulas(archive: zipfile.ZipFile) -> bool:
    with archive.open("content.xml") as content:
        tail = b""
        for chunk in iter(lambda: content.read(1 << 16), b""):
            if b"table:formula=" in tail + chunk:
                return True
            tail = chunk[-20:]
    return False


def _ods_lines(handle: IO[bytes], sheet: str | None, formulas: bool) -> Iterator[list[str]]:
    if not _is_zip_with(handle, _ods_mimetype):
        raise Unreadable("is not a real ODS file: save it again as an ODS, XLSX or CSV file and try again")
    if formulas and _is_zip_with(handle, _ods_has_formulas):
        raise Unreadable("has formulas in it: replace each formula with its value (copy the cells, then paste "
                         "values only) and upload it again")
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(handle)
        if sheet is not None and sheet not in workbook.sheet_names:
            raise Unreadable(f"has no sheet called {sheet!r}")
        worksheet = workbook.get_sheet_by_name(sheet) if sheet is not None else workbook.get_sheet_by_index(0)
        rows = worksheet.iter_rows()
    except Unreadable:
        raise
    except (CalamineError, ValueError, IndexError):
        raise Unreadable("cannot be opened as a spreadsheet: it may be damaged; save it again and try again") from None
    for cells in rows:
        yield _trimmed(cells)


def _format_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _opened(source: str | Path | IO[bytes]) -> tuple[IO[bytes], bool]:
    """A binary handle on ``source`` and whether this module opened it (and so closes it)."""
    if isinstance(source, (str, Path)):
        try:
            return open(source, "rb"), True
        except OSError as error:
            raise Unreadable(f"cannot be read ({error.strerror or error})") from None
    if hasattr(source, "seek"):
        source.seek(0)
    return source, False


def open_lines(
    source: str | Path | IO[bytes],
    *,
    name: str,
    sheet: str | None = None,
    formulas: bool = False,
) -> Lines:
    """The rows of ``source`` as text, read as they are asked for (a CSV file line by line).

    ``name``'s ending says which format the content must be. Raises :class:`Unreadable` when the
    file cannot be read at all, now or while its rows are read. With ``formulas``, a spreadsheet's
    formulas arrive as their text (XLSX) or refuse the file (ODS), instead of as their last values.
    """
    kind = _format_of(name)
    if kind not in FORMATS:
        raise Unreadable("must be a CSV, XLSX or ODS file")
    handle, owned = _opened(source)
    notes: list[str] = []

    def rows() -> Iterator[list[str]]:
        try:
            if kind == "csv":
                yield from _csv_lines(handle, notes)
            elif kind == "xlsx":
                yield from _xlsx_lines(handle, sheet, formulas)
            else:
                yield from _ods_lines(handle, sheet, formulas)
        except OSError as error:
            raise Unreadable(f"cannot be read ({error.strerror or error})") from None
        finally:
            if owned:
                handle.close()

    return Lines(rows(), notes)


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
    try:
        _check_rows(file, iter(open_lines(source, name=name, sheet=sheet)), columns, result)
    except Unreadable as error:
        result.problems.append(Problem(file, error.row, None, error.reason))
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
