"""The soft rule "not the same lead twice running for an area": a full reinspection is led by someone
other than the area's previous lead, even when the previous lead lives nearer."""

import datetime as dt

from areasend.planning import FULL, AreaState, Capacity, Inspector, plan

MONDAY = dt.date(2025, 9, 1)


def reinspection_due(previous_lead):
    start = dt.date(2022, 3, 7)
    return AreaState("E09000001", "Area E09000001", "London", last_inspection_date=start,
                     last_full_under_current_framework=start, last_full_framework="2023",
                     last_outcome=2, last_published=start + dt.timedelta(days=60), previous_lead=previous_lead)


def workforce():
    return (
        Inspector("Near lead", "hmi", "London"),
        Inspector("Far lead", "hmi", "North East"),
        Inspector("Ofsted one", "ofsted", "London"),
        Inspector("Care one", "social_care", "London"),
        Inspector("CQC one", "cqc", "London"),
    )


def planned_lead(previous_lead):
    result = plan([reinspection_due(previous_lead)], MONDAY, MONDAY + dt.timedelta(weeks=40),
                  capacity=Capacity(full_per_week=1, monitoring_per_week=1), workforce=workforce(), time_limit=2)
    items = [item for item in result.items if item.kind == FULL and item.onsite_start is not None]
    assert len(items) == 1, result.items
    return items[0].team[0].name, result


def test_without_a_previous_lead_the_nearer_hmi_leads():
    lead, _ = planned_lead(None)
    assert lead == "Near lead"


def test_the_previous_lead_does_not_lead_the_reinspection_even_when_nearer():
    lead, _ = planned_lead("Near lead")
    assert lead == "Far lead"


def test_the_other_way_round_the_previous_lead_is_still_avoided():
    lead, _ = planned_lead("Far lead")
    assert lead == "Near lead"
