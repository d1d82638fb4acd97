"""The national workforce from a file: one row a person, read with the shared reader of table files.

Columns ``name,remit,region,unavailable,conflicts``: ``remit`` is ``hmi``, ``ofsted``, ``social_care``
or ``cqc``; ``unavailable`` is ``;``-separated ISO dates of Mondays of weeks the person cannot be on
site; ``conflicts`` is ``;``-separated ONS codes of areas they may not inspect. Every problem is given
by row, column and reason, and a file with any problem is refused whole.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from pathlib import Path

from areasend import framework as fw
from areasend.intake.tables import CellError, Column, Problem, full_date, read_table, text
from areasend.planning import Inspector

__all__ = ["WORKFORCE_COLUMNS", "WorkforceError", "from_parameters", "read_workforce", "to_parameters"]

ONS_CODE = re.compile(r"^E\d{8}$")


class WorkforceError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(shown + more)


def _remit(value: str) -> str:
    try:
        return fw.Remit.from_key(value).value
    except fw.FrameworkError:
        raise CellError(f"{value.strip()!r} is not a remit: write hmi, ofsted, social_care or cqc") from None


def _mondays(value: str) -> frozenset[dt.date]:
    out = set()
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        day = full_date(part)
        if day.weekday() != 0:
            raise CellError(f"{part} is a {day:%A}: give the Monday of each week, like {day - dt.timedelta(days=day.weekday())}")
        out.add(day)
    return frozenset(out)


def _codes(value: str) -> frozenset[str]:
    out = set()
    for part in (p.strip().upper() for p in value.split(";")):
        if not part:
            continue
        if not ONS_CODE.match(part):
            raise CellError(f"{part!r} is not an ONS code like E06000001")
        out.add(part)
    return frozenset(out)


WORKFORCE_COLUMNS = (
    Column("name", text, needs_value=True),
    Column("remit", _remit, needs_value=True),
    Column("region", text),
    Column("unavailable", _mondays),
    Column("conflicts", _codes),
)


def read_workforce(source, *, name: str | None = None, regions: Collection[str] = (),
                   area_codes: Collection[str] = ()) -> tuple[Inspector, ...]:
    """The people in the file; :class:`WorkforceError` with every problem when any row is wrong.

    With ``regions``, a home region must be one of them; with ``area_codes``, a conflict must name an area.
    """
    result = read_table(source, WORKFORCE_COLUMNS, name=name)
    problems = list(result.problems)
    seen: dict[str, int] = {}
    people = []
    for row in result.rows:
        name, region = row["name"], row["region"]
        if name in seen:
            problems.append(Problem(row.file, row.number, "name", f"{name} is already on row {seen[name]}: give each person once"))
            continue
        seen[name] = row.number
        if region and regions and region not in regions:
            problems.append(Problem(row.file, row.number, "region",
                                    f"{region!r} is not a region of the register: write one of {', '.join(sorted(regions))}, or leave it empty"))
        unknown = sorted(code for code in row["conflicts"] if area_codes and code not in area_codes)
        if unknown:
            problems.append(Problem(row.file, row.number, "conflicts", f"no area has the ONS code {', '.join(unknown)}"))
        people.append(Inspector(name, row["remit"], region, row["unavailable"], row["conflicts"]))
    if not problems and not people:
        problems.append(Problem(name or Path(str(source)).name, None, None,
                                "the file has no people in it: add a row for each person"))
    if problems:
        raise WorkforceError(problems)
    return tuple(people)


def to_parameters(people: tuple[Inspector, ...]) -> list[dict]:
    """The workforce as a plan run stores it (JSON)."""
    return [{"name": p.name, "remit": p.remit, "region": p.region,
             "unavailable": sorted(day.isoformat() for day in p.unavailable), "conflicts": sorted(p.conflicts)}
            for p in people]


def from_parameters(rows: list[dict] | None) -> tuple[Inspector, ...]:
    return tuple(Inspector(r["name"], r["remit"], r.get("region", ""),
                           frozenset(dt.date.fromisoformat(d) for d in r.get("unavailable", [])),
                           frozenset(r.get("conflicts", []))) for r in rows or [])
