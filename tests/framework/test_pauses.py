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
    pause = NationalPause("Review", "A review of the framework", D(2025, 12, 1), D(2026, 1, 30),
                          PauseStops.MONITORING)
    moved, applied = push_past_pauses(cycle.monitoring_inspection_due, [pause])
    assert moved.date == D(2026, 2, 2)  # Monday after Friday 30 January
    assert applied == (pause,)
    assert moved.note.endswith(
        "This date moved from 29 December 2025 to 2 February 2026 because monitoring inspections were paused "
        "for a review of the framework.")
    # a monitoring-only pause leaves the next full inspection alone
    full = dataclasses.replace(cycle.next_full_inspection_due, date=D(2026, 1, 5))
    assert push_past_pauses(full, [pause]) == (full, ())


def test_pause_to_all_inspections_moves_full_inspection_but_not_plans():
    cycle = _cycle()
    pause = NationalPause("Suspension", "A suspension of inspections", D(2026, 1, 1), D(2026, 3, 31),
                          PauseStops.ALL)
    full = dataclasses.replace(cycle.next_full_inspection_due, date=D(2026, 2, 10))
    moved, _ = push_past_pauses(full, [pause])
    assert moved.date == D(2026, 4, 1)
    assert "because all inspections were paused for a suspension of inspections." in moved.note
    plan = dataclasses.replace(cycle.strategic_plan_update_due, date=D(2026, 2, 10))
    assert push_past_pauses(plan, [pause]) == (plan, ())


def test_back_to_back_pauses_are_both_applied():
    cycle = _cycle()
    first = NationalPause("A", "a review", D(2025, 12, 1), D(2026, 1, 9), PauseStops.MONITORING)
    second = NationalPause("B", "a suspension", D(2026, 1, 12), D(2026, 1, 16), PauseStops.ALL)
    moved, applied = push_past_pauses(cycle.monitoring_inspection_due, [second, first])
    assert moved.date == D(2026, 1, 19) and applied == (first, second)
    assert ("because monitoring inspections were paused for a review and all inspections were paused "
            "for a suspension.") in moved.note


def test_a_date_outside_every_pause_is_unchanged():
    due = _cycle().monitoring_inspection_due
    pause = NationalPause("A", "A review", D(2026, 1, 1), D(2026, 1, 9), PauseStops.ALL)
    assert push_past_pauses(due, [pause]) == (due, ())


def test_bad_pauses_are_refused_with_a_message():
    with pytest.raises(fw.FrameworkError, match="ends before it starts"):
        NationalPause("A", "A review", D(2026, 2, 1), D(2026, 1, 1), PauseStops.ALL)
    with pytest.raises(fw.FrameworkError, match="needs a reason"):
        NationalPause("A", " ", D(2026, 1, 1), D(2026, 2, 1), PauseStops.ALL)


# --- the wiring: kinds, bare dates, obligations, weeks --------------------------------------------

REVIEW = NationalPause("Review", "a review of the framework", D(2025, 3, 1), D(2025, 7, 11), PauseStops.MONITORING)


@pytest.mark.parametrize(("stops", "kind", "stopped"), [
    (PauseStops.MONITORING, fw.InspectionKind.MONITORING, True),
    (PauseStops.MONITORING, fw.InspectionKind.FULL, False),
    (PauseStops.MONITORING, "revisit", False),
    (PauseStops.ALL, "full", True),
    (PauseStops.ALL, "monitoring", True),
    (PauseStops.ALL, fw.InspectionKind.REVISIT, True),
    (PauseStops.ALL, None, False),
])
def test_what_a_pause_stops_is_in_the_cores_kinds(stops, kind, stopped):
    pause = NationalPause("P", "a review", D(2025, 3, 1), D(2025, 3, 31), stops)
    assert pause.stops_kind(kind) is stopped
    assert pause.covers_day(D(2025, 3, 15), kind) is stopped
    assert pause.covers_day(D(2025, 4, 1), kind) is False


def test_due_date_keys_map_to_kinds_and_plans_are_never_paused():
    assert fw.kind_of_due_date("monitoring_inspection_due") is fw.InspectionKind.MONITORING
    assert fw.kind_of_due_date("next_full_inspection_due") is fw.InspectionKind.FULL
    assert fw.kind_of_due_date("first_full_inspection_due") is fw.InspectionKind.FULL
    assert fw.kind_of_due_date("strategic_plan_update_due") is None
    assert fw.kind_of_due_date("engagement_meeting_1") is None


def test_a_bare_date_moves_to_the_working_day_after_the_pause():
    day, applied = fw.date_past_pauses(D(2025, 3, 3), "monitoring", [REVIEW])
    assert day == D(2025, 7, 14) and applied == (REVIEW,)  # Friday 11 July: Monday 14 July
    assert fw.why_moved(D(2025, 3, 3), day, applied) == (
        "This date moved from 3 March 2025 to 14 July 2025 because monitoring inspections were paused for a "
        "review of the framework.")
    assert fw.date_past_pauses(D(2025, 3, 3), "full", [REVIEW]) == (D(2025, 3, 3), ())
    assert fw.date_past_pauses(D(2025, 7, 12), "monitoring", [REVIEW]) == (D(2025, 7, 12), ())
    assert fw.why_moved(D(2025, 3, 3), D(2025, 3, 3), ()) == ""


def test_an_obligation_moves_and_says_why_and_is_not_overdue_during_the_pause():
    owed = fw.Obligation("E1:1:monitoring_inspection_due", "E1", "Anytown", "Monitoring inspection",
                         fw.Owner.INSPECTORATES, D(2025, 3, 3))
    assert owed.is_overdue(D(2025, 5, 1))
    moved = fw.obligation_past_pauses(owed, "monitoring", [REVIEW])
    assert moved.due == D(2025, 7, 14)
    assert moved.moved_because.startswith("This date moved from 3 March 2025 to 14 July 2025 because")
    assert not moved.is_overdue(D(2025, 5, 1)) and not moved.is_overdue(D(2025, 7, 14))
    assert moved.is_overdue(D(2025, 7, 15))
    # another kind, or no pause, leaves it exactly as it was
    assert fw.obligation_past_pauses(owed, "full", [REVIEW]) is owed
    assert fw.obligation_past_pauses(owed, None, [REVIEW]) is owed
    assert fw.obligation_past_pauses(owed, "monitoring", []) is owed


def test_a_week_is_in_a_pause_when_any_working_day_of_it_is():
    pause = NationalPause("P", "a review", D(2025, 3, 5), D(2025, 3, 12), PauseStops.MONITORING)  # Wed to Wed
    assert pause.covers_week(D(2025, 3, 3), "monitoring")
    assert pause.covers_week(D(2025, 3, 10), "monitoring")
    assert not pause.covers_week(D(2025, 3, 17), "monitoring")
    assert not pause.covers_week(D(2025, 3, 3), "full")
    weekend = NationalPause("W", "a review", D(2025, 3, 8), D(2025, 3, 9), PauseStops.ALL)  # Saturday and Sunday
    assert not weekend.covers_week(D(2025, 3, 3), "full") and not weekend.covers_week(D(2025, 3, 10), "full")


def test_reasons_read_as_a_clause():
    pause = NationalPause("P", "  A review of the framework.  ", D(2025, 3, 1), D(2025, 3, 2), PauseStops.ALL)
    assert pause.sentence == "all inspections were paused for a review of the framework"
    acronym = NationalPause("P", "DfE guidance changes", D(2025, 3, 1), D(2025, 3, 2), PauseStops.ALL)
    assert acronym.sentence == "all inspections were paused for DfE guidance changes"
