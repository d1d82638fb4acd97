"""Import the register of local areas and their inspection history from a directory of CSV files.

Recognised files (any subset, but at least one):

``local_areas.csv``
    One row per current local area: name, ONS code, region, kind and the register's figures.
``predecessors.csv``
    Reorganisations: an abolished body, the area that succeeds it and the date it does so.
``inspections_2016_framework.csv``
    One row per area inspected under the 2016 framework, with its revisit if there was one.
``inspections_2023_framework*.csv``
    Full inspections under the 2023 framework and its later updates (rows from June 2025 on
    are recorded under the updated framework).

Everything is checked before anything is written. A file with any problem is rejected with a
list naming file, row, column and reason, and nothing from the import is saved. Running the same
import twice changes nothing: areas are matched on ONS code, inspections on a natural key.
Row numbers count the header as row 1, as a spreadsheet shows them. The files are read by the
shared reader of table files, ``areasend.intake.tables``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from areasend.areas.models import (
    DatePrecision,
    Framework,
    InspectionKind,
    InspectionRecord,
    LocalAreaPartnership,
    Succession,
    SufficientProgress,
)
from areasend.intake.tables import FULL_DATE, Column, Problem, Row, read_table
from areasend.intake.tables import CellError as _CellError
from areasend.intake.tables import full_date as _full_date
from areasend.intake.tables import limited_text
from areasend.intake.tables import shown as _shown
from areasend.intake.tables import whole_number as _int
from areasend.intake.tables import whole_number_up_to
from areasend.intake.tables import yes_no as _yes_no

LOCAL_AREAS = "local_areas.csv"
PREDECESSORS = "predecessors.csv"
INSPECTIONS_2016 = "inspections_2016_framework.csv"
INSPECTIONS_2023_GLOB = "inspections_2023_framework*.csv"

ONS_CODE = re.compile(r"^E\d{8}$")
MONTH_DATE = re.compile(r"^\d{4}-\d{2}$")


class RegisterImportError(Exception):
    """The files were rejected; ``problems`` says why, one entry per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class RegisterNotFoundError(FileNotFoundError):
    """The directory is missing or holds none of the register's files."""


@dataclass
class Counts:
    file: str
    what: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "what": self.what,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass
