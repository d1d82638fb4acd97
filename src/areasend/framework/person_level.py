"""The person-level data return: its schema as versioned data, and the check of one row (spec 6).

The framework says what the return must let inspectors see (spec 6: residence and out-of-area
education, age, EHC plan or SEN support, need, setting, attendance and part-time timetables,
social care and youth justice involvement, residential special school placements, protected
characteristics) but publishes no column list: the columns below are this service's own template,
named for what they hold. They are not the inspectorates' column names. A new template is a new
:class:`PersonLevelSchema` with its own version and first day in use.

:class:`RowChecker` checks rows of text cells against a schema and returns, for each row, the
values or the problems, each by spreadsheet row (the header is row 1), column and a reason a data
officer can act on. It keeps no more than it must: parsed values of the small-valued columns are
remembered by their text, and the identifiers seen so far (to find duplicates). Pass ``today`` in:
the core reads no clock.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .rules import FrameworkError

__all__ = [
    "CURRENT_SCHEMA",
    "ColumnType",
    "PERSON_LEVEL_SCHEMAS",
    "PersonLevelSchema",
    "RowChecker",
    "RowProblem",
    "SchemaColumn",
    "age_on",
    "normalise_heading",
    "schema_for",
    "spreadsheet_serial_date",
]


class ColumnType(enum.Enum):
    DATE = "date"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    TEXT = "text"


@dataclass(frozen=True)
class SchemaColumn:
    name: str
    type: ColumnType
    required: bool
    description: str
    example: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    #: No two rows may give the same value (the child's identifier).
    unique: bool = False
    #: Longest text accepted.
    max_length: int = 100

    def to_dict(self) -> dict:
        data: dict = {"name": self.name, "type": self.type.value, "required": self.required}
        if self.type is ColumnType.CHOICE:
            data["choices"] = list(self.choices)
        return data


@dataclass(frozen=True)
class PersonLevelSchema:
    version: str
    in_use_from: dt.date
    columns: tuple[SchemaColumn, ...]
    #: The ages the return covers (spec 1.2: 0 to 25).
    youngest: int = 0
    oldest: int = 25
    identifier: str = "local_identifier"
    date_of_birth: str = "date_of_birth"

    def column(self, name: str) -> SchemaColumn:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def to_dict(self) -> dict:
        return {"version": self.version, "columns": [column.to_dict() for column in self.columns]}


#: The primary types of need as the Department for Education's SEN statistics name them.
NEEDS = (
    "specific learning difficulty",
    "moderate learning difficulty",
    "severe learning difficulty",
    "profound and multiple learning difficulty",
    "social, emotional and mental health",
    "speech, language and communication needs",
    "hearing impairment",
    "vision impairment",
    "multi-sensory impairment",
    "physical disability",
    "autism",
    "other difficulty or disability",
    "SEN support but no specialist assessment of type of need",
)
SUPPORT = ("EHC plan", "SEN support")
SETTINGS = (
    "early years setting",
    "mainstream school",
    "resourced provision or SEN unit",
    "special school",
    "alternative provision",
    "further education",
    "apprenticeship or training",
    "not on roll",
    "home education",
    "not in education, employment or training",
    "other",
)
#: Settings that are alternative provision, not on a roll, or education at home (spec 5.4).
ALTERNATIVE_PROVISION = "alternative provision"
NOT_IN_SCHOOL = ("not on roll", "home education", "not in education, employment or training")
SEX = ("female", "male", "not known")
ETHNIC_GROUPS = (
    "Asian or Asian British",
    "Black, Black British, Caribbean or African",
    "Mixed or multiple ethnic groups",
    "White",
    "Other ethnic group",
    "not known",
)
SOCIAL_CARE = ("none", "child in need", "child protection plan", "looked after", "care leaver")

_C = SchemaColumn
_T = ColumnType

SCHEMA_2025 = PersonLevelSchema(
    version="2025.1",
    in_use_from=dt.date(2025, 6, 6),
    columns=(
        _C("local_identifier", _T.TEXT, True,
           "The child or young person's identifier in the local area's own records. It is replaced by a code "
           "on loading; no names are needed.", "LA-000123", unique=True, max_length=50),
        _C("date_of_birth", _T.DATE, True, "Date of birth.", "2014-09-03"),
        _C("lives_in_area", _T.BOOLEAN, True, "Whether the child or young person lives in the local area.", "yes"),
        _C("educated_out_of_area", _T.BOOLEAN, True, "Whether their setting is outside the local area.", "no"),
        _C("support", _T.CHOICE, True, "EHC plan or SEN support.", "SEN support", choices=SUPPORT),
        _C("primary_need", _T.CHOICE, True, "The primary type of need.", "autism", choices=NEEDS),
        _C("setting_type", _T.CHOICE, True,
           "The kind of setting, including alternative provision, not on roll and home education.",
           "mainstream school", choices=SETTINGS),
        _C("setting_name", _T.TEXT, False, "The setting's name, if there is one.", "Riverside Primary School",
           max_length=200),
        _C("attendance_percent", _T.INTEGER, False,
           "Attendance this school year as a whole number percentage, if known.", "92", minimum=0, maximum=100),
        _C("part_time_timetable", _T.BOOLEAN, True, "Whether they are on a part-time timetable.", "no"),
        _C("childrens_social_care", _T.CHOICE, True, "Involvement with children's social care.", "none",
           choices=SOCIAL_CARE),
        _C("youth_justice", _T.BOOLEAN, True, "Whether they are open to the youth justice service.", "no"),
        _C("residential_special_school", _T.BOOLEAN, True,
           "Whether they are placed in a residential special school.", "no"),
        _C("sex", _T.CHOICE, True, "Sex, as recorded.", "female", choices=SEX),
        _C("ethnic_group", _T.CHOICE, False, "Ethnic group, as recorded.", "White", choices=ETHNIC_GROUPS),
    ),
)

#: Every version of the template, oldest first.
PERSON_LEVEL_SCHEMAS: tuple[PersonLevelSchema, ...] = (SCHEMA_2025,)
CURRENT_SCHEMA = PERSON_LEVEL_SCHEMAS[-1]


def schema_for(version: str | None = None) -> PersonLevelSchema:
    if version is None:
        return CURRENT_SCHEMA
    for schema in PERSON_LEVEL_SCHEMAS:
        if schema.version == version:
            return schema
    raise FrameworkError(f"There is no person-level template version {version}.")


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years from ``born`` to ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def normalise_heading(heading: str) -> str:
    """A heading as the schema names columns: trimmed, lower case, spaces as underscores."""
    return re.sub(r"[\s\-]+", "_", heading.strip().lower())


_SPREADSHEET_EPOCH = dt.date(1899, 12, 30)


def spreadsheet_serial_date(number: int) -> dt.date | None:
    """The date a spreadsheet's day number stands for (1900 date system), if it is a plausible one."""
    if 1 <= number <= 2958465:
        return _SPREADSHEET_EPOCH + dt.timedelta(days=number)
    return None


