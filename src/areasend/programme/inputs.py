"""What the planner is given, read from the register and the inspections in this service (read-only).

The pages and the ``areasend plan`` command both build their inputs here:

* the current areas (never an abolished one, whatever the plan's date), each with its own and inherited
  history as known on the plan's first day (an
  inspection run in this service is in that history once its outcome is recorded, and counts from its
  publication date, so an area is planned from a published outcome like any other);
* areas with an inspection under way on that day (started here, outcome not yet published) leave the
  plan: they are listed as under way instead of being given a week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from areasend.areas.queries import current_areas
from areasend.planning import AreaState, HistoryRecord, area_state_as_of


def areas_on(as_of: dt.date):
    """The areas a plan covers: the current ones only, whatever its date (successors inherit the history
    of the bodies they replaced, so an abolished county is never planned)."""
    return current_areas(as_of).order_by("ons_code")


@dataclass(frozen=True)
class PlanInputs:
    areas: list[AreaState]
    under_way: list[dict]


def latest_data_date() -> dt.date | None:
    """The last day the register's history covers: a plan of the real programme reads best from here,
    since what came after it is not in the register."""
    from areasend.areas.queries import latest_history_date

    return latest_history_date()


def load_area_states(as_of: dt.date) -> list[AreaState]:
    """Every current area's :class:`AreaState` from history dated on or before ``as_of`` (own and inherited)."""
    from areasend.areas.queries import history_for

    states = []
    for area in areas_on(as_of):
        records = [
            HistoryRecord(entry.record.framework, entry.record.kind, entry.record.start_date,
                          entry.record.published, entry.record.outcome, entry.record.wsoa_required,
                          entry.record.sufficient_progress)
            for entry in history_for(area, as_of)
        ]
        states.append(area_state_as_of(area.ons_code, area.name, area.region, records, as_of))
    return states


def under_way_on(as_of: dt.date) -> dict[str, dict]:
    """Areas with an inspection under way on ``as_of``, by ONS code, as stored in a plan's result."""
    from areasend.inspections.queries import live_by_area

    return {
        code: {"area_code": code, "area_name": live.area_name, "kind": live.kind, "inspection": live.inspection_id,
               "stage": "outcome recorded, not yet published" if live.outcome_recorded else "inspection under way"}
        for code, live in live_by_area(as_of).items()
    }


def plan_inputs(as_of: dt.date, *, excluded: frozenset[str] | set[str] = frozenset()) -> PlanInputs:
    """The areas to plan from ``as_of`` (less those left out and those under way) and the ones under way."""
    under_way = under_way_on(as_of)
    areas = [a for a in load_area_states(as_of) if a.code not in excluded and a.code not in under_way]
    return PlanInputs(areas, sorted(under_way.values(), key=lambda u: u["area_name"]))
