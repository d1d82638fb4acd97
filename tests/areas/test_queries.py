"""Reads the pages share: annotations, filters, history and what comes next."""

from __future__ import annotations

import datetime as dt

import pytest

from areasend import framework as fw
from areasend.areas import queries, services
from areasend.areas.models import InspectionRecord, LocalAreaPartnership

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 15)


def area(code: str) -> LocalAreaPartnership:
    return LocalAreaPartnership.objects.get(ons_code=code)


def test_current_areas_inherit_the_last_inspection_of_the_county_they_replaced(shipped_register):
    areas = {a.ons_code: a for a in queries.current_areas(TODAY)}
    assert len(areas) == 153
    cumberland = areas["E06000063"]
    assert cumberland.last_inspection_date == dt.date(2019, 3, 18)  # Cumbria's
    assert cumberland.latest_outcome is None
    assert areas["E06000061"].latest_outcome == 3
    assert areas["E06000061"].last_inspection_date == dt.date(2024, 1, 22)
    # Dorset has its own 2024 inspection, after the county's revisit known only to the month.
    assert areas["E06000059"].last_inspection_date == dt.date(2024, 3, 11)
    assert queries.current_areas(dt.date(2024, 1, 1)).get(ons_code="E06000059").last_inspection_date == dt.date(2024, 3, 11)
    assert queries.current_areas(TODAY).get(ons_code="E06000064").last_inspection_kind == "full"


def test_filter_by_region_and_search(shipped_register):
    midlands = list(queries.filtered_areas(region="East Midlands", today=TODAY))
    assert len(midlands) == LocalAreaPartnership.objects.current().filter(region="East Midlands").count() == 10
    assert all(a.region == "East Midlands" for a in midlands)
    names = [a.name for a in queries.filtered_areas(q="northamptonshire", today=TODAY)]
    assert names == ["North Northamptonshire", "West Northamptonshire"]
    assert [a.name for a in queries.filtered_areas(q="E06000063", today=TODAY)] == ["Cumberland"]


def test_filter_by_latest_outcome(shipped_register):
    assert queries.filtered_areas(outcome=["3"], today=TODAY).count() == 14
    assert queries.filtered_areas(outcome=["1", "2"], today=TODAY).count() == 40
    assert queries.filtered_areas(outcome=["none"], today=TODAY).count() == 99
    assert queries.filtered_areas(outcome=["3", "none"], today=TODAY).count() == 113


def test_filter_by_time_since_last_inspection(shipped_register):
    buckets = {key: list(queries.filtered_areas(since_last=key, today=TODAY)) for key, _ in queries.SINCE_LAST_CHOICES}
    assert sum(len(b) for b in buckets.values()) == 153
    for a in buckets["under-1"]:
        assert a.last_inspection_date > dt.date(2024, 1, 15)
    for a in buckets["1-3"]:
        assert dt.date(2022, 1, 15) < a.last_inspection_date <= dt.date(2024, 1, 15)
    for a in buckets["over-5"]:
        assert a.last_inspection_date <= dt.date(2020, 1, 15)
    assert "Cumberland" in {a.name for a in buckets["over-5"]}
    assert "North Northamptonshire" in {a.name for a in buckets["under-1"]}
    assert "Barnsley" in {a.name for a in buckets["3-5"]}  # 2021-09-20


def test_sorting(shipped_register):
    by_name = [a.name for a in queries.filtered_areas(sort="name", today=TODAY)]
    assert by_name == sorted(by_name)
    oldest = list(queries.filtered_areas(sort="oldest", today=TODAY))
    dates = [a.last_inspection_date for a in oldest]
    assert dates == sorted(dates)
    assert oldest[0].last_inspection_date < dt.date(2017, 1, 1)
    regions = [a.region for a in queries.filtered_areas(sort="region", today=TODAY)]
    assert regions == sorted(regions)


def test_history_of_a_successor_includes_its_predecessor_labelled(shipped_register):
    history = queries.history_for(area("E06000061"), TODAY)
    assert [(e.record.framework, e.is_inherited) for e in history] == [("2016", True), ("2023", False)]
    assert history[0].inherited_from.ons_code == "E10000021"
    dorset = queries.history_for(area("E06000059"), TODAY)
    assert [(e.record.framework, e.record.kind, e.is_inherited) for e in dorset] == [
        ("2016", "full", True),
        ("2016", "revisit", True),
        ("2023", "full", False),
    ]