def _written(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(:00)?$")
_TYPED = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_DIGITS = re.compile(r"^\d+$")


class _Bad:
    """A cell that cannot be used; ``reason`` says why."""

    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason


def _formula(raw: str) -> _Bad:
    return _Bad(f"{raw[:30]!r} is a formula: type the value itself (copy the cells, then paste values only)")


def _date_parser(column: SchemaColumn):
    def parse(raw: str):
        value = raw.strip()
        if _ISO.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return _Bad(f"{value!r} is not a real date")
        match = _ISO_TIME.match(value)
        if match:
            return dt.date.fromisoformat(match.group(1))
        if value.startswith("="):
            return _formula(value)
        if _DIGITS.match(value):
            day = spreadsheet_serial_date(int(value))
            if day is not None:
                return _Bad(f"{value} is a spreadsheet's day number for {_written(day)}, not a date: format the "
                            f"column as dates, or write {day.isoformat()}")
        typed = _TYPED.match(value)
        if typed:
            day_, month, year = typed.groups()
            if len(year) == 4:
                try:
                    guess = dt.date(int(year), int(month), int(day_))
                    return _Bad(f"{value!r} is a date typed as text: write it as year-month-day, "
                                f"{guess.isoformat()}, or format the cell as a date")
                except ValueError:
                    pass
            return _Bad(f"{value!r} is a date typed as text: write it as year-month-day, for example "
                        f"{column.example}, or format the cell as a date")
        return _Bad(f"{value!r} is not a date: write it as year-month-day, for example {column.example}")

    return parse


def _integer_parser(column: SchemaColumn):
    low, high = column.minimum, column.maximum
    span = f" from {low} to {high}" if low is not None and high is not None else ""

    def parse(raw: str):
        value = raw.strip()
        if value.startswith("="):
            return _formula(value)
        if value.endswith("%"):
            value = value[:-1].strip()
        if not _DIGITS.match(value):
            return _Bad(f"{raw.strip()!r} is not a whole number{span}")
        number = int(value)
        if (low is not None and number < low) or (high is not None and number > high):
            return _Bad(f"{number} is not a whole number{span}")
        return number

    return parse


def _boolean_parser(column: SchemaColumn):
    def parse(raw: str):
        value = raw.strip()
        lowered = value.lower()
        if lowered == "yes":
            return True
        if lowered == "no":
            return False
        if value.startswith("="):
            return _formula(value)
        return _Bad(f"{value!r} must be yes or no")

    return parse


def _choice_parser(column: SchemaColumn):
    lookup = {choice.lower(): choice for choice in column.choices}
    listed = "; ".join(column.choices)

    def parse(raw: str):
        value = raw.strip()
        found = lookup.get(" ".join(value.lower().split()))
        if found is not None:
            return found
        if value.startswith("="):
            return _formula(value)
        return _Bad(f"{value!r} is not one of the choices: {listed}")

    return parse


_PARSERS = {
    ColumnType.DATE: _date_parser,
    ColumnType.INTEGER: _integer_parser,
    ColumnType.BOOLEAN: _boolean_parser,
    ColumnType.CHOICE: _choice_parser,
}

#: Parsed values remembered for each small-valued column, at most this many distinct texts.
_CACHE_LIMIT = 20_000


@dataclass(frozen=True)
class RowProblem:
    """One problem: spreadsheet row (header is row 1; 0 is the file as a whole), column, reason."""

    row: int
    column: str
    message: str

    def to_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class _ColumnCheck:
    """One column of the file being checked: where it is, and what each distinct text in it parses to."""

    __slots__ = ("column", "position", "parse", "cache", "bad", "dates")

    def __init__(self, column: SchemaColumn, position: int, parse, dates: tuple[dt.date, dt.date] | None = None):
        self.column, self.position, self.parse = column, position, parse
        #: For a date column, the first and last day a date written YYYY-MM-DD is accepted as.
        self.dates = dates
        # Remembered only for columns with few distinct values (not identifiers or names): each text's
        # value or _Bad, and the reasons of the bad ones on their own, so a block with none is quick.
        self.cache: dict | None = {} if column.type is not ColumnType.TEXT else None
        self.bad: dict[str, str] = {}

    def value(self, raw: str):
        cache = self.cache
        if cache is None:
            return self.parse(raw)
        value = cache.get(raw, _MISSING)
        if value is _MISSING:
            value = self._remember(raw)
        return value

    def _remember(self, raw: str):
        value = self.parse(raw)
        cache = self.cache
        if cache is not None and len(cache) < _CACHE_LIMIT:
            cache[raw] = value
            if value.__class__ is _Bad:
                self.bad[raw] = value.reason
        return value

    def bad_among(self, distinct: Iterable[str]) -> dict[str, str]:
        """Which of these distinct texts cannot be used, with the reason for each."""
        cache, parse = self.cache, self.parse
        found: dict[str, str] = {}
        if cache is None:
            for raw in distinct:
                value = parse(raw)
                if value.__class__ is _Bad:
                    found[raw] = value.reason
            return found
        bad = self.bad
        for raw in set(distinct).difference(cache):
            value = self._remember(raw)
            if value.__class__ is _Bad:
                found[raw] = value.reason
        if bad:
            for raw in distinct:
                reason = bad.get(raw)
                if reason is not None:
                    found[raw] = reason
        return found


_MISSING = object()


def _lower_first(text: str) -> str:
    """``text`` to follow other words: its first letter small, unless it starts an abbreviation (EHC)."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


@dataclass
class RowChecker:
    """Checks a return's rows against ``schema``. Give it the header, then each row in turn."""

    schema: PersonLevelSchema
    header: Sequence[str]
    today: dt.date
    header_problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty_rows: int = 0
    rows: int = 0

    def __post_init__(self) -> None:
        headings = [normalise_heading(h) for h in self.header]
        if not any(headings):
            self.header_problems.append(RowProblem(
                1, "", "row 1 is blank: it must hold the column names from the template, with a row for each "
                "child or young person below it"))
        wanted = set(self.schema.names)
        positions: dict[str, int] = {}
        for index, heading in enumerate(headings):
            if not heading:
                continue
            if heading in positions:
                if heading in wanted:
                    self.header_problems.append(RowProblem(
                        1, heading, "this column appears more than once in the header row: keep one"))
                continue
            positions[heading] = index
        for column in self.schema.columns if any(headings) else ():
            if column.required and column.name not in positions:
                self.header_problems.append(RowProblem(
                    1, column.name, f"the column {column.name} is missing from the header row: add it "
                    f"({_lower_first(column.description)})"))
        extra = [self.header[i].strip() for h, i in positions.items() if h not in wanted]
        if extra:
            self.notes.append(f"{'These columns are' if len(extra) > 1 else 'This column is'} not in the template "
                              f"and {'were' if len(extra) > 1 else 'was'} ignored: {', '.join(extra)}.")
        self._plan = []
        for column in self.schema.columns:
            position = positions.get(column.name)
            if position is None:
                continue
            dates = self.accepted_dates(column) if column.type is ColumnType.DATE else None
            self._plan.append(_ColumnCheck(column, position, self._cell_parser(column), dates))
        self._identifier = self.schema.identifier
        # Identifiers are kept as 64-bit hashes beside their row numbers (16 bytes a row), and
        # duplicates found once the last row is read: far less than the text of the file.
        self._hashes = array("q")
        self._numbers = array("q")
        self._width = max(positions.values(), default=-1) + 1
        self._identifier_position = positions.get(self._identifier)

    def accepted_dates(self, column: SchemaColumn) -> tuple[dt.date, dt.date]:
        """The first and last day that a real date in this column, written YYYY-MM-DD, is accepted as.

        Any day outside is refused, and so is any text that is not a real date: a quicker check of
        the common case can pass exactly these and leave every other text to the cell check.
        """
        if column.name != self.schema.date_of_birth:
            return dt.date.min, dt.date.max
        today, oldest = self.today, self.schema.oldest
        # The earliest birthday on which a child is still no older than the oldest age covered.
        first = dt.date(max(today.year - oldest - 2, 1), 1, 1)
        while age_on(first, today) > oldest:
            first += dt.timedelta(days=1)
        return first, today

    def _cell_parser(self, column: SchemaColumn):
        """raw text -> value, None (empty, allowed) or _Bad: every check of one cell, in one place."""
        typed = _PARSERS.get(column.type)
        parse = typed(column) if typed else None
        needed = _Bad(f"a value is needed here, for example {column.example}") if column.required else None
        born = column.name == self.schema.date_of_birth
        today, oldest, youngest = self.today, self.schema.oldest, self.schema.youngest
        longest = column.max_length

        def cell(raw: str):
            if not raw or raw.isspace():
                return needed
            if parse is None:
                value = raw.strip()
                if value[:1] == "=":
                    return _formula(value)
                if len(value) > longest:
                    return _Bad(f"is longer than {longest} characters")
                return value
            value = parse(raw)
            if born and value.__class__ is dt.date:
                if value > today:
                    return _Bad(f"{_written(value)} is in the future")
                age = age_on(value, today)
                if age > oldest:
                    return _Bad(f"born {_written(value)}, so aged {age}: the return covers ages {youngest} to {oldest}")
            return value

        return cell

    @property
    def ok(self) -> bool:
        return not self.header_problems

    def check(self, number: int, cells: Sequence[str]) -> tuple[dict | None, list[RowProblem]]:
        """The row's values (None when it has problems) and its problems. Empty rows are skipped."""
        if not any(cells) or not "".join(cells).strip():
            self.empty_rows += 1
            return None, []
        self.rows += 1
        problems: list[RowProblem] = []
        values: dict = {}
        count = len(cells)
        for plan in self._plan:
            raw = cells[plan.position] if plan.position < count else ""
            value = plan.value(raw)
            if value.__class__ is _Bad:
                problems.append(RowProblem(number, plan.column.name, value.reason))
                continue
            values[plan.column.name] = value
        identifier = values.get(self._identifier)
        if identifier is not None:
            self._hashes.append(hash(identifier))
            self._numbers.append(number)
        if problems:
            return None, problems
        return values, problems

    def check_block(self, first: int, block: list[list[str]]) -> list[RowProblem]:
        """Check rows ``first``, ``first + 1``, ... a column at a time; the problems only, no values.

        The same checks as :meth:`check`, but each distinct text of a column is looked at once and
        the rows only walked again for a column that has a problem: this is what keeps a large file
        quick to check.
        """
        rows: list[list[str]] = []
        numbers: list[int] = []
        number = first
        for cells in block:
            if cells and (cells[0].strip() or (any(cells) and "".join(cells).strip())):
                rows.append(cells)
                numbers.append(number)
            else:
                self.empty_rows += 1
            number += 1
        if not rows:
            return []
        self.rows += len(rows)
        width = self._width
        if min(map(len, rows)) < width:
            rows = [cells if len(cells) >= width else cells + [""] * (width - len(cells)) for cells in rows]
        problems: list[tuple[int, int, RowProblem]] = []
        for order, plan in enumerate(self._plan):
            position = plan.position
            column = [cells[position] for cells in rows]
            bad = plan.bad_among(set(column))
            if bad:
                name = plan.column.name
                for row_number, raw in zip(numbers, column):
                    if raw in bad:
                        problems.append((row_number, order, RowProblem(row_number, name, bad[raw])))
        position = self._identifier_position
        if position is not None:
            identifiers = [cells[position].strip() for cells in rows]
            self._hashes.extend(map(hash, identifiers))
            self._numbers.extend(numbers)
            if "" in identifiers:  # an empty identifier is a problem already, not a duplicate
                keep = [i for i, value in enumerate(identifiers) if value]
                del self._hashes[len(self._hashes) - len(identifiers):]
                del self._numbers[len(self._numbers) - len(identifiers):]
                self._hashes.extend(hash(identifiers[i]) for i in keep)
                self._numbers.extend(numbers[i] for i in keep)
        problems.sort(key=lambda item: (item[0], item[1]))
        return [problem for _, _, problem in problems]

    def duplicates(self) -> list[RowProblem]:
        """A problem for each row whose identifier an earlier row already gave."""
        import numpy

        hashes = numpy.frombuffer(self._hashes, dtype=numpy.int64) if self._hashes else numpy.zeros(0, numpy.int64)
        numbers = numpy.frombuffer(self._numbers, dtype=numpy.int64) if self._numbers else numpy.zeros(0, numpy.int64)
        order = numpy.lexsort((numbers, hashes))
        ordered = hashes[order]
        repeats = numpy.flatnonzero(ordered[1:] == ordered[:-1]) + 1
        problems = []
        for index in repeats.tolist():
            start = index
            while start > 0 and ordered[start - 1] == ordered[index]:
                start -= 1
            problems.append(RowProblem(
                int(numbers[order[index]]), self._identifier,
                f"this identifier is also on row {int(numbers[order[start]])}: list each child or young person once"))
        problems.sort(key=lambda p: p.row)
        return problems

    def finish(self) -> list[RowProblem]:
        """Problems found only once every row is read (duplicates), and the closing notes."""
        found = self.duplicates()
        if self.empty_rows:
            self.notes.append(f"{self.empty_rows} empty {'row was' if self.empty_rows == 1 else 'rows were'} skipped.")
        if self.ok and self.rows == 0:
            found.append(RowProblem(2, "", "the file has a header row but no rows below it: add a row for each "
                                    "child or young person"))
        return found


def check_rows(schema: PersonLevelSchema, lines: Iterable[Sequence[str]], today: dt.date):
    """Check a whole return given as rows of text (header first): (checker, problems, valid rows)."""
    iterator = iter(lines)
    header = next(iterator, None)
    if header is None:
        return None, [RowProblem(1, "", "the file is empty: it needs a header row and a row for each child or "
                                 "young person")], []
    checker = RowChecker(schema, list(header), today)
    if not checker.ok:
        return checker, list(checker.header_problems), []
    problems: list[RowProblem] = []
    rows: list[tuple[int, dict]] = []
    for number, cells in enumerate(iterator, start=2):
        values, found = checker.check(number, cells)
        if found:
            problems.extend(found)
        elif values is not None:
            rows.append((number, values))
    problems.extend(checker.finish())
    return checker, problems, rows


def tracking_candidate(row: int, values: dict, today: dt.date):
    """A checked row of the return as a candidate for case tracking, with the child's age on ``today``."""
    from .tracking import Candidate, SupportLevel, TrackingCase

    support = {"EHC plan": SupportLevel.EHC_PLAN, "SEN support": SupportLevel.SEN_SUPPORT}.get(
        values.get("support"), SupportLevel.NONE)
    return Candidate(
        row=row,
        case=TrackingCase(
            reference=f"row {row}",
            age=age_on(values["date_of_birth"], today),
            needs=frozenset({values["primary_need"]}) if values.get("primary_need") else frozenset(),
            support=support,
            in_alternative_provision=values.get("setting_type") == ALTERNATIVE_PROVISION,
            open_to_social_care=values.get("childrens_social_care") not in (None, "none"),
            open_to_youth_justice=bool(values.get("youth_justice")),
            lives_in_area=values.get("lives_in_area") is not False,
        ),
        sex=values.get("sex") or "",
        ethnic_group=values.get("ethnic_group") or "",
        setting=values.get("setting_type") or "",
    )
