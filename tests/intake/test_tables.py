"""The shared reader of table files: CSV, XLSX and ODS read alike, every problem named by row and column."""

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

import openpyxl
import pytest

from areasend.intake import tables
from areasend.intake.tables import Column, read_table

COLUMNS = (
    Column("name", tables.text, needs_value=True),
    Column("born", tables.full_date),
    Column("pupils", tables.whole_number),
    Column("plan", tables.yes_no),
    Column("notes", tables.text, required=False),
)
HEADER = ["name", "born", "pupils", "plan"]


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _ods_cell(value) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>")
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'


def _ods(rows, sheet="Sheet1") -> bytes:
    """A minimal OpenDocument spreadsheet, written by hand: the parts a reader needs and no more."""
    body = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{tables.ODS_MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", tables.ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


def _csv(rows) -> bytes:
    return "\n".join(",".join("" if v is None else str(v) for v in row) for row in rows).encode("utf-8")


MAKERS = {"csv": _csv, "xlsx": _xlsx, "ods": _ods}
GOOD = [HEADER, ["Ann", dt.date(2015, 3, 4), 7, "Yes"], [None, None, None, None], ["Ben", None, 12, "no"]]
GOOD_CSV = [HEADER, ["Ann", "2015-03-04", "7", "Yes"], [], ["Ben", "", "12", "no"]]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "ods"])
def test_each_format_reads_to_the_same_rows(kind):
    data = MAKERS[kind](GOOD_CSV if kind == "csv" else GOOD)
    result = read_table(io.BytesIO(data), COLUMNS, name=f"people.{kind}")
    assert result.problems == []
    assert [(r.number, r.values) for r in result.rows] == [
        (2, {"name": "Ann", "born": dt.date(2015, 3, 4), "pupils": 7, "plan": True, "notes": ""}),
        (4, {"name": "Ben", "born": None, "pupils": 12, "plan": False, "notes": ""}),
    ]
    assert result.rows[1].source == f"people.{kind} row 4"


@pytest.mark.parametrize("kind", ["csv", "xlsx", "ods"])
def test_a_bad_date_is_named_by_file_row_and_column(kind):
    rows = [HEADER, ["Ann", "2015-03-04", "7", "Yes"], ["Ben", "2015-02-30", "3", "No"], ["Cat", "4 March", "x", "Maybe"]]
    result = read_table(io.BytesIO(MAKERS[kind](rows)), COLUMNS, name=f"people.{kind}")
    assert [str(p) for p in result.problems] == [
        f"people.{kind} row 3, column born: '2015-02-30' is not a real date",
        f"people.{kind} row 4, column born: '4 March' is not a date written like 2023-05-16",
        f"people.{kind} row 4, column pupils: 'x' is not a whole number of 0 or more",
        f"people.{kind} row 4, column plan: 'Maybe' must be Yes or No",
    ]
    assert [r.number for r in result.rows] == [2]


def test_a_csv_with_a_byte_order_mark_reads_its_first_heading(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"\xef\xbb\xbf" + _csv([HEADER, ["Ann", "", "", ""]]))
    result = read_table(path, COLUMNS)
    assert result.ok and result.rows[0]["name"] == "Ann"