def test_a_recorded_inspection_shows_only_from_its_publication_date(shipped_register):
    bath = area("E06000022")
    services.record_published_inspection(
        area=bath, framework="2025", kind="full", start_date=dt.date(2025, 9, 15), end_date=dt.date(2025, 9, 19),
        published=dt.date(2025, 11, 14), outcome=1, summary="Positive.", recorded_inspection_id=7, actor=None,
    )
    before, on = dt.date(2025, 11, 13), dt.date(2025, 11, 14)
    assert all(e.record.recorded_inspection_id is None for e in queries.history_for(bath, before))
    assert queries.history_for(bath, on)[-1].record.recorded_inspection_id == 7
    assert queries.current_areas(before).get(pk=bath.pk).latest_outcome is None
    assert queries.current_areas(on).get(pk=bath.pk).latest_outcome == 1
    assert queries.next_steps(bath, before).awaiting_first_inspection
    assert queries.next_steps(bath, on).based_on.record.recorded_inspection_id == 7


def test_next_steps_after_outcome_3_come_from_the_core(shipped_register):
    steps = queries.next_steps(area("E10000024"), dt.date(2023, 6, 1))  # Nottinghamshire, published 2023-05-16
    cycle = fw.cycle_after("2023", 3, published=dt.date(2023, 5, 16))
    by_key = {s.key: s for s in steps.steps}
    assert by_key["monitoring_inspection_due"].date == cycle.monitoring_inspection_due.date
    assert by_key["monitoring_inspection_due"].approximate is True
    assert by_key["monitoring_inspection_due"].tolerance == str(cycle.monitoring_inspection_due.tolerance)
    assert by_key["next_full_inspection_due"].date == cycle.next_full_inspection_due.date
    assert by_key["priority_action_plan_submission_due"].date == cycle.priority_action_plan_submission_due.date
    meetings = [s for s in steps.steps if s.key.startswith("engagement_meeting")]
    assert len(meetings) == 1 and meetings[0].date == cycle.engagement_meetings[0].date
    assert not any(s.passed for s in steps.steps)


def test_next_steps_after_a_positive_outcome_have_no_monitoring(shipped_register):
    positive = LocalAreaPartnership.objects.filter(inspection_records__outcome=1).first()
    steps = queries.next_steps(positive, TODAY)
    keys = {s.key for s in steps.steps}
    assert "monitoring_inspection_due" not in keys
    assert "priority_action_plan_submission_due" not in keys
    assert "next_full_inspection_due" in keys


def test_a_monitoring_inspection_that_happened_is_no_longer_due(shipped_register):
    notts = area("E10000024")
    services.record_published_inspection(
        area=notts, framework="2023", kind="monitoring", start_date=dt.date(2024, 11, 4), end_date=None,
        published=dt.date(2024, 12, 20), outcome=None, summary="", recorded_inspection_id=11, actor=None,
    )
    keys = {s.key for s in queries.next_steps(notts, TODAY).steps}
    assert "monitoring_inspection_due" not in keys
    assert "next_full_inspection_due" in keys


def test_an_area_not_yet_inspected_under_2023_waits_for_its_first_inspection(shipped_register):
    steps = queries.next_steps(area("E06000063"), TODAY)  # Cumberland
    assert steps.awaiting_first_inspection
    assert steps.waiting == queries.filtered_areas(outcome=["none"], today=TODAY).count()
    queue = queries.first_inspection_queue(TODAY)
    assert queue[steps.priority - 1].ons_code == "E06000063"
    assert [s.date for s in steps.steps] == [fw.version_on(TODAY).cycle.first_cycle_complete.on]
    assert steps.last_inspection.inherited_from.name == "Cumbria"


def test_an_abolished_area_has_nothing_next(shipped_register):
    steps = queries.next_steps(area("E10000021"), TODAY)
    assert steps.steps == () and steps.reason_unknown == "abolished"


def test_get_area_404s_for_an_unknown_code(shipped_register):
    from django.http import Http404

    with pytest.raises(Http404):
        queries.get_area("E06999999")
    assert queries.get_area("e06000061").name == "North Northamptonshire"


def test_records_have_unique_recorded_ids(shipped_register):
    assert not InspectionRecord.objects.filter(recorded_inspection_id__isnull=False).exists()
