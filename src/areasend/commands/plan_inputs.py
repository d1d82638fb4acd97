"""The planner's inputs read from the register: each area's state as known on a date (read-only)."""

from __future__ import annotations

import datetime as dt

from areasend.planning import AreaState, HistoryRecord, area_state_as_of


def areas_on(as_of: dt.date):
    """Areas that existed on ``as_of``: not yet abolished, and not a successor whose body began later."""
    from django.db.models import Q

    from areasend.areas.models import LocalAreaPartnership

    return (
        LocalAreaPartnership.objects.filter(Q(abolished_on__isnull=True) | Q(abolished_on__gt=as_of))
        .exclude(predecessor_links__successor_from__gt=as_of)
        .distinct()
        .order_by("ons_code")
    )


def load_area_states(as_of: dt.date) -> list[AreaState]:
    """Every area's :class:`AreaState` from history dated on or before ``as_of`` (own and inherited)."""
    from areasend.areas.queries import history_for

    states = []
    for area in areas_on(as_of):
        records = [
            HistoryRecord(entry.record.framework, entry.record.kind, entry.record.start_date,
                          entry.record.published, entry.record.outcome)
            for entry in history_for(area, as_of)
        ]
        states.append(area_state_as_of(area.ons_code, area.name, area.region, records, as_of))
    return states
