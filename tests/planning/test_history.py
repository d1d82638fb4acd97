"""Back-testing: a plan as of a past date sees only the history dated on or before it."""

import datetime as dt

from areasend import framework as fw
from areasend.planning import MONITORING, HistoryRecord, area_state_as_of, build_problem, known_on

RECORDS = (
    HistoryRecord("2016", "full", dt.date(2016, 6, 20), dt.date(2016, 9, 1)),
    HistoryRecord("2016", "revisit", dt.date(2019, 3, 4), dt.date(2019, 5, 1)),
    HistoryRecord("2023", "full", dt.date(2023, 1, 30), dt.date(2023, 5, 16), 3),
    HistoryRecord("2023", "monitoring", dt.date(2024, 11, 4), dt.date(2025, 1, 20)),
)


def state(as_of):
    return area_state_as_of("E10000024", "Nottinghamshire", "East Midlands", RECORDS, as_of)


def test_before_the_2023_inspection_nothing_of_it_is_seen():
    area = state(dt.date(2023, 1, 1))
    assert area.last_inspection_date == dt.date(2019, 3, 4)
    assert area.awaiting_first_full_inspection
    assert area.last_outcome is None and area.last_published is None


def test_started_but_unpublished_inspection_has_no_outcome_yet_and_nothing_to_plan():
    area = state(dt.date(2023, 3, 1))
    assert area.last_full_under_current_framework == dt.date(2023, 1, 30)
    assert area.last_outcome is None and area.last_published is None
    assert known_on(RECORDS[2], dt.date(2023, 3, 1)).outcome is None
    assert build_problem([area], dt.date(2023, 3, 1), dt.date(2026, 12, 31), blackouts=()).activities == ()


def test_after_publication_the_outcome_drives_the_cycle_from_the_core():
    area = state(dt.date(2023, 6, 1))
    assert (area.last_outcome, area.last_published) == (3, dt.date(2023, 5, 16))
    assert not area.monitoring_since_last_full
    problem = build_problem([area], dt.date(2023, 6, 1), dt.date(2026, 12, 31), blackouts=())
    monitoring = next(a for a in problem.activities if a.kind == MONITORING)
    assert monitoring.due_by == fw.cycle_after("2023", 3, published=dt.date(2023, 5, 16)).monitoring_inspection_due.date


def test_a_monitoring_inspection_that_has_happened_is_not_planned_again():
    area = state(dt.date(2025, 2, 1))
    assert area.monitoring_since_last_full and area.last_inspection_date == dt.date(2024, 11, 4)
    problem = build_problem([area], dt.date(2025, 2, 1), dt.date(2026, 12, 31), blackouts=())
    assert [a.kind for a in problem.activities] == ["full"]


def test_records_starting_after_the_date_are_not_known():
    assert known_on(RECORDS[3], dt.date(2024, 11, 3)) is None
    assert known_on(RECORDS[3], dt.date(2024, 11, 4)) is not None
