"""National pauses push due dates past them and say why (issue 14, part 4)."""

import dataclasses
import datetime as dt

import pytest

from areasend import framework as fw
from areasend.framework.pauses import NationalPause, PauseStops, push_past_pauses

D = dt.date


def _cycle():
    return fw.cycle_after("2023", 3, published=D(2024, 6, 25))  # monitoring due 29 December 2025


def test_monitoring_only_pause_moves_monitoring_and_says_why():
    cycle = _cycle()
    pause = NationalPause("Review", "The framework is being reviewed", D(2025, 12, 1), D(2026, 1, 30),
                          PauseStops.MONITORING)
    moved, applied = push_past_pauses(cycle.monitoring_inspection_due, [pause])
    assert moved.date == D(2026, 2, 2)  # Monday after Friday 30 January
    assert applied == (pause,)
    assert "Moved from 29 December 2025 because the framework is being reviewed." in moved.note
    # a monitoring-only pause leaves the next full inspection alone
    full = dataclasses.replace(cycle.next_full_inspection_due, date=D(2026, 1, 5))
    assert push_past_pauses(full, [pause]) == (full, ())


def test_pause_to_all_inspections_moves_full_inspection_but_not_plans():
    cycle = _cycle()
    pause = NationalPause("Suspension", "All inspections are suspended", D(2026, 1, 1), D(2026, 3, 31),
                          PauseStops.ALL)
    full = dataclasses.replace(cycle.next_full_inspection_due, date=D(2026, 2, 10))
    moved, _ = push_past_pauses(full, [pause])
    assert moved.date == D(2026, 4, 1)
    plan = dataclasses.replace(cycle.strategic_plan_update_due, date=D(2026, 2, 10))
    assert push_past_pauses(plan, [pause]) == (plan, ())


def test_back_to_back_pauses_are_both_applied():
    cycle = _cycle()
    first = NationalPause("A", "A review", D(2025, 12, 1), D(2026, 1, 9), PauseStops.MONITORING)
    second = NationalPause("B", "A suspension", D(2026, 1, 12), D(2026, 1, 16), PauseStops.ALL)
    moved, applied = push_past_pauses(cycle.monitoring_inspection_due, [second, first])
    assert moved.date == D(2026, 1, 19) and applied == (first, second)
    assert "because a review; a suspension." in moved.note


def test_a_date_outside_every_pause_is_unchanged():
    due = _cycle().monitoring_inspection_due
    pause = NationalPause("A", "A review", D(2026, 1, 1), D(2026, 1, 9), PauseStops.ALL)
    assert push_past_pauses(due, [pause]) == (due, ())


def test_bad_pauses_are_refused_with_a_message():
    with pytest.raises(fw.FrameworkError, match="ends before it starts"):
        NationalPause("A", "A review", D(2026, 2, 1), D(2026, 1, 1), PauseStops.ALL)
    with pytest.raises(fw.FrameworkError, match="needs a reason"):
        NationalPause("A", " ", D(2026, 1, 1), D(2026, 2, 1), PauseStops.ALL)
