"""Every table the dashboard shows, as plain rows, and the same rows as CSV, ODS and JSON.

The page and the downloads are made from the same ``Table``, so what a person reads and what
they download cannot drift apart.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from areasend.national import queries
from areasend.national.queries import DUE_WORDS, Picture
from areasend.ui.spreadsheets import safe_cell

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "json": "application/json",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False
    grouped: bool = True  # thousands separated by commas (not for years)


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    note: str = ""


def day(value: dt.date | None) -> str:
    return "" if value is None else f"{value.day} {value:%B %Y}"


def _percent(share: float | None) -> str:
    return "" if share is None else f"{100 * share:.0f}%"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def cell_text(value, column: Column | None = None) -> str:
    """A cell as the page shows it."""
    if column is not None and not column.grouped and isinstance(value, int):
        return str(value)
    return _cell_text(value)


def _outcome_columns() -> tuple[Column, ...]:
    return tuple(Column(str(o), queries.outcome_short(o), numeric=True) for o in queries.OUTCOMES)


def latest_outcomes(p: Picture) -> Table:
    rows = tuple(
        (pos.code, pos.area.name, pos.area.region, queries.outcome_name(pos.latest_outcome),
         pos.latest_start, pos.latest_published)
        for pos in sorted(p.shown, key=lambda pos: pos.area.name)
    )
    return Table(
        "latest-outcomes", "Latest outcome of each local area",
        (Column("area_code", "ONS code"), Column("area", "Local area"), Column("region", "Region"),
         Column("outcome", "Latest outcome"), Column("onsite_start", "On-site week started"),
         Column("published", "Report published")),
        rows,
    )


def outcomes_by_year(p: Picture) -> Table:
    rows = tuple((year, *counts.values(), sum(counts.values())) for year, counts in p.outcomes_by_year.items())
    return Table(
        "outcomes-by-year", "Full inspections by outcome and year the on-site week started",
        (Column("year", "Year", grouped=False), *_outcome_columns(), Column("total", "Total", numeric=True)),
        rows,
    )


def by_region(p: Picture) -> Table:
    rows = tuple((r["region"], *(r[str(o)] for o in queries.OUTCOMES), r["none"], r["areas"]) for r in p.by_region)
    return Table(
        "by-region", "Latest outcome by region",
        (Column("region", "Region"), *_outcome_columns(), Column("none", "Not yet inspected", numeric=True),
         Column("areas", "Local areas", numeric=True)),
        rows,
    )


def since_last(p: Picture) -> Table:
    return Table(
        "time-since-last-inspection", "Time since the last inspection of any kind",
        (Column("band", "Time since last inspection"), Column("areas", "Local areas", numeric=True)),
        tuple((b["label"], b["areas"]) for b in p.since_last),
    )


def not_yet_inspected(p: Picture) -> Table:
    return Table(
        "not-yet-inspected", "Local areas not yet inspected under the 2023 framework",
        (Column("area_code", "ONS code"), Column("area", "Local area"), Column("region", "Region"),
         Column("last_inspection", "Last inspection started")),
        tuple((pos.code, pos.area.name, pos.area.region, pos.last_inspection) for pos in p.not_yet_inspected),
    )


def due(p: Picture) -> Table:
    return Table(
        "due-next-12-months", "Due in the next 12 months, by the framework's rules",
        (Column("area_code", "ONS code"), Column("area", "Local area"), Column("what", "What is due"),
         Column("date", "Due by"), Column("approximate", "How firm")),
        tuple((d.area.code, d.area.name, DUE_WORDS[d.what], d.date, "Approximate" if d.approximate else "Deadline")
              for d in p.due),
    )


def overdue(p: Picture) -> Table:
    return Table(
        "overdue", "Past the date the framework gives",
        (Column("area_code", "ONS code"), Column("area", "Local area"), Column("what", "What was due"),
         Column("date", "Due by")),
        tuple((d.area.code, d.area.name, DUE_WORDS[d.what], d.date) for d in p.overdue),
    )


def ehc_by_outcome(p: Picture) -> Table:
    return Table(
        "ehc-plans-by-outcome", "EHC plans and SEN support by latest outcome",
        (Column("outcome", "Latest outcome"), Column("areas", "Local areas", numeric=True),
         Column("ehc_plans", "EHC plans", numeric=True), Column("sen_support", "Pupils on SEN support", numeric=True),
         Column("school_pupils", "All school pupils", numeric=True),
         Column("ehc_share", "School pupils with an EHC plan"), Column("support_share", "School pupils on SEN support")),
        tuple((r["label"], r["areas"], r["ehc_plans"], r["sen_support"], r["school_pupils"],
               _percent(r["ehc_share"]), _percent(r["support_share"])) for r in p.ehc_by_outcome),
    )


def reports(p: Picture) -> Table:
    return Table(
        "timeliness", "Working days from the end of on-site to publication, for each report",
        (Column("area_code", "ONS code"), Column("area", "Local area"), Column("onsite_end", "On-site ended"),
         Column("published", "Published"), Column("working_days", "Working days", numeric=True),
         Column("due", "Due by"), Column("on_time", "On time")),
        tuple((i["record"].area_code, i["record"].area_name, i["record"].end_date, i["record"].published,
               i["time"].working_days, i["time"].due, "Yes" if i["time"].on_time else "No") for i in p.reports),
    )


def timeliness_by_year(p: Picture) -> Table:
    return Table(
        "timeliness-by-year", "Reports published on time, by year the on-site week started",
        (Column("year", "Year", grouped=False), Column("reports", "Reports", numeric=True), Column("on_time", "On time", numeric=True),
         Column("share", "Share on time"), Column("median", "Median working days", numeric=True)),
        tuple((y["year"], y["reports"], y["on_time"], _percent(y["share"]), y["median"]) for y in p.timeliness_by_year),
    )


def distribution(p: Picture) -> Table:
    return Table(
        "timeliness-distribution", "Reports by working days from the end of on-site to publication",
        (Column("working_days", "Working days"), Column("reports", "Reports", numeric=True)),
        tuple((b["label"], b["reports"]) for b in p.distribution),
    )


ALL = (latest_outcomes, outcomes_by_year, by_region, since_last, not_yet_inspected, due, overdue, ehc_by_outcome,
       reports, timeliness_by_year, distribution)


def all_tables(p: Picture) -> dict[str, Table]:
    tables = [build(p) for build in ALL]
    return {t.key: t for t in tables}


#: The download name of each table, in the order the page shows them.
TABLE_KEYS = ("latest-outcomes", "outcomes-by-year", "by-region", "time-since-last-inspection", "not-yet-inspected",
              "due-next-12-months", "overdue", "ehc-plans-by-outcome", "timeliness", "timeliness-by-year",
              "timeliness-distribution")


# --- files ------------------------------------------------------------------------------------


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def as_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.label for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if v is None else safe_cell(_plain(v)) for v in row])
    return out.getvalue()


def as_json(table: Table, *, updated: str, as_of: str) -> str:
    return json.dumps(
        {
            "table": table.key,
            "title": table.title,
            "data_updated": updated,
            "as_of": as_of,
            "columns": [{"key": c.key, "label": c.label} for c in table.columns],
            "rows": [{c.key: _plain(v) for c, v in zip(table.columns, row)} for row in table.rows],
        },
        indent=2,
    )


_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def _ods_cell(value) -> str:
    value = _plain(value)
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        value = "Yes" if value else "No"
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def as_ods(table: Table) -> bytes:
    """An OpenDocument spreadsheet of one sheet: the header row, then the rows."""
    header = "".join(_ods_cell(c.label) for c in table.columns)
    body = "".join(f"<table:table-row>{''.join(_ods_cell(v) for v in row)}</table:table-row>" for row in table.rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(table.key[:31])}">'
        f"<table:table-row>{header}</table:table-row>{body}"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), FORMATS["ods"], compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