class ImportReport:
    directory: str
    counts: list[Counts] = field(default_factory=list)

    def _sum(self, name: str) -> int:
        return sum(getattr(c, name) for c in self.counts)

    @property
    def created(self) -> int:
        return self._sum("created")

    @property
    def updated(self) -> int:
        return self._sum("updated")

    @property
    def unchanged(self) -> int:
        return self._sum("unchanged")

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated)

    def for_file(self, file: str, what: str | None = None) -> Counts:
        for c in self.counts:
            if c.file == file and (what is None or c.what == what):
                return c
        raise KeyError((file, what))

    def __str__(self) -> str:
        return self.summary()

    def summary(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"

    def lines(self) -> list[str]:
        out = [f"Imported the register from {self.directory}: {self.summary()}."]
        for c in self.counts:
            out.append(f"  {c.file}, {c.what}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "directory": self.directory,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "files": [c.to_dict() for c in self.counts],
        }


# --- reading and checking cells -------------------------------------------------------------


def _ons_code(value: str) -> str:
    value = value.strip()
    if not ONS_CODE.match(value):
        raise _CellError(f"{_shown(value)} is not an ONS code like E06000001")
    return value


def _start_date(value: str) -> tuple[dt.date | None, str]:
    """A start date with what is known of it: a day, only a month (YYYY-MM), or nothing."""
    value = value.strip()
    if not value:
        return None, DatePrecision.UNKNOWN
    if MONTH_DATE.match(value):
        year, month = (int(p) for p in value.split("-"))
        if not 1 <= month <= 12:
            raise _CellError(f"{_shown(value)} is not a real month")
        return dt.date(year, month, 1), DatePrecision.MONTH
    if not FULL_DATE.match(value):
        raise _CellError(f"{_shown(value)} is not a date written like 2023-05-16, or a month like 2017-05")
    try:
        return dt.date.fromisoformat(value), DatePrecision.DAY
    except ValueError:
        raise _CellError(f"{_shown(value)} is not a real date") from None


_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"), start=1)}
_MONTH_IN_NOTES = {
    "inspection": re.compile(r"\binspected (" + "|".join(_MONTHS) + r") (\d{4})\b", re.IGNORECASE),
    "revisit": re.compile(r"\brevisit (" + "|".join(_MONTHS) + r") (\d{4})\b", re.IGNORECASE),
}


def _known_start(cell: tuple[dt.date | None, str], notes: str, event: str) -> tuple[dt.date | None, str]:
    """The start date from its cell or, when the cell is empty, the month the notes give for it.

    The statistics sometimes know an event only by its month and say so in the notes
    ("inspected May 2017 (day not given)"): that month is stored with month precision, never a day.
    """
    start, precision = cell
    if start is not None:
        return start, precision
    match = _MONTH_IN_NOTES[event].search(notes or "")
    if match is None:
        return start, precision
    return dt.date(int(match.group(2)), _MONTHS[match.group(1).lower()], 1), DatePrecision.MONTH


def _progress(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    for choice in SufficientProgress:
        if value.lower() == choice.value.lower():
            return choice.value
    raise _CellError(f"{_shown(value)} must be Yes, Some or No")


def _outcome(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if value not in {"1", "2", "3"}:
        raise _CellError(f"{_shown(value)} is not an outcome: use 1 (positive), 2 (inconsistent) or 3 (systemic failings)")
    return int(value)


def _framework_cell(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    if value not in {Framework.F2023.value, Framework.F2025.value}:
        raise _CellError(f"{_shown(value)} is not a framework this file can hold: use 2023 or 2025")
    return value


# Text as long as the register's fields keep; names on one line and never beginning as a formula does.
_name = limited_text(200, name_like=True)
_short = limited_text(100, name_like=True)
_as_at = limited_text(200)
_stated = limited_text(300)
_notes = limited_text(5000)
_small = whole_number_up_to(32_767)


FILE_COLUMNS: dict[str, tuple[Column, ...]] = {
    LOCAL_AREAS: (
        Column("name", _name, needs_value=True),
        Column("code", _ons_code, needs_value=True),
        Column("region", _short, needs_value=True),
        Column("kind", _short, needs_value=True),
        Column("ehc_plans", _int),
        Column("ehc_plans_as_at", _as_at),
        Column("sen_support_pupils", _int),
        Column("sen_support_as_at", _as_at),
        Column("school_pupils_with_ehc_plan", _int),
        Column("school_pupils", _int),
    ),
    PREDECESSORS: (
        Column("predecessor_name", _name, needs_value=True),
        Column("predecessor_code", _ons_code, needs_value=True),
        Column("successor_name", _name),
        Column("successor_code", _ons_code, needs_value=True),
        Column("successor_from", _full_date, needs_value=True),
    ),
    INSPECTIONS_2016: (
        Column("local_area", _name),
        Column("la_code", _ons_code, needs_value=True),
        Column("inspection_start", _start_date),
        Column("inspection_published", _full_date),
        Column("wsoa_required", _yes_no),
        Column("significant_weaknesses", _small),
        Column("revisit_start", _start_date),
        Column("revisit_published", _full_date),
        Column("revisit_sufficient_progress_all", _progress),
        Column("sw_sufficient_progress", _small),
        Column("sw_insufficient_progress", _small),
        Column("notes", _notes, required=False),
    ),
    "2023": (
        Column("local_area", _name),
        Column("la_code", _ons_code, needs_value=True),
        Column("fieldwork_start", _full_date, needs_value=True),
        Column("fieldwork_end", _full_date),
        Column("published", _full_date),
        Column("outcome", _outcome, needs_value=True),
        Column("previous_inspection_as_stated", _stated, required=False),
        Column("framework", _framework_cell, required=False),
        Column("notes", _notes, required=False),
    ),
}

REVISIT_COLUMNS = (
    "revisit_start",
    "revisit_published",
    "revisit_sufficient_progress_all",
    "sw_sufficient_progress",
    "sw_insufficient_progress",
)


def _has_revisit(row: Row) -> bool:
    """Whether a 2016-framework row says anything about a revisit."""
    start, _ = row["revisit_start"]
    return start is not None or any(row[c] not in (None, "") for c in REVISIT_COLUMNS[1:])


def _read_file(path: Path, columns: tuple[Column, ...], problems: list[Problem]) -> list[Row]:
    """Parse one CSV file against its columns; add every problem found to ``problems``."""
    result = read_table(path, columns, name=path.name)
    problems.extend(result.problems)
    return result.rows


# --- the framework in force on a date ------------------------------------------------------


def _framework_on(day: dt.date) -> str:
    """Which version of the framework a 2023-framework file's row falls under, asked of the core."""
    try:
        from areasend.framework import version_on
    except ImportError:
        from areasend.framework.versions import version_on
    identifier = version_on(day).id
    return identifier if identifier in Framework.values else Framework.F2023.value


# --- the import -----------------------------------------------------------------------------


@dataclass
class _Parsed:
    local_areas: list[Row] = field(default_factory=list)
    predecessors: list[Row] = field(default_factory=list)
    inspections_2016: list[Row] = field(default_factory=list)
    inspections_2023: list[Row] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _find_files(directory: Path) -> dict[str, Path | list[Path]]:
    if not directory.exists():
        raise RegisterNotFoundError(f"{directory} does not exist")
    if not directory.is_dir():
        raise RegisterNotFoundError(f"{directory} is not a directory")
    found: dict[str, Any] = {}
    for name in (LOCAL_AREAS, PREDECESSORS, INSPECTIONS_2016):
        if (directory / name).is_file():
            found[name] = directory / name
    newer = sorted(p for p in directory.glob(INSPECTIONS_2023_GLOB) if p.is_file())
    if newer:
        found["2023"] = newer
    if not found:
        raise RegisterNotFoundError(
            f"{directory} holds none of {LOCAL_AREAS}, {PREDECESSORS}, {INSPECTIONS_2016} or {INSPECTIONS_2023_GLOB}"
        )
    return found


def _check(directory: Path) -> _Parsed:
    found = _find_files(directory)
    problems: list[Problem] = []
    parsed = _Parsed()
    if LOCAL_AREAS in found:
        parsed.local_areas = _read_file(found[LOCAL_AREAS], FILE_COLUMNS[LOCAL_AREAS], problems)
        parsed.files.append(LOCAL_AREAS)
    if PREDECESSORS in found:
        parsed.predecessors = _read_file(found[PREDECESSORS], FILE_COLUMNS[PREDECESSORS], problems)
        parsed.files.append(PREDECESSORS)
    if INSPECTIONS_2016 in found:
        parsed.inspections_2016 = _read_file(found[INSPECTIONS_2016], FILE_COLUMNS[INSPECTIONS_2016], problems)
        parsed.files.append(INSPECTIONS_2016)
    for path in found.get("2023", []):
        parsed.inspections_2023 += _read_file(path, FILE_COLUMNS["2023"], problems)
        parsed.files.append(path.name)

    # Codes: unique in the register, known wherever an inspection names them.
    current_codes: dict[str, Row] = {}
    for row in parsed.local_areas:
        code = row["code"]
        if code in current_codes:
            problems.append(
                Problem(row.file, row.number, "code", f"{code} is already used on row {current_codes[code].number}")
            )
        else:
            current_codes[code] = row

    existing = dict(LocalAreaPartnership.objects.values_list("ons_code", "abolished_on"))
    known_current = set(current_codes) | {c for c, abolished in existing.items() if abolished is None}

    predecessor_codes: set[str] = set()
    pairs: dict[tuple[str, str], int] = {}
    predecessor_names: dict[str, str] = {}
    for row in parsed.predecessors:
        pred, succ = row["predecessor_code"], row["successor_code"]
        if pred == succ:
            problems.append(Problem(row.file, row.number, "successor_code", f"{succ} cannot succeed itself"))
            continue
        if pred in current_codes:
            problems.append(
                Problem(
                    row.file,
                    row.number,
                    "predecessor_code",
                    f"{pred} is a current area in {LOCAL_AREAS} (row {current_codes[pred].number}), "
                    "so it cannot be an abolished predecessor",
                )
            )
        if succ not in known_current:
            problems.append(
                Problem(row.file, row.number, "successor_code", f"{succ} is not a current local area in the register")
            )
        if (pred, succ) in pairs:
            problems.append(
                Problem(row.file, row.number, "successor_code", f"{pred} to {succ} is already given on row {pairs[pred, succ]}")
            )
        pairs[(pred, succ)] = row.number
        name = predecessor_names.setdefault(pred, row["predecessor_name"])
        if name != row["predecessor_name"]:
            problems.append(
                Problem(
                    row.file,
                    row.number,
                    "predecessor_name",
                    f"{pred} is named {name!r} on an earlier row; one code needs one name",
                )
            )
        predecessor_codes.add(pred)

    known_codes = set(existing) | set(current_codes) | predecessor_codes

    seen_2016: dict[str, int] = {}
    for row in parsed.inspections_2016:
        code = row["la_code"]
        if code not in known_codes:
            problems.append(
                Problem(row.file, row.number, "la_code", f"{code} is not a local area or predecessor in the register")
            )
        if code in seen_2016:
            problems.append(
                Problem(row.file, row.number, "la_code", f"{code} already has a 2016-framework row (row {seen_2016[code]})")
            )
        seen_2016[code] = row.number
        start, _ = row["inspection_start"]
        published = row["inspection_published"]
        if start and published and published < start:
            problems.append(
                Problem(row.file, row.number, "inspection_published", "publication is before the inspection started")
            )
        if _has_revisit(row) and row["wsoa_required"] is False:
            problems.append(
                Problem(
                    row.file,
                    row.number,
                    "wsoa_required",
                    "is No, but the row gives a revisit: revisits followed a written statement of action",
                )
            )
        revisit_start, _ = row["revisit_start"]
        if revisit_start and start and revisit_start < start:
            problems.append(Problem(row.file, row.number, "revisit_start", "the revisit is before the inspection"))
        if revisit_start and row["revisit_published"] and row["revisit_published"] < revisit_start:
            problems.append(
                Problem(row.file, row.number, "revisit_published", "publication is before the revisit started")
            )

    seen_2023: dict[tuple[str, dt.date], str] = {}
    for row in parsed.inspections_2023:
        code, start = row["la_code"], row["fieldwork_start"]
        if code not in known_codes:
            problems.append(
                Problem(row.file, row.number, "la_code", f"{code} is not a local area or predecessor in the register")
            )
        if (code, start) in seen_2023:
            problems.append(
                Problem(row.file, row.number, "fieldwork_start", f"{code} already has an inspection starting {start} ({seen_2023[code, start]})")
            )
        seen_2023[(code, start)] = row.source
        if row["fieldwork_end"] and row["fieldwork_end"] < start:
            problems.append(Problem(row.file, row.number, "fieldwork_end", "the end is before the start"))
        if row["published"] and row["published"] < start:
            problems.append(Problem(row.file, row.number, "published", "publication is before fieldwork started"))
        if start < dt.date(2023, 1, 1):
            problems.append(
                Problem(row.file, row.number, "fieldwork_start", f"{start} is before the 2023 framework came into force")
            )

    if problems:
        raise RegisterImportError(problems)
    return parsed


class _Creates:
    """New rows waiting to be written together, in the order they were made (so ids follow the files)."""

    def __init__(self, model):
        self.model = model
        self.pending: list = []

    def add(self, obj) -> None:
        self.pending.append(obj)

    def flush(self) -> None:
        if self.pending:
            self.model.objects.bulk_create(self.pending)
            self.pending = []


def _upsert(obj_or_none, model, lookup: dict[str, Any], values: dict[str, Any], counts: Counts,
            creates: _Creates | None = None):
    """Create, update in place or leave alone; count which.

    With ``creates``, a new row is only made here and written when ``creates`` is flushed.
    """
    if obj_or_none is None:
        if creates is None:
            obj = model.objects.create(**lookup, **values)
        else:
            obj = model(**lookup, **values)
            creates.add(obj)
        counts.add("created")
        return obj
    changed = [name for name, value in values.items() if getattr(obj_or_none, name) != value]
    if changed:
        for name in changed:
            setattr(obj_or_none, name, values[name])
        obj_or_none.save(update_fields=changed)
        counts.add("updated")
    else:
        counts.add("unchanged")
    return obj_or_none


def import_register(directory: Path, *, actor=None) -> ImportReport:
    """Check every file in ``directory``, then write them all in one transaction.

    Raises ``RegisterNotFoundError`` when there is nothing to import and ``RegisterImportError``
    (with every problem found) when any file is malformed; in both cases nothing is saved.
    """
    directory = Path(directory)
    report = ImportReport(directory=directory.name or str(directory))
    with transaction.atomic():
        parsed = _check(directory)
        areas = {a.ons_code: a for a in LocalAreaPartnership.objects.all()}
        _write_local_areas(parsed, areas, report)
        _write_predecessors(parsed, areas, report)
        _write_2016(parsed, areas, report)
        _write_2023(parsed, areas, report)
        _audit(actor, report, parsed.files)
    return report


def _write_local_areas(parsed: _Parsed, areas: dict[str, LocalAreaPartnership], report: ImportReport) -> None:
    if not parsed.local_areas:
        return
    counts = Counts(LOCAL_AREAS, "local areas")
    report.counts.append(counts)
    creates = _Creates(LocalAreaPartnership)
    for row in parsed.local_areas:
        code = row["code"]
        values = {
            "name": row["name"],
            "region": row["region"],
            "kind": row["kind"],
            "ehc_plans": row["ehc_plans"],
            "ehc_plans_as_at": row["ehc_plans_as_at"],
            "sen_support_pupils": row["sen_support_pupils"],
            "sen_support_as_at": row["sen_support_as_at"],
            "school_pupils_with_ehc_plan": row["school_pupils_with_ehc_plan"],
            "school_pupils": row["school_pupils"],
            "abolished_on": None,
        }
        areas[code] = _upsert(areas.get(code), LocalAreaPartnership, {"ons_code": code}, values, counts, creates)
    creates.flush()


def _write_predecessors(parsed: _Parsed, areas: dict[str, LocalAreaPartnership], report: ImportReport) -> None:
    if not parsed.predecessors:
        return
    bodies = Counts(PREDECESSORS, "predecessor bodies")
    links = Counts(PREDECESSORS, "successions")
    report.counts += [bodies, links]
    # A predecessor is abolished when its first successor takes over; its region is its successors'.
    first_rows: dict[str, Row] = {}
    for row in sorted(parsed.predecessors, key=lambda r: (r["successor_from"], r.number)):
        first_rows.setdefault(row["predecessor_code"], row)
    body_creates = _Creates(LocalAreaPartnership)
    for code, row in first_rows.items():
        successor = areas[row["successor_code"]]
        existing = areas.get(code)
        values = {
            "name": row["predecessor_name"],
            "abolished_on": row["successor_from"],
            "region": existing.region if existing and existing.region else successor.region,
        }
        areas[code] = _upsert(existing, LocalAreaPartnership, {"ons_code": code}, values, bodies, body_creates)
    body_creates.flush()
    existing_links = {(s.predecessor_id, s.successor_id): s for s in Succession.objects.all()}
    link_creates = _Creates(Succession)
    for row in parsed.predecessors:
        pred, succ = areas[row["predecessor_code"]], areas[row["successor_code"]]
        _upsert(
            existing_links.get((pred.pk, succ.pk)),
            Succession,
            {"predecessor": pred, "successor": succ},
            {"successor_from": row["successor_from"]},
            links,
            link_creates,
        )
    link_creates.flush()


def _write_2016(parsed: _Parsed, areas: dict[str, LocalAreaPartnership], report: ImportReport) -> None:
    if not parsed.inspections_2016:
        return
    inspections = Counts(INSPECTIONS_2016, "2016-framework inspections")
    revisits = Counts(INSPECTIONS_2016, "2016-framework revisits")
    report.counts += [inspections, revisits]
    existing = {
        (r.area_id, r.kind): r
        for r in InspectionRecord.objects.filter(framework=Framework.F2016, recorded_inspection_id__isnull=True)
    }
    creates = _Creates(InspectionRecord)
    for row in parsed.inspections_2016:
        area = areas[row["la_code"]]
        start, precision = _known_start(row["inspection_start"], row["notes"], "inspection")
        values = {
            "start_date": start,
            "start_date_precision": precision,
            "published": row["inspection_published"],
            "wsoa_required": row["wsoa_required"],
            "significant_weaknesses": row["significant_weaknesses"],
            "notes": row["notes"],
            "source": row.source,
        }
        lookup = {"area": area, "framework": Framework.F2016, "kind": InspectionKind.FULL}
        full = _upsert(existing.get((area.pk, InspectionKind.FULL)), InspectionRecord, lookup, values, inspections,
                       creates)
        if not _has_revisit(row):
            continue
        if full.pk is None:
            creates.flush()  # the revisit points at the inspection it follows, so that is written first
        revisit_start, revisit_precision = _known_start(row["revisit_start"], row["notes"], "revisit")
        values = {
            "start_date": revisit_start,
            "start_date_precision": revisit_precision,
            "published": row["revisit_published"],
            "wsoa_required": row["wsoa_required"],
            "sufficient_progress": row["revisit_sufficient_progress_all"],
            "weaknesses_with_sufficient_progress": row["sw_sufficient_progress"],
            "weaknesses_with_insufficient_progress": row["sw_insufficient_progress"],
            "follows": full,
            "source": row.source,
        }
        lookup = {"area": area, "framework": Framework.F2016, "kind": InspectionKind.REVISIT}
        _upsert(existing.get((area.pk, InspectionKind.REVISIT)), InspectionRecord, lookup, values, revisits, creates)
    creates.flush()


def _write_2023(parsed: _Parsed, areas: dict[str, LocalAreaPartnership], report: ImportReport) -> None:
    if not parsed.inspections_2023:
        return
    by_file: dict[str, Counts] = {}
    existing = {
        (r.area_id, r.start_date): r
        for r in InspectionRecord.objects.filter(
            kind=InspectionKind.FULL, framework__in=[Framework.F2023, Framework.F2025], start_date__isnull=False
        )
    }
    creates = _Creates(InspectionRecord)
    for row in parsed.inspections_2023:
        if row.file not in by_file:
            by_file[row.file] = Counts(row.file, "full inspections under the 2023 framework and its updates")
            report.counts.append(by_file[row.file])
        area = areas[row["la_code"]]
        start = row["fieldwork_start"]
        record = existing.get((area.pk, start))
        values = {
            "framework": row["framework"] or _framework_on(start),
            "start_date_precision": DatePrecision.DAY,
            "end_date": row["fieldwork_end"],
            "published": row["published"],
            "outcome": row["outcome"],
            "previous_inspection_as_stated": row["previous_inspection_as_stated"],
        }
        if row["notes"]:
            values["notes"] = row["notes"]
        if record is None or record.recorded_inspection_id is None:
            # An inspection recorded in the service keeps saying so; the file only corrects its facts.
            values["source"] = row.source
        lookup = {"area": area, "kind": InspectionKind.FULL, "start_date": start}
        existing[(area.pk, start)] = _upsert(record, InspectionRecord, lookup, values, by_file[row.file], creates)
    creates.flush()


def _audit(actor, report: ImportReport, files: list[str]) -> None:
    from areasend.accounts.models import Verb
    from areasend.accounts.services import record

    record(
        actor, Verb.REGISTER_IMPORTED, summary=f"Imported {', '.join(files)}: {report.summary()}",
        files=files, directory=report.directory, report=report.summary(),
    )
