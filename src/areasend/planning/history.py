"""An area's history as known on a date: the back-testing filter, kept pure so it can be tested alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from areasend.framework.versions import CURRENT_FRAMEWORK_IDS

from .model import FULL, MONITORING, AreaState

__all__ = ["CURRENT_FRAMEWORKS", "HistoryRecord", "area_state_as_of", "known_on"]

#: Frameworks whose full inspections count as "inspected under the current framework".
CURRENT_FRAMEWORKS = CURRENT_FRAMEWORK_IDS


@dataclass(frozen=True)
class HistoryRecord:
    """One inspection, revisit or monitoring inspection of an area (own or inherited)."""

    framework: str
    kind: str
    start_date: dt.date | None
    published: dt.date | None = None
    outcome: int | None = None
    wsoa_required: bool | None = None
    sufficient_progress: str = ""


def known_on(record: HistoryRecord, as_of: dt.date) -> HistoryRecord | None:
    """The record as it was known on ``as_of``: None if it had not started; no outcome before publication."""
    if record.start_date is None:
        if record.published is None or record.published > as_of:
            return None
        return record
    if record.start_date > as_of:
        return None
    if record.published is None or record.published > as_of:
        return HistoryRecord(record.framework, record.kind, record.start_date, None, None)
    return record


def _legacy(dated: list[HistoryRecord]) -> dict:
    """What the 2016 framework left: its latest inspection and revisit, the statement, the revisit's finding."""
    inspections = [r for r in dated if r.framework == "2016" and r.kind == FULL]
    revisits = [r for r in dated if r.framework == "2016" and r.kind == "revisit"]
    latest = inspections[-1] if inspections else None
    published_revisits = [r for r in revisits if r.published is not None and r.sufficient_progress]
    return {
        "last_2016_inspection": latest.start_date if latest else None,
        "last_revisit": revisits[-1].start_date if revisits else None,
        "written_statement": latest.wsoa_required if latest and latest.published else None,
        "revisit_progress": published_revisits[-1].sufficient_progress if published_revisits else "",
    }


def area_state_as_of(
    code: str, name: str, region: str, records: Iterable[HistoryRecord], as_of: dt.date
) -> AreaState:
    """The :class:`AreaState` of an area built only from history dated on or before ``as_of``."""
    known = [r for r in (known_on(record, as_of) for record in records) if r is not None]
    dated = sorted((r for r in known if r.start_date is not None), key=lambda r: r.start_date)
    last = dated[-1].start_date if dated else None
    full = [r for r in dated if r.kind == FULL and r.framework in CURRENT_FRAMEWORKS]
    legacy = _legacy(dated)
    if not full:
        return AreaState(code, name, region, last_inspection_date=last, **legacy)
    latest = full[-1]
    monitored = any(r.kind == MONITORING and r.start_date > latest.start_date for r in dated)
    return AreaState(
        code,
        name,
        region,
        last_inspection_date=last,
        last_full_under_current_framework=latest.start_date,
        last_full_framework=latest.framework,
        last_outcome=latest.outcome,
        last_published=latest.published,
        monitoring_since_last_full=monitored,
        **legacy,
    )