@pytest.mark.parametrize("kind", ["csv", "xlsx", "ods"])
def test_an_empty_file_needs_a_header_row(kind):
    data = b"" if kind == "csv" else MAKERS[kind]([])
    result = read_table(io.BytesIO(data), COLUMNS, name=f"empty.{kind}")
    assert [str(p) for p in result.problems] == [f"empty.{kind} row 1: the file is empty: it needs a header row"]
    assert result.rows == []


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("people.xlsx", b"name,born\nAnn,2015-03-04\n", "is not a real XLSX file"),
        ("people.ods", _xlsx([HEADER]), "is not a real ODS file"),
        ("people.xlsx", _ods([HEADER]), "is not a real XLSX file"),
        ("people.csv", b"\x00\x01\x02\xff binary", "is not UTF-8 text"),
        ("people.csv", b"name\x00born\n", "is not a real CSV file"),
        ("people.pdf", b"%PDF-1.7", "must be a CSV, XLSX or ODS file"),
        ("people", b"name\n", "must be a CSV, XLSX or ODS file"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_gets_one_problem(name, data, reason):
    result = read_table(io.BytesIO(data), COLUMNS, name=name)
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert (problem.file, problem.row, problem.column) == (name, None, None)
    assert reason in problem.reason and "\n" not in str(problem)
    assert result.rows == []


def test_a_damaged_workbook_is_a_problem_not_an_exception():
    broken = _xlsx([HEADER])[:-200]  # cut off the end of the zip
    result = read_table(io.BytesIO(broken), COLUMNS, name="people.xlsx")
    assert len(result.problems) == 1 and result.problems[0].row is None


@pytest.mark.parametrize("kind", ["csv", "xlsx", "ods"])
def test_duplicate_and_missing_headings_stop_the_file(kind):
    rows = [["name", "born", "name", "plan"], ["Ann", "2015-03-04", "Ann", "Yes"]]
    result = read_table(io.BytesIO(MAKERS[kind](rows)), COLUMNS, name=f"people.{kind}")
    assert [str(p) for p in result.problems] == [
        f"people.{kind} row 1, column pupils: this column is missing from the header row",
        f"people.{kind} row 1, column name: this column appears more than once in the header row",
    ]
    assert result.rows == []


@pytest.mark.parametrize("kind", ["csv", "xlsx", "ods"])
def test_a_row_with_too_many_cells_is_refused_and_the_rest_read(kind):
    rows = [HEADER, ["Ann", "", "", "", "extra"], ["Ben", "", "", ""]]
    result = read_table(io.BytesIO(MAKERS[kind](rows)), COLUMNS, name=f"people.{kind}")
    assert [str(p) for p in result.problems] == [f"people.{kind} row 2: has 5 cells but the header has 4 columns"]
    assert [r["name"] for r in result.rows] == ["Ben"]


def test_a_value_is_needed_where_the_column_says_so():
    result = read_table(io.BytesIO(_csv([HEADER, ["", "2015-03-04", "", ""]])), COLUMNS, name="people.csv")
    assert [str(p) for p in result.problems] == ["people.csv row 2, column name: a value is needed here"]


def test_columns_are_matched_by_name_in_any_order_and_others_ignored():
    rows = [["plan", "extra", "name", "born", "pupils", "notes"], ["No", "ignored", "Ann", "2015-03-04", "1,204", "fine"]]
    result = read_table(io.BytesIO(_xlsx(rows)), COLUMNS, name="people.xlsx")
    assert result.ok
    assert result.rows[0].values == {"name": "Ann", "born": dt.date(2015, 3, 4), "pupils": 1204, "plan": False, "notes": "fine"}


def _two_sheets() -> bytes:
    """A workbook whose first sheet is notes and whose second, "Children", holds the table."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["nothing to read"])
    workbook.create_sheet("Children").append(HEADER)
    workbook["Children"].append(["Ann", None, 2, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_sheet_is_chosen_by_name():
    data = _two_sheets()
    result = read_table(io.BytesIO(data), COLUMNS, name="people.xlsx", sheet="Children")
    assert result.ok and result.rows[0]["pupils"] == 2
    missing = read_table(io.BytesIO(data), COLUMNS, name="people.xlsx", sheet="Young people")
    assert [str(p) for p in missing.problems] == ["people.xlsx: has no sheet called 'Young people'"]
    ods = read_table(io.BytesIO(_ods([HEADER, ["Ann", None, 3, None]], sheet="Children")), COLUMNS, name="people.ods", sheet="Children")
    assert ods.ok and ods.rows[0]["pupils"] == 3


def test_a_path_is_read_and_named_by_its_file_name(tmp_path):
    path = tmp_path / "people.ods"
    path.write_bytes(_ods([HEADER, ["Ann", dt.date(2016, 1, 2), 4, "Yes"]]))
    result = read_table(path, COLUMNS)
    assert result.ok and result.rows[0].file == "people.ods" and result.rows[0]["born"] == dt.date(2016, 1, 2)
    gone = read_table(tmp_path / "gone.csv", COLUMNS)
    assert len(gone.problems) == 1 and gone.problems[0].reason.startswith("cannot be read")


def test_spreadsheet_cells_arrive_as_the_text_a_column_parses():
    assert tables._cell_text(7.0) == "7"
    assert tables._cell_text(7.5) == "7.5"
    assert tables._cell_text(True) == "Yes"
    assert tables._cell_text(dt.datetime(2020, 1, 2)) == "2020-01-02"
    assert tables._cell_text(dt.datetime(2020, 1, 2, 9, 30)) == "2020-01-02 09:30:00"
    assert tables._cell_text(None) == ""


def _both_paths(monkeypatch, data, **options):
    """The rows of an XLSX file read by calamine (openpyxl made to fail, so it cannot stand in) and by openpyxl
    (the size bound lowered below every sheet)."""
    def no_openpyxl(*args):
        raise AssertionError("openpyxl read a workbook calamine should have read")

    with monkeypatch.context() as patch:
        patch.setattr(tables, "_xlsx_lines_openpyxl", no_openpyxl)
        quick = list(tables.open_lines(io.BytesIO(data), name="people.xlsx", **options))
    with monkeypatch.context() as patch:
        patch.setattr(tables, "QUICK_XLSX_SHEET_BYTES", -1)
        slow = list(tables.open_lines(io.BytesIO(data), name="people.xlsx", **options))
    return quick, slow


def test_an_xlsx_file_reads_the_same_by_calamine_as_by_openpyxl(monkeypatch):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["C3"], sheet["D3"], sheet["E3"], sheet["F3"], sheet["G3"] = "name", 3, 3.0, True, False
    cells = {"C5": dt.datetime(2020, 1, 2), "D5": dt.datetime(2020, 1, 2, 9, 30), "E5": dt.date(2015, 3, 4),
             "F5": dt.time(9, 30), "C6": "  spaced  ", "D6": "two\nlines", "E6": "", "G6": "café £ ✓",
             "C7": 0.1, "D7": 1e20, "E7": -0.0, "F7": 7.5, "G7": 12345678901}
    for where, value in cells.items():
        sheet[where] = value
    for where, value, number_format in [("C8", 45000, "dd/mm/yyyy"), ("D8", 45000.5, "yyyy-mm-dd hh:mm"),
                                        ("E8", 0.3958333333, "hh:mm"), ("F8", 1.5, "[h]:mm:ss"),
                                        ("G8", 45000, "[$-809]dd mmmm yyyy;@"), ("H8", 0.95, "0%"),
                                        ("C9", 60, "yyyy-mm-dd"), ("D9", 61, "yyyy-mm-dd")]:
        sheet[where] = value
        sheet[where].number_format = number_format
    sheet["C11"] = "after a gap"
    sheet["D13"].number_format = "0.00"  # an empty cell with a format: a row openpyxl gives
    buffer = io.BytesIO()
    workbook.save(buffer)
    quick, slow = _both_paths(monkeypatch, buffer.getvalue(), formulas=True)
    assert quick == slow
    assert slow[2] == ["", "", "name", "3", "3", "Yes", "No"]
    assert slow[4][2:] == ["2020-01-02", "2020-01-02 09:30:00", "2015-03-04", "09:30:00"]
    assert slow[6][2:] == ["0.1", "100000000000000000000", "0", "7.5", "12345678901"]
    assert slow[7][2:5] == ["2023-03-15", "2023-03-15 12:00:00", "09:30:00"]
    assert len(slow) == 13 and slow[12] == []


@pytest.mark.parametrize("cell", [
    '<c r="A2" t="e"><v>#N/A</v></c>',  # an error pasted as a value
    '<c r="A2"><v>12345678901234567</v></c>',  # too many digits for calamine's float
    '<c r="A2" t="inlineStr"><is><t>a_x000D_b</t></is></c>',  # an escaped character
    '<c r="A2" t="inlineStr"><is><t>rich </t></is></c>',  # a space calamine would strip
])
def test_what_calamine_reads_otherwise_is_read_by_openpyxl(cell):
    data = _xlsx([["name"], ["x"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    start = sheet.index('<c r="A2"')
    parts["xl/worksheets/sheet1.xml"] = (sheet[:start] + cell + sheet[sheet.index("</c>", start) + 4:]).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        assert tables._quick_xlsx_plan(archive, None) is None
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert tables._quick_xlsx_plan(archive, None) == ("Sheet", 2, 1)


def test_a_sheet_is_chosen_by_name_by_calamine_too(monkeypatch):
    quick, slow = _both_paths(monkeypatch, _two_sheets(), sheet="Children")
    assert quick == slow == [HEADER, ["Ann", "", "2"]]
