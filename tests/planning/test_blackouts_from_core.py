"""The planner's no-inspection weeks come from the framework core, not from its own dates."""

import datetime as dt

import pytest

from areasend import framework as fw
from areasend.planning import FULL, MONITORING, default_blackouts


@pytest.mark.parametrize("bank_holiday_weeks", [False, True])
def test_default_blackouts_are_the_cores_no_inspection_periods(bank_holiday_weeks):
    start, end = dt.date(2024, 1, 1), dt.date(2027, 12, 31)
    blackouts = default_blackouts(start, end, bank_holiday_weeks=bank_holiday_weeks)
    periods = fw.no_inspection_periods(start, end, bank_holiday_weeks=bank_holiday_weeks)
    assert [(b.start, b.end, b.label) for b in blackouts] == [(p.start, p.end, p.label) for p in periods]
    assert all(b.area_codes is None for b in blackouts)
    assert len(blackouts) > 8


def test_a_summer_week_is_blacked_out_for_every_area():
    blackouts = default_blackouts(dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    monday = dt.date(2026, 8, 3)
    assert any(b.covers_week(monday, "E06000022") for b in blackouts)
    assert any(b.covers_week(dt.date(2026, 9, 7), "E06000022") for b in blackouts)  # start of the autumn term
    assert not any(b.covers_week(dt.date(2026, 9, 21), "E06000022") for b in blackouts)


def test_planner_kinds_are_the_core_keys():
    assert (FULL, MONITORING) == (fw.InspectionKind.FULL.value, fw.InspectionKind.MONITORING.value)
